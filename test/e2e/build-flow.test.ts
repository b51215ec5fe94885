import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeContext } from '../support/build-fixtures';
import { dockerCli } from '../support/docker-cli';
import { TEST_PREFIX } from '../support/rig-info';
import { launchApp, type RunningApp } from './harness/launch-app';

const rig = inject('rig');

describe('a build, from picking a folder to reopening it from history', () => {
  let app: RunningApp;
  let pick: string | null = null;
  const tag = `${TEST_PREFIX}/e2e-build:1`;

  beforeAll(async () => {
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost }, pickFolder: () => pick });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('builds a picked folder and shows the steps completing beside the Dockerfile', async () => {
    pick = makeContext({
      Dockerfile: [
        `FROM ${rig.baseImage}`,
        'WORKDIR /app',
        'COPY hello.txt .',
        'RUN echo "building the greeting" && sleep 2 && cp hello.txt greeting.txt',
        'CMD ["cat", "/app/greeting.txt"]',
        '',
      ].join('\n'),
      'hello.txt': 'hello from e2e\n',
      'notes/readme.md': '# notes\n',
    });
    const { page } = app;
    await page.getByRole('button', { name: 'Build', exact: true }).first().click();
    await page.getByRole('button', { name: 'Choose…' }).first().click();
    await expect.poll(() => page.getByLabel('Context folder').inputValue()).toBe(pick);
    await expect.poll(() => page.getByTestId('context-summary').textContent()).toMatch(/Sends 3 files/);
    await page.getByLabel('Tag 1').fill('Bad/Name');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/lowercase/);
    await page.getByLabel('Tag 1').fill(tag);
    // Without the cache every step really runs, so the running state is there to see on any rerun.
    await page.getByLabel('Don’t use the cache').check();
    await app.screenshot('10-build-form');
    await page.getByRole('button', { name: 'Build', exact: true }).last().click();

    await page.getByTestId('build-view').waitFor();
    await page.locator('[data-testid="step"][data-status="running"]').first().waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="dockerfile-panel"] [data-status="running"]').first().waitFor();
    await app.screenshot('11-build-running');
    await expect.poll(() => page.title()).toMatch(/^Step [1-9]\d*\/\d+ · \d+:\d\d — Dockwright$/);
    await expect
      .poll(() => page.getByTestId('build-status').textContent(), { timeout: 60_000 })
      .toBe('Built');
    await page.getByTestId('build-result').waitFor();
    await app.screenshot('12-build-done');

    const id = (await dockerCli(rig.dockerHost, ['image', 'inspect', '--format', '{{.Id}}', tag])).trim();
    expect(await page.getByTestId('build-result').textContent()).toContain(id.slice(7, 19));
    expect(await page.getByTestId('raw-log').textContent()).toContain('building the greeting');
    // Steps read in Dockerfile order, whatever order the builder reported them in.
    const steps = await page.locator('[data-testid="step"] .step-head').allTextContents();
    expect(steps.map((text) => /\[(\d+)\/4\]/.exec(text)?.[1])).toEqual(['1', '2', '3', '4']);
  });

  it('runs the fresh image and shows its output and exit code', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Run ${tag}` });
    await dialog.getByLabel('Command').waitFor();
    await app.screenshot('16-run-dialog');
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('container-output').textContent(), { timeout: 20_000 })
      .toContain('hello from e2e');
    await expect.poll(() => page.getByTestId('exit-code').textContent()).toBe(' exit code 0');
    await app.screenshot('17-run-output');
  });

  it('points at the failing line with the error message', async () => {
    pick = makeContext({
      Dockerfile: [`FROM ${rig.baseImage}`, 'RUN echo fine', 'RUN echo "about to fail" && exit 7', ''].join(
        '\n',
      ),
    });
    const { page } = app;
    await page.getByRole('button', { name: 'Build', exact: true }).first().click();
    await page.getByRole('button', { name: 'Build', exact: true }).first().click();
    await page.getByRole('button', { name: 'Choose…' }).first().click();
    await expect.poll(() => page.getByLabel('Context folder').inputValue()).toBe(pick);
    await page.getByRole('button', { name: 'Build', exact: true }).last().click();
    await expect
      .poll(() => page.getByTestId('build-status').textContent(), { timeout: 60_000 })
      .toBe('Failed');
    const error = page.getByTestId('dockerfile-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/7/);
    // What the failing command printed is shown with the error, not only in the log.
    expect(await page.getByTestId('build-error-output').textContent()).toContain('about to fail');
    expect(
      await page.locator('[data-testid="dockerfile-panel"] [data-line="3"]').getAttribute('data-status'),
    ).toBe('error');
    await app.screenshot('13-build-failed');
  });

  it('opens the first build again from history after a reload', async () => {
    const { page } = app;
    await page.reload();
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(2);
    // The failed build says where and why in its row, so it can be told apart without opening it.
    expect(await page.getByTestId('history-error').allTextContents()).toEqual([
      'Line 3: The command exited with code 7',
    ]);
    await app.screenshot('14-history');
    await page.getByRole('button', { name: tag }).click();
    await expect.poll(() => page.getByTestId('build-status').textContent()).toBe('Built');
    await expect.poll(() => page.locator('[data-testid="step"]').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId('raw-log').textContent()).toContain('building the greeting');
    await app.screenshot('15-build-from-history');
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
