/**
 * Issue #18: a shell where the build failed, as a user meets it — the build stops at line 4, one
 * click builds up to line 3 from the cache and opens a terminal there, the failing step is shown
 * (not run), and pasting its command shows the error live.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildRequest, makeContext } from '../support/build-fixtures';
import { dockerCli, removeImagesLabelled } from '../support/docker-cli';
import { TEST_LABEL } from '../support/rig-info';
import { launchApp, type RunningApp } from './harness/launch-app';
import { launchBrowserMode, type RunningBrowserMode } from './harness/launch-browser-mode';

const rig = inject('rig');

describe('a shell at the last good step of a failed build (issue #18)', () => {
  let app: RunningApp;
  let context: string;
  const run = randomUUID().slice(0, 8);

  /** What the active terminal shows (xterm's DOM renderer pads with no-break spaces). */
  const screen = async (): Promise<string> =>
    (await app.page.locator('.terminal-body:not([hidden]) .xterm-rows').innerText()).replace(/\u00a0/g, ' ');

  beforeAll(async () => {
    context = makeContext({
      Dockerfile: [
        `FROM ${rig.baseImage}`,
        'WORKDIR /app',
        `RUN echo "made by step 3 ${run}" > made.txt`,
        'RUN cat settings.ini && echo configured',
        '',
      ].join('\n'),
    });
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost }, pickFolder: () => context });
  });
  afterAll(async () => {
    await app?.close();
    // Every build of this run carries the run's label (the rebuilt ones are untagged by then).
    await removeImagesLabelled(rig.dockerHost, TEST_LABEL, run);
  });

  it('fails at line 4, opens a shell where line 4 was about to run, and the pasted command fails there too', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Build', exact: true }).first().click();
    await page.getByRole('button', { name: 'Choose…' }).first().click();
    await expect.poll(() => page.getByLabel('Context folder').inputValue()).toBe(context);
    await page.getByRole('button', { name: 'Add label' }).click();
    await page.getByLabel('Label name 1').fill(TEST_LABEL);
    await page.getByLabel('Label value 1').fill(run);
    await page.getByRole('button', { name: 'Build', exact: true }).last().click();
    await expect
      .poll(() => page.getByTestId('build-status').textContent(), { timeout: 60_000 })
      .toBe('Failed');
    expect(await page.getByTestId('build-error-headline').textContent()).toMatch(/^Line 4:/);

    await page.getByRole('button', { name: 'Open a shell at the last good step' }).click();
    await page.locator('.terminal-body:not([hidden]) .xterm-rows').waitFor({ timeout: 60_000 });
    await expect.poll(screen, { timeout: 20_000 }).toContain('RUN cat settings.ini && echo configured');
    expect(await screen()).toContain('it was not run');
    expect(await page.getByTestId('terminal-tab').last().textContent()).toContain('Shell before line 4');
    await page.locator('.terminal-body:not([hidden]) .xterm').click();
    await page.keyboard.type('pwd; cat made.txt\n');
    await expect.poll(screen, { timeout: 20_000 }).toContain(`made by step 3 ${run}`);
    expect(await screen()).toMatch(/^\/app\s*$/m);
    await page.keyboard.type('cat settings.ini && echo configured\n');
    await expect
      .poll(screen, { timeout: 20_000 })
      .toMatch(/cat: (can't open )?'?settings\.ini'?: No such file or directory/);
    await app.screenshot('110-debug-shell-at-failed-step');
    await page.keyboard.type('exit\n');
  });

  it('opens a shell after a step that ran, from the step list', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await page
      .getByTestId('history-row')
      .filter({ hasText: 'Failed' })
      .first()
      .getByRole('button')
      .first()
      .click();
    await page
      .getByTestId('step')
      .filter({ hasText: 'RUN echo "made by step 3' })
      .locator('.step-head')
      .click();
    await page.getByRole('button', { name: 'Open a shell after this step' }).click();
    await page.locator('.terminal-body:not([hidden]) .xterm-rows').waitFor({ timeout: 60_000 });
    await page.locator('.terminal-body:not([hidden]) .xterm').click();
    await page.keyboard.type('echo "$(pwd) $(cat made.txt)"\n');
    await expect.poll(screen, { timeout: 20_000 }).toContain(`/app made by step 3 ${run}`);
    // A shell after a step has nothing pending: no banner.
    expect(await screen()).not.toContain('it was not run');
    await app.screenshot('111-debug-shell-after-step');
    await page.keyboard.type('exit\n');
  });

  it('removes the debug image when asked, once its shell has ended', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await page
      .getByTestId('history-row')
      .filter({ hasText: 'Failed' })
      .first()
      .getByRole('button')
      .first()
      .click();
    const step = page.getByTestId('step').filter({ hasText: 'RUN echo "made by step 3' });
    await step.locator('.step-head').click();
    // The failed build's own panel offers line 4's image too: this is line 3's.
    const status = step.getByTestId('debug-shell-status');
    const image = (await status.locator('code').textContent()) ?? '';
    expect(image).toMatch(/^dockwright-debug\/[a-z0-9]+:line-3$/);
    // The shell's container removes itself once the shell exits (the last test typed exit).
    await expect
      .poll(
        () =>
          dockerCli(rig.dockerHost, ['ps', '-aq', '--filter', `ancestor=${image}`]).then((out) => out.trim()),
        {
          timeout: 20_000,
        },
      )
      .toBe('');
    await step.getByRole('button', { name: 'Remove the debug image…' }).click();
    await page
      .getByRole('dialog', { name: 'Remove the debug image?' })
      .getByRole('button', { name: 'Remove' })
      .click();
    await expect.poll(() => status.textContent()).toBe('Debug image removed.');
    await expect(dockerCli(rig.dockerHost, ['image', 'inspect', image])).rejects.toThrow();
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});

describe('the failed-build shell in browser mode (issue #18)', () => {
  let app: RunningBrowserMode;
  const run = randomUUID().slice(0, 8);

  beforeAll(async () => {
    app = await launchBrowserMode({ env: { DOCKER_HOST: rig.dockerHost } });
    // The build ran earlier on this server (as from another page): the history holds it.
    const context = makeContext({
      Dockerfile: [`FROM ${rig.baseImage}`, `RUN echo "${run}" > /kept.txt`, 'RUN false', ''].join('\n'),
    });
    const started = await app.server.services.dispatch(
      'build:start',
      buildRequest(context, { labels: { [TEST_LABEL]: run } }),
    );
    if (!started.ok) throw new Error(started.error.message);
    await app.server.services.builds.settled((started.value as { id: string }).id);
    await app.page.goto(app.server.issueLink());
  });
  afterAll(async () => {
    await app?.close();
    // Every build of this run carries the run's label (the rebuilt ones are untagged by then).
    await removeImagesLabelled(rig.dockerHost, TEST_LABEL, run);
  });

  it('opens the shell over the WebSocket and shows what step 2 made', async () => {
    const { page } = app;
    const screen = async (): Promise<string> =>
      (await page.locator('.terminal-body:not([hidden]) .xterm-rows').innerText()).replace(/\u00a0/g, ' ');
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await page.getByTestId('history-row').first().getByRole('button').first().click();
    await page.getByRole('button', { name: 'Open a shell at the last good step' }).click();
    await page.locator('.terminal-body:not([hidden]) .xterm-rows').waitFor({ timeout: 60_000 });
    await expect.poll(screen, { timeout: 20_000 }).toContain('RUN false');
    await page.locator('.terminal-body:not([hidden]) .xterm').click();
    await page.keyboard.type('cat /kept.txt\n');
    await expect.poll(screen, { timeout: 20_000 }).toMatch(new RegExp(`^${run}\\s*$`, 'm'));
    await app.screenshot('112-debug-shell-browser-mode');
    await page.keyboard.type('exit\n');
    expect(await app.problems()).toEqual([]);
  });
});
