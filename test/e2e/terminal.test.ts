/**
 * Issue #18: a terminal into a running container from the Containers view (xterm.js in Chromium,
 * the real handler table and engine), resized with the window; and a container run interactively
 * (-it) from the Run form, its main process in a terminal tab.
 */
import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { STARTED_LABEL } from '../../src/main/run/containers';
import { TEST_LABEL, TEST_PREFIX } from '../support/rig-info';
import { dockerCli } from '../support/docker-cli';
import { rigDocker } from '../support/test-images';
import { MAX_OUTSTANDING_BYTES } from '../../src/main/terminal/output-gate';
import { launchApp, type RunningApp } from './harness/launch-app';
import { launchBrowserMode, type RunningBrowserMode } from './harness/launch-browser-mode';

const rig = inject('rig');

describe('terminals into containers in the app (issue #18)', () => {
  let app: RunningApp;
  let docker: Docker;
  const name = `${TEST_PREFIX}-e2e-terminal-${randomUUID().slice(0, 8)}`;

  /** What the active terminal shows, row by row (xterm's DOM renderer pads with no-break spaces). */
  const screen = async (): Promise<string> =>
    (await app.page.locator('.terminal-body:not([hidden]) .xterm-rows').innerText()).replace(/\u00a0/g, ' ');

  /** The rows and columns `stty size` printed last, typed into the active terminal. */
  const sttySize = async (): Promise<string> => {
    const marker = `size-${randomUUID().slice(0, 6)}`;
    await app.page.keyboard.type(`echo ${marker} $(stty size)\n`);
    let size = '';
    await expect
      .poll(async () => {
        size = new RegExp(`^${marker} (\\d+ \\d+)\\s*$`, 'm').exec(await screen())?.[1] ?? '';
        return size;
      })
      .not.toBe('');
    return size;
  };

  beforeAll(async () => {
    docker = rigDocker(rig.dockerHost);
    const container = await docker.createContainer({
      name,
      Image: rig.baseImage,
      Cmd: ['sleep', '3600'],
      Labels: { [TEST_LABEL]: '1', [STARTED_LABEL]: '1' },
    });
    await container.start();
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost } });
  });
  afterAll(async () => {
    await app?.close();
    const left = await dockerCli(rig.dockerHost, [
      'ps',
      '-aq',
      '--filter',
      `label=${TEST_LABEL}`,
      '--filter',
      `ancestor=${rig.baseImage}`,
    ]);
    for (const id of left.split('\n').filter(Boolean)) {
      const info = await docker
        .getContainer(id)
        .inspect()
        .catch(() => null);
      if (info?.Name.includes('e2e-terminal') || info?.Config.Labels?.[STARTED_LABEL])
        await docker
          .getContainer(id)
          .remove({ force: true })
          .catch(() => undefined);
    }
  });

  it('opens a shell from the Containers view, runs ls /, and follows the window’s size', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Containers', exact: true }).click();
    await page.getByRole('button', { name: `Open a terminal in ${name}` }).click();
    await page.locator('.terminal-body:not([hidden]) .xterm-rows').waitFor();
    await page.locator('.terminal-body:not([hidden]) .terminal-screen').click();
    await page.keyboard.type('ls /\n');
    await expect.poll(screen, { timeout: 20_000 }).toMatch(/\bbin\b/);
    await app.screenshot('74-terminal-ls');

    const before = await sttySize();
    await page.setViewportSize({ width: 900, height: 700 });
    await expect.poll(sttySize, { timeout: 20_000 }).not.toBe(before);
    const [rows, cols] = (await sttySize()).split(' ').map(Number);
    const [rowsBefore, colsBefore] = before.split(' ').map(Number);
    // Narrower window, same panel height: fewer columns, as many rows.
    expect(cols).toBeLessThan(colsBefore!);
    expect(rows).toBe(rowsBefore);
    await app.screenshot('75-terminal-resized');
    await page.setViewportSize({ width: 1280, height: 800 });

    // Ctrl-C reaches the program in the terminal.
    await page.keyboard.type('sleep 100\n');
    await expect
      .poll(async () => {
        const top = (await docker.getContainer(name).top()) as { Processes: string[][] };
        return top.Processes.some((row) => row.join(' ').includes('sleep 100'));
      })
      .toBe(true);
    await page.keyboard.press('Control+C');
    await page.keyboard.type('echo "after:$?"\n');
    await expect.poll(screen).toMatch(/^after:130\s*$/m);

    // Closing the tab ends the session on the engine too.
    expect(app.services.terminals.count()).toBe(1);
    await page.getByRole('button', { name: `Close the terminal ${name}` }).click();
    await expect.poll(() => app.services.terminals.count()).toBe(0);
    expect(await app.problems()).toEqual([]);
  });

  it('copies the selection with Ctrl-C and pastes with Ctrl-V', async () => {
    const { page } = app;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: `Open a terminal in ${name}` }).click();
    await page.locator('.terminal-body:not([hidden]) .terminal-screen').click();
    await page.keyboard.type('echo copy-$((3*5))me\n');
    await expect.poll(screen, { timeout: 20_000 }).toMatch(/^copy-15me\s*$/m);
    // A double click selects the word; Ctrl-C with a selection copies instead of interrupting.
    const row = await page
      .locator('.terminal-body:not([hidden]) .xterm-rows > div', { hasText: /^copy-15me/ })
      .boundingBox();
    await page.mouse.dblclick(row!.x + 20, row!.y + row!.height / 2);
    await page.keyboard.press('Control+C');
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe('copy-15me');

    await page.evaluate("navigator.clipboard.writeText('echo pasted-$((2+3))')");
    await page.locator('.terminal-body:not([hidden]) .terminal-screen').click();
    await page.keyboard.press('Control+V');
    await page.keyboard.press('Enter');
    await expect.poll(screen).toMatch(/^pasted-5\s*$/m);
    await page.getByRole('button', { name: `Close the terminal ${name}` }).click();
    await expect.poll(() => app.services.terminals.count()).toBe(0);
    expect(await app.problems()).toEqual([]);
  });

  it('opens a terminal from a container’s output with a user and folder chosen', async () => {
    const { page } = app;
    await page.getByRole('button', { name, exact: true }).click();
    await page.getByText('Terminal options…').click();
    await page.getByLabel('Terminal user').fill('1234');
    await page.getByLabel('Terminal folder').fill('/bin');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.locator('.terminal-body:not([hidden]) .terminal-screen').click();
    await page.keyboard.type('echo "u=$(id -u) d=$(pwd)"\n');
    await expect.poll(screen, { timeout: 20_000 }).toMatch(/^u=1234 d=\/bin\s*$/m);
    await app.screenshot('79-terminal-options');
    // A full-screen program draws in the terminal and gives it back when it quits.
    await page.keyboard.type('top\n');
    await expect.poll(screen, { timeout: 20_000 }).toMatch(/^\s*PID\s+PPID\s+USER/m);
    await app.screenshot('73-terminal-top');
    await page.keyboard.type('q');
    await page.keyboard.type('echo back-$((40+2))\n');
    await expect.poll(screen, { timeout: 20_000 }).toMatch(/^back-42\s*$/m);
    await page.getByRole('button', { name: `Close the terminal ${name}` }).click();
    await expect.poll(() => app.services.terminals.count()).toBe(0);
    expect(await app.problems()).toEqual([]);
  });

  it('shows in the tab that the container stopped', async () => {
    const { page } = app;
    await page.getByRole('button', { name: `Open a terminal in ${name}` }).click();
    await page.locator('.terminal-body:not([hidden]) .terminal-screen').click();
    await page.keyboard.type('echo ready-$((20+22))\n');
    await expect.poll(screen, { timeout: 20_000 }).toMatch(/^ready-42\s*$/m);
    await docker.getContainer(name).kill();
    await expect
      .poll(() => page.getByTestId('terminal-ended').textContent(), { timeout: 20_000 })
      .toBe('The container stopped; this terminal has ended.');
    await app.screenshot('76-terminal-container-stopped');
    expect(await app.problems()).toEqual([]);
  });

  it('runs an image interactively (-it) and attaches a terminal to its main process', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Images', exact: true }).click();
    await page.getByRole('button', { name: `Run ${rig.baseImage}` }).click();
    const dialog = page.getByRole('dialog', { name: `Run ${rig.baseImage}` });
    await dialog.getByLabel('Command').fill('sh');
    await dialog.getByLabel(/Interactive \(-it\)/).check();
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('terminal-tab').filter({ hasText: 'main process' }).count(), {
        timeout: 20_000,
      })
      .toBe(1);
    await page.locator('.terminal-body:not([hidden]) .terminal-screen').click();
    await page.keyboard.type('echo attached-$((6*7))\n');
    await expect.poll(screen, { timeout: 20_000 }).toMatch(/^attached-42\s*$/m);
    await app.screenshot('77-terminal-interactive-run');
    await page.keyboard.type('exit\n');
    await expect
      .poll(() => page.getByTestId('terminal-ended').last().textContent(), { timeout: 20_000 })
      .toBe('The process exited with code 0.');
    expect(await app.problems()).toEqual([]);
  });
});

describe('terminals in browser mode, over the WebSocket (issue #18)', () => {
  let app: RunningBrowserMode;
  let docker: Docker;
  const name = `${TEST_PREFIX}-e2e-terminal-browser-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    docker = rigDocker(rig.dockerHost);
    const container = await docker.createContainer({
      name,
      Image: rig.baseImage,
      Cmd: ['sleep', '3600'],
      Labels: { [TEST_LABEL]: '1', [STARTED_LABEL]: '1' },
    });
    await container.start();
    app = await launchBrowserMode({ env: { DOCKER_HOST: rig.dockerHost } });
    await app.page.goto(app.server.issueLink());
  });
  afterAll(async () => {
    await app?.close();
    await docker
      .getContainer(name)
      .remove({ force: true })
      .catch(() => undefined);
  });

  it('streams a flood through the socket within the bound, and closing the tab ends the session', async () => {
    const { page } = app;
    const screen = async (): Promise<string> =>
      (await page.locator('.terminal-body:not([hidden]) .xterm-rows').innerText()).replace(/\u00a0/g, ' ');
    await page.getByRole('button', { name: 'Containers', exact: true }).click();
    await page.getByRole('button', { name: `Open a terminal in ${name}` }).click();
    await page.locator('.terminal-body:not([hidden]) .terminal-screen').click();
    await page.keyboard.type('ls /\n');
    await expect.poll(screen, { timeout: 20_000 }).toMatch(/\bbin\b/);
    // 8 MB through xterm in the page: main sends on only as the page acknowledges what it drew.
    await page.keyboard.type(
      'yes 0123456789abcdefghijklmnopqrstuvwxyz | head -c 8000000; echo; echo flood-$((6*7))\n',
    );
    await expect.poll(screen, { timeout: 60_000 }).toMatch(/^flood-42\s*$/m);
    expect(app.server.services.terminals.peakOutstanding()).toBeGreaterThan(0);
    expect(app.server.services.terminals.peakOutstanding()).toBeLessThanOrEqual(MAX_OUTSTANDING_BYTES);
    await app.screenshot('78-terminal-browser-mode-flood');
    expect(await app.problems()).toEqual([]);

    expect(app.server.services.terminals.count()).toBe(1);
    await page.close();
    await expect.poll(() => app.server.services.terminals.count(), { timeout: 20_000 }).toBe(0);
  }, 120_000);
});
