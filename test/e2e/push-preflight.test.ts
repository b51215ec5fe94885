import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_PREFIX } from '../support/rig-info';
import { buildTestImage, rigDocker } from '../support/test-images';
import { launchApp, type RunningApp } from './harness/launch-app';

const rig = inject('rig');

describe('push dialog: before you push', () => {
  let app: RunningApp;
  const docker = rigDocker(rig.dockerHost);
  const address = rig.registry?.address ?? '';
  // The rig's registry is shared by every run: a repository of our own.
  const repo = `${TEST_PREFIX}/e2e-preflight-${randomBytes(4).toString('hex')}`;
  const first = `${address}/${repo}:first`;
  const second = `${address}/${repo}:second`;
  const created: string[] = [];

  beforeAll(async () => {
    if (!rig.registry) return;
    await buildTestImage(docker, first, {
      Dockerfile: `FROM ${rig.baseImage}\nRUN head -c 2000000 /dev/urandom > /shared\n`,
    });
    created.push(first);
    await buildTestImage(docker, second, {
      Dockerfile: `FROM ${first}\nRUN head -c 1500000 /dev/urandom > /new-1\nRUN head -c 700000 /dev/urandom > /new-2\n`,
    });
    created.push(second);
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost } });
  });
  afterAll(async () => {
    await app?.close();
    for (const reference of created.reverse())
      await docker
        .getImage(reference)
        .remove()
        .catch(() => undefined);
  });

  it('shows the destination, the login, the layers the registry has and the bytes left to upload', async (context) => {
    if (!rig.registry) context.skip('no docker-registry on this machine');
    const registry = rig.registry!;
    const { page } = app;
    const firstLayers = (await docker.getImage(first).inspect()).RootFS.Layers ?? [];
    const secondLayers = (await docker.getImage(second).inspect()).RootFS.Layers ?? [];

    await page.getByRole('button', { name: 'Images', exact: true }).click();
    await page.getByRole('button', { name: `Push ${first}` }).click();
    let dialog = page.getByRole('dialog', { name: 'Push' });
    let preflight = dialog.getByTestId('push-preflight');
    await preflight.waitFor({ timeout: 15_000 });
    expect(await preflight.getByTestId('preflight-destination').textContent()).toBe(first);
    expect(await preflight.getByTestId('preflight-login').textContent()).toBe(
      `Not logged in to ${registry.address}.`,
    );
    await preflight
      .getByText(/lists its layers only after a login: log in to see which layers it already has/i)
      .waitFor();

    await dialog.getByLabel('User name').fill(registry.username);
    await dialog.getByLabel('Password').fill(registry.password);
    await dialog.getByRole('button', { name: 'Log in' }).click();
    await expect
      .poll(() => preflight.getByTestId('preflight-login').textContent(), { timeout: 15_000 })
      .toMatch(new RegExp(`^Logged in to ${registry.address} as ${registry.username}, `));
    await expect
      .poll(() => preflight.locator('tr[data-state="upload"]').count(), { timeout: 15_000 })
      .toBe(firstLayers.length);
    await dialog.getByRole('button', { name: 'Push', exact: true }).click();
    const push = page.locator('[data-testid="push"]', { hasText: first }).first();
    await expect.poll(() => push.getAttribute('data-status'), { timeout: 30_000 }).toBe('succeeded');

    await page.getByRole('button', { name: 'Images', exact: true }).click();
    await page.getByRole('button', { name: `Push ${second}` }).click();
    dialog = page.getByRole('dialog', { name: 'Push' });
    preflight = dialog.getByTestId('push-preflight');
    await preflight.waitFor({ timeout: 15_000 });
    expect(await preflight.getByTestId('preflight-destination').textContent()).toBe(second);
    expect(await preflight.locator('tr[data-state="present"]').count()).toBe(firstLayers.length);
    expect(await preflight.locator('tr[data-state="upload"]').count()).toBe(
      secondLayers.length - firstLayers.length,
    );
    expect(await preflight.getByTestId('preflight-upload').textContent()).toMatch(
      new RegExp(`^Uploads 2 of ${secondLayers.length} layers: about 2\\.2\\d?MB\\..*estimate`),
    );
    await preflight.getByText('Compared with the registry’s :first', { exact: false }).waitFor();
    await app.screenshot('90-push-preflight');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });
});
