import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_PREFIX } from '../support/rig-info';
import { dockerCli } from '../support/docker-cli';
import { findSecret } from '../support/secret-scan';
import { buildTestImage, rigDocker } from '../support/test-images';
import { launchApp, type RunningApp } from './harness/launch-app';

const rig = inject('rig');

describe('tag, log in and push from the image list', () => {
  let app: RunningApp;
  const source = `${TEST_PREFIX}/e2e-push-src:1`;

  beforeAll(async () => {
    await buildTestImage(rigDocker(rig.dockerHost), source, {
      Dockerfile: `FROM ${rig.baseImage}\nRUN head -c 2000000 /dev/urandom > /payload\n`,
    });
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('tags, asks for a login right there, pushes with per-layer progress, and the registry has it', async (context) => {
    if (!rig.registry) context.skip('no docker-registry on this machine');
    const registry = rig.registry!;
    const target = `${registry.address}/${TEST_PREFIX}/e2e-push:1`;
    const { page } = app;

    await page.getByRole('button', { name: `Tag ${source}` }).click();
    const tagDialog = page.getByRole('dialog', { name: /^Tag / });
    await tagDialog.getByLabel('New tag').fill('Bad Name');
    await expect.poll(() => tagDialog.getByRole('alert').textContent()).toMatch(/spaces/);
    await tagDialog.getByLabel('New tag').fill(target);
    await expect
      .poll(() => tagDialog.getByTestId('tag-resolution').textContent())
      .toContain(`registry ${registry.address}`);
    await app.screenshot('40-tag-dialog');
    await tagDialog.getByRole('button', { name: 'Add tag' }).click();
    await tagDialog.getByRole('button', { name: `Push ${target}` }).click();

    const pushDialog = page.getByRole('dialog', { name: 'Push' });
    await pushDialog.getByLabel('User name').fill(registry.username);
    await pushDialog.getByLabel('Password').fill('wrong-password');
    await pushDialog.getByRole('button', { name: 'Log in' }).click();
    await expect
      .poll(() => pushDialog.getByRole('alert').first().textContent(), { timeout: 10_000 })
      .toMatch(/password|401/i);
    await pushDialog.getByLabel('Password').fill(registry.password);
    await app.screenshot('41-push-login');
    await pushDialog.getByRole('button', { name: 'Log in' }).click();
    await pushDialog.getByText(`Logged in as ${registry.username}`).waitFor({ timeout: 10_000 });
    await pushDialog.getByRole('button', { name: 'Push', exact: true }).click();

    const push = page.getByTestId('push').first();
    await expect.poll(() => push.getAttribute('data-status'), { timeout: 30_000 }).toBe('succeeded');
    expect(await push.getByTestId('push-layer').count()).toBeGreaterThanOrEqual(2);
    const digestText = await push.getByTestId('push-digest').textContent();
    const response = await fetch(`http://${registry.address}/v2/${TEST_PREFIX}/e2e-push/manifests/1`, {
      headers: {
        Accept: 'application/vnd.docker.distribution.manifest.v2+json',
        Authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`,
      },
    });
    expect(digestText).toContain(response.headers.get('docker-content-digest'));
    await page.getByTestId('login-row').first().waitFor();
    await app.screenshot('42-pushed');

    expect(findSecret(await page.content(), registry.password)).toBeNull();

    // Gone locally, pulled back with progress through the stored login.
    await dockerCli(rig.dockerHost, ['rmi', target, source]);
    await page.getByRole('button', { name: 'Images' }).click();
    await page.getByRole('button', { name: 'Pull…' }).click();
    const pullDialog = page.getByRole('dialog', { name: 'Pull an image' });
    await pullDialog.getByLabel('Image to pull').fill(target);
    await pullDialog.getByRole('button', { name: 'Pull', exact: true }).click();
    await expect
      .poll(() => pullDialog.getByTestId('pull-result').textContent(), { timeout: 30_000 })
      .toMatch(/Image is up to date|Downloaded newer image/);
    expect(await pullDialog.getByTestId('pull-layers').locator('li').count()).toBeGreaterThanOrEqual(1);
    await app.screenshot('43-pulled');
    await pullDialog.getByRole('button', { name: 'Close' }).click();
    await page.locator(`[data-testid="image-row"][data-ref="${target}"]`).waitFor();
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
