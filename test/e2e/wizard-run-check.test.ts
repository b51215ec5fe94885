/**
 * "Run & check" (issue #19) as a user meets it, in browser mode: the wizard writes a Flask app's
 * files and the one button ends with a server answering; a start command naming a program the
 * image lacks ends with the output and the likely cause instead.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeContext } from '../support/build-fixtures';
import { dockerCli } from '../support/docker-cli';
import { ensurePythonStandIn } from '../support/stand-in-images';
import { rigDocker } from '../support/test-images';
import { launchBrowserMode, type RunningBrowserMode } from './harness/launch-browser-mode';

const rig = inject('rig');

const FLASK_APP = [
  'from flask import Flask',
  'app = Flask(__name__)',
  '',
  '@app.route("/")',
  'def hello():',
  '    return "Hello from Run & check"',
  '',
].join('\n');

/** Points the wizard at `folder` and walks every step to the Files step, changing nothing unless told. */
async function walkToFiles(page: Page, folder: string, onStep?: (step: string) => Promise<void>) {
  await page.getByRole('button', { name: 'New Dockerfile', exact: true }).click();
  await page.getByLabel('Project folder').fill(folder);
  await page.getByRole('button', { name: 'Look inside' }).click();
  await expect.poll(() => page.getByTestId('detection').textContent()).toMatch(/Python/);
  await page.getByRole('button', { name: 'Next' }).click();
  for (let step = 0; step < 20; step++) {
    const current = page.getByTestId('wizard-step');
    if ((await current.count()) === 0) break;
    await onStep?.((await current.getAttribute('data-step')) ?? '');
    await page.getByRole('button', { name: 'Next' }).click();
  }
  await page.getByTestId('wizard-files').waitFor();
}

describe('Run & check after the wizard wrote the files (browser mode)', () => {
  let app: RunningBrowserMode;
  const kept: string[] = [];

  beforeAll(async () => {
    if (rig.mode !== 'private') return;
    await ensurePythonStandIn(rigDocker(rig.dockerHost));
    app = await launchBrowserMode({ env: { DOCKER_HOST: rig.dockerHost } });
    await app.page.goto(app.server.issueLink());
  }, 600_000);
  afterAll(async () => {
    await app?.close();
    for (const name of kept) await dockerCli(rig.dockerHost, ['rm', '-f', name]).catch(() => '');
  });

  it('builds, starts and finds the Flask app answering, and leaves it running', async (context) => {
    if (rig.mode !== 'private')
      context.skip(`needs the python stand-in of the private engine: ${rig.limitation}`);
    const { page } = app;
    const project = makeContext({
      'app.py': FLASK_APP,
      'requirements.txt': 'flask\n',
      '.python-version': '3.11\n',
    });
    await walkToFiles(page, project);
    const button = page.getByRole('button', { name: 'Run & check' });
    expect(await button.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Write the files' }).click();
    await page.getByRole('status').filter({ hasText: 'Wrote Dockerfile and .dockerignore' }).waitFor();
    expect(statSync(join(project, 'Dockerfile')).isFile()).toBe(true);
    expect(await page.getByTestId('run-check').textContent()).toContain(
      'checks that a server answers on port 5000 within 30 s',
    );
    await button.click();
    const result = page.getByTestId('run-check-result');
    await result.waitFor({ timeout: 180_000 });
    await result.scrollIntoViewIfNeeded();
    await app.screenshot('wizard-run-check-passed');
    const text = (await result.textContent()) ?? '';
    expect(text).toMatch(/✓ It works\. Answered HTTP 200 at http:\/\/localhost:\d+\//);
    const name = /keeps running as (\S+?):/.exec(text)?.[1];
    expect(name).toBeDefined();
    kept.push(name!);
    const port = /localhost:(\d+)/.exec(text)![1];
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('Hello from Run & check');
    expect(await app.problems()).toEqual([]);
  });

  it('shows the output and the likely cause when the start program is not in the image', async (context) => {
    if (rig.mode !== 'private')
      context.skip(`needs the python stand-in of the private engine: ${rig.limitation}`);
    const { page } = app;
    const project = makeContext({
      'main.py': FLASK_APP,
      'requirements.txt': 'flask\n',
      '.python-version': '3.11\n',
    });
    await page.goto(app.server.issueLink());
    await walkToFiles(page, project, async (step) => {
      if (step === 'start') await page.getByLabel('Start command').fill('streamlit run main.py');
    });
    await page.getByRole('button', { name: 'Write the files' }).click();
    await page.getByRole('status').filter({ hasText: 'Wrote Dockerfile and .dockerignore' }).waitFor();
    await page.getByRole('button', { name: 'Run & check' }).click();
    const result = page.getByTestId('run-check-result');
    await result.waitFor({ timeout: 180_000 });
    await page.getByTestId('run-check-cause').scrollIntoViewIfNeeded();
    await app.screenshot('wizard-run-check-failed');
    expect(await result.textContent()).toContain('✗ It does not work yet.');
    expect(await page.getByTestId('run-check-cause').textContent()).toBe(
      "Likely cause: streamlit is not in the image: requirements.txt does not list it. Add streamlit to the project's dependencies.",
    );
    expect(await app.problems()).toEqual([]);
  });
});
