import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatSize } from '../../src/shared/format-size';
import { dockerCli } from '../support/docker-cli';
import { multiPlatformArchive, type OciArchive } from '../support/oci-archive';
import { TEST_PREFIX } from '../support/rig-info';
import { launchApp, type RunningApp } from './harness/launch-app';

const rig = inject('rig');
const reference = `${TEST_PREFIX}/multi-e2e:${process.pid}-${Date.now().toString(36)}`;
const root = mkdtempSync(join(tmpdir(), 'dw-e2e-multi-'));

describe('a multi-platform image in the Images view', () => {
  let app: RunningApp;
  let archive: OciArchive;
  let containerd = false;

  beforeAll(async () => {
    // Two platforms with different files; the classic store loads only the first (manifest.json).
    archive = await multiPlatformArchive(reference, [
      { os: 'linux', architecture: 'amd64', files: { 'etc/which': 'amd64\n'.repeat(500) } },
      { os: 'linux', architecture: 'arm64', variant: 'v8', files: { 'etc/which': 'arm64\n'.repeat(500) } },
    ]);
    writeFileSync(join(root, 'multi.tar'), archive.tar);
    await dockerCli(rig.dockerHost, ['load', '-i', join(root, 'multi.tar')]);
    const driverStatus = await dockerCli(rig.dockerHost, ['info', '--format', '{{json .DriverStatus}}']);
    containerd = driverStatus.includes('io.containerd.snapshotter.v1');
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost }, retryDelaysMs: [300, 600, 1000] });
  });

  afterAll(async () => {
    await app?.close();
    await dockerCli(rig.dockerHost, ['rmi', reference]).catch(() => '');
    rmSync(root, { recursive: true, force: true });
  });

  it('lists the image once, with the size docker images prints', async () => {
    const rows = app.page.locator(`[data-testid="image-row"][data-ref="${reference}"]`);
    await rows.first().waitFor({ timeout: 15_000 });
    expect(await rows.count()).toBe(1);
    const cliSize = (await dockerCli(rig.dockerHost, ['images', '--format', '{{.Size}}', reference])).trim();
    await expect.poll(() => rows.locator('td').nth(4).textContent()).toBe(cliSize);
  });

  it('shows the platforms the image holds on the containerd store; the classic store has one per image', async () => {
    const row = app.page.locator(`[data-testid="image-row"][data-ref="${reference}"]`);
    const button = row.getByRole('button', { name: `Platforms of ${reference}` });
    if (!containerd) {
      // overlay2 keeps one platform per image: there is nothing to list, so no button.
      expect(await button.count()).toBe(0);
      await app.screenshot(`images-multi-platform-${rig.target}`);
      return;
    }
    await button.click();
    const dialog = app.page.getByRole('dialog', { name: `Platforms of ${reference}` });
    const table = dialog.getByTestId('image-platforms');
    await table.waitFor({ timeout: 15_000 });
    const rows = table.locator('tbody tr');
    const cells: string[][] = [];
    for (let index = 0; index < (await rows.count()); index++) {
      cells.push(await rows.nth(index).locator('td').allTextContents());
    }
    expect(cells).toEqual(archive.manifests.map((m) => [m.platform, formatSize(m.contentBytes)]));
    const total = archive.manifests.reduce((sum, m) => sum + m.contentBytes, 0) + archive.indexBytes;
    expect(await dialog.getByTestId('platforms-size-note').textContent()).toContain(formatSize(total));
    await app.screenshot(`images-multi-platform-${rig.target}`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
