import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_PREFIX } from '../support/rig-info';
import { dockerCli } from '../support/docker-cli';
import { findSecret } from '../support/secret-scan';
import { buildTestImage, rigDocker } from '../support/test-images';
import { fetchManifest, startRegistry, type TestRegistry } from '../support/start-registry';
import { uploadImage } from '../support/registry-upload';
import { launchApp, type RunningApp } from './harness/launch-app';

const rig = inject('rig');

describe('tag, log in and push from the image list', () => {
  let app: RunningApp;
  const source = `${TEST_PREFIX}/e2e-push-src:1`;
  const bigSource = `${TEST_PREFIX}/e2e-push-big:1`;

  beforeAll(async () => {
    await buildTestImage(rigDocker(rig.dockerHost), source, {
      // Unique to this run, so no cached image shares its layer and the pull after rmi downloads it.
      Dockerfile: `FROM ${rig.baseImage}\nRUN echo ${randomUUID()} && head -c 2000000 /dev/urandom > /payload\n`,
    });
    await buildTestImage(rigDocker(rig.dockerHost), bigSource, {
      Dockerfile: `FROM ${rig.baseImage}\nRUN head -c 80000000 /dev/urandom > /big\n`,
    });
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost }, stallMs: 2_000 });
  });
  afterAll(async () => {
    await Promise.all(brokenRegistries.map((registry) => registry.stop()));
    await app?.close();
  });

  const brokenRegistries: TestRegistry[] = [];
  /** Tags the big image for a fresh registry, logs in from the push dialog and pushes until bytes flow. */
  async function pushToFreshRegistry(name: string): Promise<TestRegistry> {
    const registry = await startRegistry();
    brokenRegistries.push(registry);
    const target = `${registry.address}/${TEST_PREFIX}/${name}:1`;
    const { page } = app;
    await page.getByRole('button', { name: 'Images', exact: true }).click();
    await page.getByRole('button', { name: `Tag ${bigSource}` }).click();
    const tagDialog = page.getByRole('dialog', { name: /^Tag / });
    await tagDialog.getByLabel('New tag').fill(target);
    await tagDialog.getByRole('button', { name: 'Add tag' }).click();
    await tagDialog.getByRole('button', { name: `Push ${target}` }).click();
    const pushDialog = page.getByRole('dialog', { name: 'Push' });
    await pushDialog.getByLabel('User name').fill(registry.username);
    await pushDialog.getByLabel('Password').fill(registry.password);
    await pushDialog.getByRole('button', { name: 'Log in' }).click();
    await pushDialog.getByText(`Logged in as ${registry.username}`).waitFor({ timeout: 10_000 });
    await pushDialog.getByRole('button', { name: 'Push', exact: true }).click();
    const push = page.locator('[data-testid="push"][data-status="running"]', { hasText: target });
    await push
      .locator('[data-testid="push-layer"][data-status="Pushing"]')
      .first()
      .waitFor({ timeout: 20_000 });
    return registry;
  }

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
    const response = await fetchManifest(registry, `${TEST_PREFIX}/e2e-push`, '1');
    expect(digestText).toContain(response.headers.get('docker-content-digest'));
    await page.getByTestId('login-row').first().waitFor();
    await app.screenshot('42-pushed');

    expect(findSecret(await page.content(), registry.password)).toBeNull();

    // A pull with progress through the stored login, of an image this engine never had (put into
    // the registry through its API): a removed image's blobs can linger on the containerd store
    // until its garbage collector runs, and a pull of them reports no layer at all.
    await dockerCli(rig.dockerHost, ['rmi', target, source]);
    const fresh = `${registry.address}/${TEST_PREFIX}/e2e-pulled:1`;
    await uploadImage(registry, `${TEST_PREFIX}/e2e-pulled`, '1');
    await page.getByRole('button', { name: 'Images', exact: true }).click();
    await page.getByRole('button', { name: 'Pull…' }).click();
    const pullDialog = page.getByRole('dialog', { name: 'Pull an image' });
    await pullDialog.getByLabel('Image to pull').fill(fresh);
    await pullDialog.getByRole('button', { name: 'Pull', exact: true }).click();
    await expect
      .poll(() => pullDialog.getByTestId('pull-result').textContent(), { timeout: 30_000 })
      .toMatch(/Downloaded newer image/);
    expect(await pullDialog.getByTestId('pull-layers').locator('li').count()).toBe(2);
    await app.screenshot('43-pulled');
    await pullDialog.getByRole('button', { name: 'Close' }).click();
    await page.locator(`[data-testid="image-row"][data-ref="${fresh}"]`).waitFor();
    await dockerCli(rig.dockerHost, ['rmi', fresh]);
  });

  it('shows the engine retrying when the registry dies mid-push and cancels, or the failure where the engine does not retry', async (context) => {
    if (!rig.registry) context.skip('no docker-registry on this machine');
    const registry = await pushToFreshRegistry('e2e-killed');
    await registry.kill();
    const push = app.page.locator('[data-testid="push"]', { hasText: registry.address });
    if (rig.target === 'engine2') {
      // The containerd store's pusher (26.1) does not retry: the push fails at once, and says why.
      await expect.poll(() => push.getAttribute('data-status'), { timeout: 20_000 }).toBe('failed');
      expect(await push.getByTestId('push-error').textContent()).toMatch(
        /^The registry could not be reached: .*(connection refused|EOF|connection reset|use of closed network connection|broken pipe)/,
      );
      expect(await push.getByTestId('push-retrying').count()).toBe(0);
      await app.screenshot('44-push-registry-gone-engine2');
      return;
    }
    await expect
      .poll(() => push.getByTestId('push-retrying').textContent(), { timeout: 20_000 })
      .toMatch(/registry stopped answering.*Retrying in \d+ seconds?/);
    await app.screenshot('44-push-retrying');
    await push.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect.poll(() => push.getAttribute('data-status'), { timeout: 10_000 }).toBe('cancelled');
    expect(await push.getByTestId('push-retrying').count()).toBe(0);
  });

  it('says a push, then a pull, stalled when the registry hangs, and cancels both', async (context) => {
    if (!rig.registry) context.skip('no docker-registry on this machine');
    const registry = await pushToFreshRegistry('e2e-frozen');
    registry.freeze();
    const push = app.page.locator('[data-testid="push"]', { hasText: registry.address });
    await expect
      .poll(() => push.getByTestId('push-stalled').textContent(), { timeout: 20_000 })
      .toMatch(/Nothing has come back from the registry for 2 s/);
    await app.screenshot('45-push-stalled');
    await push.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect.poll(() => push.getAttribute('data-status'), { timeout: 10_000 }).toBe('cancelled');

    const { page } = app;
    await page.getByRole('button', { name: 'Images', exact: true }).click();
    await page.getByRole('button', { name: 'Pull…' }).click();
    const pullDialog = page.getByRole('dialog', { name: 'Pull an image' });
    await pullDialog.getByLabel('Image to pull').fill(`${registry.address}/${TEST_PREFIX}/e2e-frozen:1`);
    await pullDialog.getByRole('button', { name: 'Pull', exact: true }).click();
    await expect
      .poll(() => pullDialog.getByTestId('pull-stalled').textContent(), { timeout: 20_000 })
      .toMatch(/Nothing has come back from the registry for 2 s/);
    await app.screenshot('46-pull-stalled');
    await pullDialog.getByRole('button', { name: 'Cancel pull' }).click();
    await expect
      .poll(() => pullDialog.getByTestId('pull-result').textContent(), { timeout: 10_000 })
      .toMatch(/cancelled/i);
    expect(await pullDialog.getByTestId('pull-stalled').count()).toBe(0);
    await pullDialog.getByRole('button', { name: 'Close' }).click();
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
