import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dockerCli } from '../support/docker-cli';
import { launchApp, type RunningApp } from './harness/launch-app';

const rig = inject('rig');

describe('the Engine view names the image store and what it means', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost }, retryDelaysMs: [300, 600, 1000] });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows the store docker info reports, with one or two plain sentences about it', async () => {
    const driver = (await dockerCli(rig.dockerHost, ['info', '--format', '{{.Driver}}'])).trim();
    const driverStatus = await dockerCli(rig.dockerHost, ['info', '--format', '{{json .DriverStatus}}']);
    const containerd = driverStatus.includes('io.containerd.snapshotter.v1');
    await app.page.locator('nav.sidebar').getByRole('button', { name: 'Engine', exact: true }).click();
    const facts = app.page.getByTestId('engine-facts');
    const store = facts.locator('div').filter({ hasText: 'Image store' }).locator('dd');
    await expect
      .poll(() => store.textContent(), { timeout: 15_000 })
      .toBe(containerd ? `containerd image store (${driver})` : `${driver} storage driver`);
    const meaning = (await app.page.getByTestId('image-store-meaning').textContent()) ?? '';
    expect(meaning).toContain(containerd ? 'several platforms' : 'one platform');
    // The rig's engines: 20.10 on overlay2, 26.1 on the containerd store.
    if (rig.mode === 'private') expect(containerd).toBe(rig.target === 'engine2');
    await app.screenshot(`engine-store-${rig.target}`);
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
