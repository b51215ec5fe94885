import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { shortImageId } from '../../src/shared/images';
import { TEST_PREFIX } from '../support/rig-info';
import { buildTestImage, rigDocker } from '../support/test-images';
import { launchBrowserMode, type RunningBrowserMode } from './harness/launch-browser-mode';

const rig = inject('rig');
const docker = rigDocker(rig.dockerHost);

describe('files changed between two versions of an image, in browser mode', () => {
  let app: RunningBrowserMode;
  const tag = `${TEST_PREFIX}/file-diff-e2e-${process.pid}`;

  beforeAll(async () => {
    await buildTestImage(docker, `${tag}:1`, {
      Dockerfile: [
        `FROM ${rig.baseImage}`,
        "RUN mkdir -p /srv/old && printf 'v1' > /srv/app.conf && printf 'bye' > /srv/old/notes.txt" +
          ' && ln -s app.conf /srv/current',
        '',
      ].join('\n'),
    });
    await buildTestImage(docker, `${tag}:2`, {
      Dockerfile: [
        `FROM ${rig.baseImage}`,
        "RUN mkdir -p /srv/data && printf 'v2' > /srv/app.conf && head -c 20000 /dev/zero > /srv/data/cache.bin" +
          ' && ln -s data/cache.bin /srv/current',
        '',
      ].join('\n'),
    });
    app = await launchBrowserMode({ env: { DOCKER_HOST: rig.dockerHost } });
    await app.page.goto(app.server.issueLink());
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    for (const version of [2, 1])
      await docker
        .getImage(`${tag}:${version}`)
        .remove({ force: true })
        .catch(() => undefined);
  });

  it('opens Files changed beside the layer comparison and lists the changes by folder and as a tree', async () => {
    const { page } = app;
    await page.getByRole('button', { name: `Layers of ${tag}:2` }).click();
    await page.getByRole('tab', { name: 'Compare' }).click();
    const older = `${tag}:1 (${shortImageId((await docker.getImage(`${tag}:1`).inspect()).Id)})`;
    await page.getByLabel('Compare with').selectOption({ label: older });
    await page.getByTestId('comparison-headline').waitFor();
    await page.getByRole('tab', { name: 'Files changed' }).click();

    const totals = page.getByTestId('file-diff-totals');
    await expect.poll(() => totals.count(), { timeout: 60_000 }).toBe(1);
    const text = (await totals.textContent()) ?? '';
    expect(text).toContain('added — 1 file, 1 folder · 20kB');
    expect(text).toContain('removed — 1 file, 1 folder · 3B');
    expect(text).toContain('modified — 10B → 16B');

    // The RUN is the layer after the base's, counted from 1 as the page shows layers.
    const run = `layer ${(await docker.getImage(rig.baseImage).inspect()).RootFS.Layers!.length + 1}`;
    const entries = page.getByTestId('file-diff-entry');
    expect((await entries.allTextContents()).map((row) => row.replace(/\s+/g, ' ').trim()).sort()).toEqual(
      [
        `addeddata/0B${run}`,
        `addedcache.bin20kB${run}`,
        `modifiedapp.conf (other content)2B → 2B${run}`,
        `modifiedcurrent (new link target)8B → 14B+6B${run}`,
        'removedold/0B',
        'removednotes.txt3B',
      ].sort(),
    );
    await app.screenshot('70-layers-file-diff');

    await page.getByLabel('Filter files').fill('notes');
    await expect.poll(() => entries.count()).toBe(1);
    await page.getByLabel('Filter files').fill('');
    await page.getByRole('tab', { name: 'Tree' }).click();
    const tree = page.getByTestId('file-diff-tree');
    await tree.getByRole('button', { name: /data\s*added/ }).click();
    await expect.poll(() => tree.textContent()).toContain('cache.bin');
    expect(await tree.textContent()).toContain('removed');
    await app.screenshot('71-layers-file-diff-tree');
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
