import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_PREFIX } from '../support/rig-info';
import { buildTestImage, rigDocker } from '../support/test-images';
import { dockerCli } from '../support/docker-cli';
import { launchApp, type RunningApp } from './harness/launch-app';

const rig = inject('rig');
/** busybox `sleep` as process 1 has no SIGTERM handler, so the kernel ignores the signal: only SIGKILL ends it. */
const stubborn = `${TEST_PREFIX}/e2e-stubborn:1`;
/** A shell as the whole command, as `FROM ubuntu` images have (CMD ["bash"]). */
const shell = `${TEST_PREFIX}/e2e-shell:1`;

describe('containers that stop slowly or end at once, and the Run form’s port check (issue #14)', () => {
  let app: RunningApp;

  beforeAll(async () => {
    const docker = rigDocker(rig.dockerHost);
    await buildTestImage(docker, stubborn, {
      Dockerfile: [`FROM ${rig.baseImage}`, 'CMD ["sleep", "600"]', ''].join('\n'),
    });
    await buildTestImage(docker, shell, {
      Dockerfile: [`FROM ${rig.baseImage}`, 'CMD ["sh"]', ''].join('\n'),
    });
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost } });
  });
  afterAll(async () => {
    await app?.close();
    for (const image of [stubborn, shell]) {
      const left = await dockerCli(rig.dockerHost, ['ps', '-aq', '--filter', `ancestor=${image}`]);
      for (const id of left.split('\n').filter(Boolean)) await dockerCli(rig.dockerHost, ['rm', '-f', id]);
      await dockerCli(rig.dockerHost, ['image', 'rm', '-f', image]).catch(() => '');
    }
  });

  const openRun = async (image: string) => {
    const { page } = app;
    await page.getByRole('button', { name: 'Images', exact: true }).click();
    await page.getByRole('button', { name: `Run ${image}` }).click();
    return page.getByRole('dialog', { name: `Run ${image}` });
  };

  it('checks a host port as it is typed, in words naming the row', async () => {
    const dialog = await openRun(stubborn);
    await dialog.getByRole('button', { name: 'Add a port' }).click();
    await dialog.getByLabel('Container port 1').fill('80');
    await dialog.getByLabel('Host port 1').fill('70000');
    const problem = dialog.locator('.field-error');
    await expect
      .poll(() => problem.allTextContents())
      .toEqual(['Host port of row 1: must be from 1 to 65535 (70000 is out of range).']);
    expect(await dialog.getByRole('button', { name: 'Run', exact: true }).isDisabled()).toBe(true);
    expect(await dialog.textContent()).not.toMatch(/ports\.\d/);
    await app.screenshot('22-run-form-port-check');
    await dialog.getByLabel('Host port 1').fill('8089');
    await expect.poll(() => problem.count()).toBe(0);
    await dialog.getByRole('button', { name: 'Remove port 1' }).click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('shows "stopping…", says why it ended with 137 after the timeout, and offers to kill at once', async () => {
    const { page } = app;
    const dialog = await openRun(stubborn);
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    const state = page.getByTestId('container-state');
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 20_000 }).toBe('running');

    await state.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => state.getAttribute('data-stopping')).toBe('true');
    expect(await state.locator('.status-pill').textContent()).toBe('stopping…');
    expect(await page.getByTestId('stopping-note').textContent()).toMatch(/killed after 10 s/);
    expect(await state.getByRole('button', { name: 'Kill now' }).count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('container-row').locator('.status-pill').first().textContent())
      .toBe('stopping…');
    await app.screenshot('23-container-stopping');

    // The engine's own 10 s: this is what a user waits through when they do not kill it.
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 30_000 }).toBe('exited');
    expect(await page.getByTestId('exit-code').textContent()).toContain('137');
    expect(await page.getByTestId('exit-explanation').textContent()).toMatch(
      /ignored SIGTERM, so after the 10 s timeout the engine killed it \(SIGKILL\)/,
    );
    await app.screenshot('24-container-killed-after-timeout');
  });

  it('kills at once when asked instead of waiting out the timeout', async () => {
    const { page } = app;
    const dialog = await openRun(stubborn);
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    const state = page.getByTestId('container-state');
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 20_000 }).toBe('running');
    // What the page asks the engine for, not how long it took: a timed bound would flake on a busy machine.
    const stops: unknown[] = [];
    const dispatch = app.services.dispatch;
    app.services.dispatch = (channel, input) => {
      if (channel === 'containers:stop') stops.push(input);
      return dispatch(channel, input);
    };
    await state.getByRole('button', { name: 'Stop' }).click();
    await state.getByRole('button', { name: 'Kill now' }).click();
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 20_000 }).toBe('exited');
    app.services.dispatch = dispatch;
    expect(stops).toContainEqual(expect.objectContaining({ timeoutSeconds: 0 }));
    expect(await page.getByTestId('exit-explanation').textContent()).toMatch(/killed at once/);
  });

  it('explains a shell that exits at once with no output, in the Run form and after it ended', async () => {
    const { page } = app;
    const dialog = await openRun(shell);
    expect(await dialog.getByTestId('shell-command-hint').textContent()).toMatch(/exits at once/);
    await app.screenshot('25-run-form-shell-hint');
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    const state = page.getByTestId('container-state');
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 20_000 }).toBe('exited');
    expect(await page.getByTestId('exit-code').textContent()).toContain('0');
    expect(await page.getByTestId('exit-explanation').textContent()).toMatch(
      /It ran sh, a shell, and a shell with no terminal exits at once/,
    );
    await app.screenshot('26-container-shell-exited');
  });

  it('shows an image’s entrypoint and cmd in words', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Images', exact: true }).click();
    await page.getByRole('button', { name: `Layers of ${shell}` }).click();
    const summary = page.getByTestId('image-summary');
    await expect.poll(() => summary.textContent(), { timeout: 20_000 }).toContain('Entrypoint / Cmd');
    const row = summary.locator('div', { has: page.locator('dt', { hasText: 'Entrypoint / Cmd' }) });
    expect(await row.locator('dd').textContent()).toBe('none / sh');
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
