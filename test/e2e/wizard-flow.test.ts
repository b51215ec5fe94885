import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeContext } from '../support/build-fixtures';
import { dockerCli } from '../support/docker-cli';
import { ensurePythonStandIn } from '../support/stand-in-images';
import { rigDocker } from '../support/test-images';
import { launchApp, type RunningApp } from './harness/launch-app';

const rig = inject('rig');

describe("a beginner's path through the wizard to a built image", () => {
  let app: RunningApp;
  let project: string;

  beforeAll(async () => {
    if (rig.mode !== 'private') return;
    await ensurePythonStandIn(rigDocker(rig.dockerHost));
    project = makeContext({
      'app.py': [
        'from flask import Flask',
        'app = Flask(__name__)',
        '',
        '@app.route("/")',
        'def hello():',
        '    return "Hello from the wizard"',
        '',
      ].join('\n'),
      'requirements.txt': 'flask\n',
      '.python-version': '3.11\n',
    });
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost }, pickFolder: () => project });
  }, 600_000);
  afterAll(async () => {
    await app?.close();
  });

  it('detects the project, explains every step, writes the files and builds them', async (context) => {
    if (rig.mode !== 'private')
      context.skip(
        `needs a stand-in python:3.11-slim image, made only in the private test engine: ${rig.limitation}`,
      );
    const { page } = app;
    await page.getByRole('button', { name: 'New Dockerfile', exact: true }).click();
    await page.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => page.getByTestId('detection').textContent()).toMatch(/Python/i);
    expect(await page.getByRole('button', { pressed: true }).textContent()).toMatch(/Python/);
    await app.screenshot('50-wizard-start');
    await page.getByRole('button', { name: 'Next' }).click();

    const seen: string[] = [];
    let preview = '';
    for (let step = 0; step < 20; step++) {
      const current = page.getByTestId('wizard-step');
      if ((await current.count()) === 0) break;
      const id = (await current.getAttribute('data-step'))!;
      const explanation = (await page.getByTestId('step-explanation').textContent()) ?? '';
      expect(explanation.length, `explanation of ${id}`).toBeGreaterThan(60);
      seen.push(id);
      preview = (await page.getByTestId('wizard-preview').textContent()) ?? '';
      await app.screenshot(`51-wizard-step-${String(step + 1).padStart(2, '0')}-${id}`);
      await page.getByRole('button', { name: 'Next' }).click();
    }
    expect(seen).toEqual(expect.arrayContaining(['base', 'dependencies', 'sources', 'start']));
    expect(preview).toContain('FROM python:3.11-slim');
    expect(preview.indexOf('COPY requirements.txt')).toBeLessThan(preview.indexOf('COPY . .'));
    expect(preview).not.toContain('# syntax');

    await page.getByTestId('wizard-files').waitFor();
    // The Files step shows the Dockerfile once: its own copy, no preview beside it.
    expect(await page.getByTestId('wizard-preview').count()).toBe(0);
    expect(await page.getByTestId('wizard-file-dockerfile').textContent()).toBe(preview);
    await app.screenshot('52-wizard-files');
    await page.getByRole('button', { name: 'Write the files' }).click();
    await page.getByRole('status').filter({ hasText: 'Wrote Dockerfile and .dockerignore' }).waitFor();
    const written = readFileSync(join(project, 'Dockerfile'), 'utf8');
    expect(written).toBe(preview);
    expect(readFileSync(join(project, '.dockerignore'), 'utf8')).toContain('__pycache__');

    await page.getByRole('button', { name: 'Build it' }).click();
    await expect.poll(() => page.getByLabel('Context folder').inputValue()).toBe(project);
    const tag = await page.getByLabel('Tag 1').inputValue();
    expect(tag).toMatch(/:dev$/);
    await page.getByRole('button', { name: 'Build', exact: true }).last().click();
    await expect
      .poll(() => page.getByTestId('build-status').textContent(), { timeout: 180_000 })
      .toBe('Built');
    await app.screenshot('53-wizard-built');
    const user = (
      await dockerCli(rig.dockerHost, ['image', 'inspect', '--format', '{{.Config.User}}', tag])
    ).trim();
    expect(user).not.toBe('');
    expect(user).not.toBe('root');
  });

  it('raised no page error, console error or CSP violation', async (context) => {
    if (!app) context.skip('the wizard flow did not run');
    expect(await app.problems()).toEqual([]);
  });
});
