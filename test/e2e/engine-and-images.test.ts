import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dockerCli } from '../support/docker-cli';
import { TEST_PREFIX } from '../support/rig-info';
import { launchApp, type RunningApp } from './harness/launch-app';

const run = promisify(execFile);
const rig = inject('rig');

describe('first screen: engine and images', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost }, retryDelaysMs: [300, 600, 1000] });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows the connected engine and the version the docker CLI reports', async () => {
    const version = (await dockerCli(rig.dockerHost, ['version', '--format', '{{.Server.Version}}'])).trim();
    await expect
      .poll(() => app.page.getByTestId('engine-version').textContent(), { timeout: 15_000 })
      .toBe(version);
    expect(await app.page.getByTestId('engine-product').textContent()).toBe('Docker');
    await app.screenshot('01-images');
  });

  it('lists the test base image with the size docker images prints', async () => {
    const row = app.page.locator(`[data-testid="image-row"][data-ref="${rig.baseImage}"]`);
    await row.waitFor();
    const cliSize = (
      await dockerCli(rig.dockerHost, ['images', '--format', '{{.Size}}', rig.baseImage])
    ).trim();
    await expect.poll(() => row.locator('td').nth(4).textContent()).toBe(cliSize);
  });

  it('removes a tag through the UI and the engine no longer has it', async () => {
    const extra = `${TEST_PREFIX}/remove-me:e2e`;
    await dockerCli(rig.dockerHost, ['tag', rig.baseImage, extra]);
    // The engine's image events refresh the list without any click.
    const row = app.page.locator(`[data-testid="image-row"][data-ref="${extra}"]`);
    await row.waitFor({ timeout: 10_000 });
    await row.getByRole('button', { name: `Remove ${extra}` }).click();
    await expect.poll(() => app.page.getByRole('dialog').textContent()).toContain('Only the tag goes');
    await app.screenshot('02-remove-tag-dialog');
    await app.page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    await app.page
      .getByRole('status')
      .filter({ hasText: `Untagged ${extra}` })
      .waitFor();
    await row.waitFor({ state: 'detached' });
    const tags = await dockerCli(rig.dockerHost, ['images', '--format', '{{.Repository}}:{{.Tag}}']);
    expect(tags.split('\n')).not.toContain(extra);
    expect(tags.split('\n')).toContain(rig.baseImage);
  });

  it('flips to the no-engine screen when the engine stops, and recovers when it returns', async (context) => {
    const control = rig.daemonControl;
    if (!control) return context.skip(`not stopping your own engine: ${rig.limitation}`);
    await run('bash', ['scripts/rig.sh', control.stop]);
    try {
      const screen = app.page.getByTestId('no-engine');
      await screen.waitFor({ timeout: 15_000 });
      const tried = app.page.getByTestId('places-tried');
      await expect.poll(() => tried.textContent()).toContain(rig.dockerHost);
      expect(await tried.textContent()).toMatch(/ENOENT|ECONNREFUSED/);
      await app.screenshot('03-no-engine');
    } finally {
      await run('bash', ['scripts/rig.sh', control.start]);
    }
    await app.page.getByTestId('images-table').waitFor({ timeout: 20_000 });
    await app.page.locator(`[data-testid="image-row"][data-ref="${rig.baseImage}"]`).waitFor();
    await app.screenshot('04-recovered');
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
