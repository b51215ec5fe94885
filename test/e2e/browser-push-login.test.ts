/**
 * Issue #14 item 1, in browser mode (the real server, no Electron, so no OS keyring) with no
 * docker credential helper: the login form says only what is true there, a login the registry
 * accepted pushes for the rest of the session, and the push error's "Log in to …" button logs in
 * to that registry and pushes again. Ground truth: the registry's own API for each digest.
 */
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dockerCli } from '../support/docker-cli';
import { TEST_PREFIX } from '../support/rig-info';
import { findLeaks, findSecret } from '../support/secret-scan';
import { fetchManifest } from '../support/start-registry';
import { buildTestImage, rigDocker } from '../support/test-images';
import { launchBrowserMode, type RunningBrowserMode } from './harness/launch-browser-mode';

const rig = inject('rig');

describe.skipIf(!rig.registry)(
  'browser mode: log in and push with no credential helper and no keyring',
  () => {
    const registry = rig.registry ?? { address: '', username: '', password: '' };
    const source = `${TEST_PREFIX}/e2e-bm-push-src:1`;
    const first = { repo: `${TEST_PREFIX}/e2e-bm-push`, tag: '1' };
    const retried = { repo: `${TEST_PREFIX}/e2e-bm-retry`, tag: '1' };
    const target = (at: { repo: string; tag: string }) => `${registry.address}/${at.repo}:${at.tag}`;
    let app: RunningBrowserMode;

    beforeAll(async () => {
      await buildTestImage(rigDocker(rig.dockerHost), source, {
        Dockerfile: `FROM ${rig.baseImage}\nRUN head -c 1500000 /dev/urandom > /payload\n`,
      });
      app = await launchBrowserMode({ env: { DOCKER_HOST: rig.dockerHost } });
      await app.page.goto(app.server.issueLink());
      await app.page.getByRole('button', { name: `Tag ${source}` }).waitFor({ timeout: 20_000 });
    });
    afterAll(async () => {
      await app?.close();
      await dockerCli(rig.dockerHost, ['rmi', target(first), target(retried), source]).catch(() => '');
    });

    /** Tags the source image as `reference` in the tag dialog and opens the push dialog for it. */
    async function tagAndOpenPush(reference: string) {
      const { page } = app;
      await page.getByRole('button', { name: 'Images', exact: true }).click();
      await page.getByRole('button', { name: `Tag ${source}` }).click();
      const tagDialog = page.getByRole('dialog', { name: /^Tag / });
      await tagDialog.getByLabel('New tag').fill(reference);
      await tagDialog.getByRole('button', { name: 'Add tag' }).click();
      await tagDialog.getByRole('button', { name: `Push ${reference}` }).click();
      return page.getByRole('dialog', { name: 'Push' });
    }

    /** Waits until every bar of a finished push is full (their width eases in), so the screenshot reads right. */
    async function barsFull(push: Locator): Promise<void> {
      await expect
        .poll(() =>
          push
            .locator('.bar > span')
            .evaluateAll((spans) =>
              spans.every(
                (span) =>
                  Math.round(span.getBoundingClientRect().width) ===
                  Math.round(span.parentElement!.getBoundingClientRect().width),
              ),
            ),
        )
        .toBe(true);
    }

    async function registryDigest(at: { repo: string; tag: string }): Promise<string | null> {
      const response = await fetchManifest(registry, at.repo, at.tag);
      return response.ok ? response.headers.get('docker-content-digest') : null;
    }

    it('says it can keep the login for this session only and why, logs in, pushes, and shows the digest the registry has', async () => {
      const { page } = app;
      const pushDialog = await tagAndOpenPush(target(first));
      const place = pushDialog.getByTestId('login-place');
      await expect
        .poll(() => place.textContent())
        .toContain(
          "Dockwright cannot encrypt saved logins here: browser mode's server runs without Electron",
        );
      expect(await pushDialog.textContent()).not.toMatch(/keeps this login encrypted/);
      expect(await place.getByLabel(/Only for this session/).isChecked()).toBe(true);
      expect(await place.getByLabel(/encrypted in Dockwright/).count()).toBe(0);

      // The unencrypted choice shows docker login's own warning, naming the file it would write.
      await place.getByLabel(/Save it unencrypted in /).check();
      await expect
        .poll(() => place.getByTestId('plaintext-warning').textContent())
        .toBe(
          `WARNING! Your password will be stored unencrypted in ${app.homeDir}/.docker/config.json.\n` +
            'Configure a credential helper to remove this warning. See\n' +
            'https://docs.docker.com/engine/reference/commandline/login/#credentials-store',
        );
      await pushDialog.getByLabel('User name').fill(registry.username);
      await pushDialog.getByLabel('Password').fill(registry.password);
      await app.screenshot('47-browser-login-choice');
      await place.getByLabel(/Only for this session/).check();
      expect(await place.getByTestId('plaintext-warning').count()).toBe(0);

      await pushDialog.getByRole('button', { name: 'Log in' }).click();
      await expect
        .poll(() => pushDialog.getByTestId('login-done').textContent(), { timeout: 15_000 })
        .toBe(
          `Logged in as ${registry.username}. Kept for this session only: Dockwright forgets it when it quits.`,
        );
      await pushDialog.getByText(`Logged in as ${registry.username}`).waitFor({ timeout: 10_000 });
      await pushDialog.getByRole('button', { name: 'Push', exact: true }).click();

      const push = page.locator('[data-testid="push"]', { hasText: target(first) }).first();
      await expect.poll(() => push.getAttribute('data-status'), { timeout: 30_000 }).toBe('succeeded');
      const digest = await registryDigest(first);
      expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(await push.getByTestId('push-digest').textContent()).toContain(digest);
      const row = page.getByTestId('login-row').filter({ hasText: registry.address });
      await expect.poll(() => row.textContent()).toContain('this session only (not saved)');
      await barsFull(push);
      await app.screenshot('48-browser-pushed');
    });

    it('logs in from the push error’s button, prefilled for that registry, and pushes again', async () => {
      const { page } = app;
      await page.getByRole('button', { name: 'Registries', exact: true }).click();
      const row = page.getByTestId('login-row').filter({ hasText: registry.address });
      await row.getByRole('button', { name: 'Log out' }).click();
      await row.waitFor({ state: 'detached' });

      const pushDialog = await tagAndOpenPush(target(retried));
      await pushDialog.getByText(`You are not logged in to ${registry.address}`).waitFor();
      await pushDialog.getByRole('button', { name: 'Push', exact: true }).click();
      const failed = page.locator('[data-testid="push"][data-status="failed"]', { hasText: target(retried) });
      await failed.waitFor({ timeout: 30_000 });
      expect(await failed.getByTestId('push-error').textContent()).toMatch(
        /no basic auth credentials|unauthorized/,
      );
      // Layers the engine never sent do not stay "Preparing" once the push has ended.
      const layerStates = await failed
        .getByTestId('push-layer')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-status')));
      expect(layerStates.filter((state) => state === 'Preparing')).toEqual([]);
      await app.screenshot('49-browser-push-unauthorized');

      await failed.getByRole('button', { name: `Log in to ${registry.address}` }).click();
      const loginDialog = page.getByRole('dialog', { name: `Log in to ${registry.address}` });
      await loginDialog.waitFor();
      expect(await loginDialog.getByLabel('Registry', { exact: true }).inputValue()).toBe(registry.address);
      expect(await loginDialog.textContent()).toContain(`${target(retried)} is pushed again`);
      await loginDialog.getByLabel('User name').fill(registry.username);
      await loginDialog.getByLabel('Password').fill(registry.password);
      await app.screenshot('49-browser-push-login-dialog');
      await loginDialog.getByRole('button', { name: 'Log in', exact: true }).click();
      await loginDialog.waitFor({ state: 'detached', timeout: 15_000 });

      const again = page.locator('[data-testid="push"][data-status="succeeded"]', {
        hasText: target(retried),
      });
      await again.waitFor({ timeout: 30_000 });
      const digest = await registryDigest(retried);
      expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(await again.getByTestId('push-digest').textContent()).toContain(digest);
      await barsFull(again);
      await app.screenshot('49-browser-push-retried');
    });

    it('kept the password out of the page, the server’s data, the home folder and any file at all', async () => {
      expect(findSecret(await app.page.content(), registry.password)).toBeNull();
      expect(findLeaks([app.dataDir, app.homeDir], registry.password)).toEqual([]);
    });

    it('raised no page error, console error or CSP violation', async () => {
      expect(await app.problems()).toEqual([]);
    });
  },
);
