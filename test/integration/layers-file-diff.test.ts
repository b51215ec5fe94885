/**
 * Files changed between two versions of an image built here from the rig's busybox base, through
 * the app's own channel (`layers:file-diff` → `file-diff:event`): a file added, one removed (the
 * newer version no longer makes it), one modified with the same size but other bytes, a symlink
 * retargeted, a folder removed with what it held, and files the two share unchanged.
 *
 * Runs on either engine: engine 1 (20.10, classic store, `<id>/layer.tar`) and, with
 * DW_TEST_TARGET=engine2, Docker 26.1 with the containerd store (OCI layout, gzip blobs).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { analyzeImageContents } from '../../src/main/layers/analyze-image-contents';
import type { FileDiffEvent, FileDiffView } from '../../src/shared/layers/file-diff-view';
import type { ImageInventory } from '../../src/shared/layers/image-inventory';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_PREFIX } from '../support/rig-info';
import { buildTestImage, rigDocker } from '../support/test-images';

const rig = inject('rig');
const docker = rigDocker(rig.dockerHost);
const suffix = `${process.pid}-${Date.now().toString(36)}`;
const OLDER = `${TEST_PREFIX}/file-diff-${suffix}:1`;
const NEWER = `${TEST_PREFIX}/file-diff-${suffix}:2`;
let app: TestServices;

const V1 = [
  `FROM ${rig.baseImage}`,
  'RUN mkdir -p /app/data /app/olddir/sub' +
    " && printf 'hello v1\\n' > /app/conf.txt" +
    ' && head -c 5000 /dev/zero > /app/data/big.bin' +
    " && printf 'gone' > /app/gone.txt" +
    " && printf 'x' > /app/olddir/a && printf 'yy' > /app/olddir/sub/b" +
    ' && ln -s conf.txt /app/current' +
    " && printf 'same' > /app/same.txt",
  '',
].join('\n');

const V2 = [
  `FROM ${rig.baseImage}`,
  'RUN mkdir -p /app/data' +
    " && printf 'hello v2\\n' > /app/conf.txt" +
    ' && head -c 5000 /dev/zero > /app/data/big.bin' +
    " && printf 'new file!' > /app/new.txt" +
    ' && ln -s data/big.bin /app/current' +
    " && printf 'same' > /app/same.txt",
  'RUN printf 6 > /app/late.txt',
  '',
].join('\n');

beforeAll(async () => {
  // Built one after the other, so the first is the older by its creation time.
  await buildTestImage(docker, OLDER, { Dockerfile: V1 });
  await buildTestImage(docker, NEWER, { Dockerfile: V2 });
  app = startServices({ DOCKER_HOST: rig.dockerHost });
  await app.settled();
}, 300_000);

afterAll(async () => {
  app?.dispose();
  for (const tag of [NEWER, OLDER])
    await docker
      .getImage(tag)
      .remove({ force: true })
      .catch(() => undefined);
});

/** Starts a file diff through the channel and waits for its last event. */
async function fileDiff(a: string, b: string): Promise<{ id: string; events: FileDiffEvent[] }> {
  const { id } = await app.value('layers:file-diff', { a, b });
  const events = (): FileDiffEvent[] =>
    app.events
      .filter((entry) => entry.event === 'file-diff:event')
      .map((entry) => entry.payload as { id: string; event: FileDiffEvent })
      .filter((payload) => payload.id === id)
      .map((payload) => payload.event);
  await expect
    .poll(() => events().at(-1)?.kind ?? 'none', { timeout: 120_000, interval: 100 })
    .toMatch(/^(done|failed|cancelled)$/);
  return { id, events: events() };
}

function doneView(events: FileDiffEvent[]): FileDiffView {
  const last = events.at(-1);
  if (last?.kind !== 'done') throw new Error(`The file diff ended ${JSON.stringify(last)}`);
  return last.view;
}

const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

describe(`layers:file-diff on ${rig.target}`, () => {
  it('lists exactly the files added, removed and modified, with their bytes, older → newer', async () => {
    const { events } = await fileDiff(OLDER, NEWER);
    const view = doneView(events);
    expect(view.swapped).toBe(false);
    expect(view.labels.a).toContain(OLDER);
    expect(view.labels.b).toContain(NEWER);
    const { diff } = view;
    expect(
      diff.entries.map((entry) => [
        entry.path,
        entry.change,
        entry.kind,
        entry.bytesBefore,
        entry.bytesAfter,
        entry.because,
      ]),
    ).toEqual([
      ['/app/conf.txt', 'modified', 'file', 9, 9, 'content'],
      ['/app/current', 'modified', 'symlink', 'conf.txt'.length, 'data/big.bin'.length, 'link'],
      ['/app/gone.txt', 'removed', 'file', 4, null, null],
      ['/app/late.txt', 'added', 'file', null, 1, null],
      ['/app/new.txt', 'added', 'file', null, 9, null],
      ['/app/olddir', 'removed', 'directory', 0, null, null],
      ['/app/olddir/a', 'removed', 'file', 1, null, null],
      ['/app/olddir/sub', 'removed', 'directory', 0, null, null],
      ['/app/olddir/sub/b', 'removed', 'file', 2, null, null],
    ]);
    // The newer image's layers: the base's, then the two RUNs; each path names the one that wrote it.
    const baseLayers = (await docker.getImage(rig.baseImage).inspect()).RootFS.Layers!.length;
    expect(
      Object.fromEntries(
        diff.entries.filter((e) => e.layerIndex !== null).map((e) => [e.path, e.layerIndex]),
      ),
    ).toEqual({
      '/app/conf.txt': baseLayers,
      '/app/current': baseLayers,
      '/app/late.txt': baseLayers + 1,
      '/app/new.txt': baseLayers,
    });
    expect(diff.added).toEqual({ files: 2, folders: 0, bytes: 10 });
    expect(diff.removed).toEqual({ files: 3, folders: 2, bytes: 7 });
    expect(diff.modified).toEqual({ files: 2, folders: 0, bytes: 9 + 12, bytesBefore: 9 + 8 });
    expect(diff.omittedEntries).toBe(0);
    expect(diff.unreadableLayers).toEqual({ a: [], b: [] });
    expect(diff.folders.map((folder) => folder.path)).toEqual(['/app', '/app/olddir/sub', '/app/olddir']);
    expect(diff.tree.sizeBytes).toBe(10 + 7 + 21);
    // The base's files, /app/same.txt and /app/data/big.bin are the same in both.
    let baseFiles = 0;
    await analyzeImageContents(docker, rig.baseImage, {
      onInventory: (inventory) =>
        (baseFiles = inventory.files.filter((file) => file.kind !== 'directory').length),
    });
    expect(diff.unchanged.files).toBe(baseFiles + 2);
  });

  it('puts the older image left whichever order it is asked in', async () => {
    const forward = doneView((await fileDiff(OLDER, NEWER)).events);
    const backward = doneView((await fileDiff(NEWER, OLDER)).events);
    expect(backward.swapped).toBe(true);
    expect(backward.imageIds).toEqual(forward.imageIds);
    expect(backward.diff).toEqual(forward.diff);
  });

  it('takes digests of the real file contents in the same pass as the contents analysis', async () => {
    let inventory: ImageInventory | null = null;
    await analyzeImageContents(docker, NEWER, { onInventory: (value) => (inventory = value) });
    const file = (path: string) => inventory!.files.find((entry) => entry.path === path);
    expect(file('app/conf.txt')).toMatchObject({ kind: 'file', sizeBytes: 9, digest: sha('hello v2\n') });
    expect(file('app/same.txt')?.digest).toBe(sha('same'));
    expect(file('app/data/big.bin')?.digest).toBe(sha('\0'.repeat(5000)));
    expect(file('app/current')).toMatchObject({ kind: 'symlink', linkTarget: 'data/big.bin', digest: null });
    expect(inventory!.unreadableLayers).toEqual([]);
  });

  it('reports progress of both sides before the diff when the images were not read before', async () => {
    const fresh = startServices({ DOCKER_HOST: rig.dockerHost });
    try {
      await fresh.settled();
      const { id } = await fresh.value('layers:file-diff', { a: OLDER, b: NEWER });
      const kinds = (): string[] =>
        fresh.events
          .filter((entry) => entry.event === 'file-diff:event')
          .map((entry) => entry.payload as { id: string; event: FileDiffEvent })
          .filter((payload) => payload.id === id)
          .map((payload) => payload.event.kind);
      await expect.poll(() => kinds().at(-1), { timeout: 120_000, interval: 100 }).toBe('done');
      expect(kinds()[0]).toBe('progress');
    } finally {
      fresh.dispose();
    }
  });
});
