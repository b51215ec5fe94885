import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeContext } from '../support/build-fixtures';
import { removeImagesLabelled } from '../support/docker-cli';
import { TEST_LABEL } from '../support/rig-info';
import { launchBrowserMode, type RunningBrowserMode } from './harness/launch-browser-mode';

const rig = inject('rig');
const LINES = 300_000;

describe('a folded build log saved whole, in browser mode', () => {
  let app: RunningBrowserMode;
  const run = randomUUID().slice(0, 8);
  const context = makeContext({
    Dockerfile: `FROM ${rig.baseImage}\nLABEL ${TEST_LABEL}=${run}\nRUN seq 1 ${LINES}\n`,
  });
  const target = mkdtempSync(join(tmpdir(), 'dw-log-save-'));

  beforeAll(async () => {
    app = await launchBrowserMode({ env: { DOCKER_HOST: rig.dockerHost } });
    await app.page.goto(app.server.issueLink());
  });
  afterAll(async () => {
    await app?.close();
    rmSync(context, { recursive: true, force: true });
    rmSync(target, { recursive: true, force: true });
    await removeImagesLabelled(rig.dockerHost, TEST_LABEL, run);
  });

  it('folds the middle in the view, and Save log… writes every line', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Build', exact: true }).first().click();
    await page.getByLabel('Context folder').fill(context);
    await page.getByLabel('Builder').selectOption('classic');
    await page.getByLabel('Don’t use the cache').check();
    await page.getByRole('button', { name: 'Build', exact: true }).last().click();
    await expect
      .poll(() => page.getByTestId('build-status').textContent(), { timeout: 120_000 })
      .toBe('Built');
    // Scrolled to the fold (again, should a late batch have taken the view back to the tail).
    const foldText = async (): Promise<string> => {
      await page.getByTestId('raw-log').evaluate((element) => (element.scrollTop = 100_000 * 18 - 120));
      const fold = page.getByTestId('log-fold');
      return (await fold.count()) ? ((await fold.textContent()) ?? '') : '';
    };
    await expect.poll(foldText, { timeout: 30_000 }).toMatch(/^… 100,0\d\d lines folded/);

    await page.getByRole('button', { name: 'Save log…' }).click();
    const picker = page.getByRole('dialog', { name: 'Choose the folder to save the log into' });
    await picker.getByRole('textbox', { name: 'Path' }).fill(target);
    await picker.getByRole('button', { name: 'Go', exact: true }).click();
    await expect.poll(() => picker.getByRole('textbox', { name: 'Path' }).inputValue()).toBe(target);
    await picker.getByRole('button', { name: 'Choose this folder' }).click();
    await expect
      .poll(() => page.getByTestId('log-saved').textContent(), { timeout: 20_000 })
      .toMatch(/^Saved the whole log \(.+\) to .+\.log\.$/);
    await app.screenshot('18-long-log-saved');
    const path = /to (.+\.log)\.$/.exec((await page.getByTestId('log-saved').textContent()) ?? '')![1]!;
    const saved = readFileSync(path, 'utf8').split('\n');
    const first = saved.indexOf('1');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(saved.slice(first, first + LINES)).toEqual(
      Array.from({ length: LINES }, (_, index) => `${index + 1}`),
    );
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
