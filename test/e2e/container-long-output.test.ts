import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_PREFIX } from '../support/rig-info';
import { buildTestImage, rigDocker } from '../support/test-images';
import { dockerCli } from '../support/docker-cli';
import { launchApp, type RunningApp } from './harness/launch-app';

const rig = inject('rig');
const image = `${TEST_PREFIX}/e2e-long-output:1`;
const LINES = 250_000;

describe('a container printing a quarter of a million lines', () => {
  let app: RunningApp;

  beforeAll(async () => {
    await buildTestImage(rigDocker(rig.dockerHost), image, {
      Dockerfile: [
        `FROM ${rig.baseImage}`,
        `CMD ["sh", "-c", "echo 'first on stderr' >&2; sleep 0.5; seq 1 ${LINES}; sleep 0.5; echo 'last on stderr' >&2"]`,
        '',
      ].join('\n'),
    });
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost } });
  });
  afterAll(async () => {
    await app?.close();
    const ids = await dockerCli(rig.dockerHost, ['ps', '-aq', '--filter', `ancestor=${image}`]).catch(
      () => '',
    );
    const all = ids.split(/\s+/).filter(Boolean);
    if (all.length) await dockerCli(rig.dockerHost, ['rm', '-f', ...all]).catch(() => '');
    await dockerCli(rig.dockerHost, ['rmi', '-f', image]).catch(() => '');
  });

  it('shows it in the same log view as a build: streams marked, middle folded, searchable', async () => {
    const { page } = app;
    await page.getByRole('button', { name: `Run ${image}` }).click();
    const dialog = page.getByRole('dialog', { name: `Run ${image}` });
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('container-state').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('exited');
    await expect
      .poll(() => page.getByTestId('log-matches').textContent())
      .toBe(`${(LINES + 2).toLocaleString('en')} lines`);
    // The pauses keep the streams in order: the engine sends stdout and stderr apart.
    await expect
      .poll(() => page.locator('[data-testid="container-output"] .log-line').last().textContent())
      .toBe('errlast on stderr');
    await page.getByTestId('container-output').evaluate((element) => (element.scrollTop = 0));
    await expect
      .poll(() => page.locator('[data-stream="stderr"]').first().textContent())
      .toBe('errfirst on stderr');
    await page
      .getByTestId('container-output')
      .evaluate((element) => (element.scrollTop = 100_000 * 18 - 120));
    await expect.poll(() => page.getByTestId('log-fold').textContent()).toMatch(/^… 50,002 lines folded/);
    await page.getByLabel('Search the log').fill('249999');
    await expect.poll(() => page.getByTestId('log-matches').textContent()).toBe('1 of 1');
    await expect
      .poll(() => page.locator('[data-testid="container-output"] .current-match').textContent())
      .toBe('out249999');
    await app.screenshot('20-container-long-output');
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
