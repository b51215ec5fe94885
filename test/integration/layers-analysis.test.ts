/**
 * Layer details and contents analysis on images built here with known contents, both builders.
 *
 * Ground truth comes from the engine and its own docker CLI in the same run: `image.history()`
 * bytes per layer, `docker image inspect` for the total, `docker history` for the printed sizes,
 * the CLI's `docker save` for each layer's content and blob, and `docker export` of a container
 * for what the final filesystem holds.
 *
 * The two image stores count differently (see src/shared/layers/size-kinds.ts): on the classic
 * store (engine 1) history sizes and the inspect size are content bytes, so the analysis must
 * equal them; on the containerd store (engine 2) history sizes are each layer's snapshot on disk
 * and the inspect size is the compressed blobs, so the analysis's content must equal what the
 * saved layers hold and the engine's numbers must be shown as they are, under their own names.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import tar from 'tar-stream';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { analyzeImageContents } from '../../src/main/layers/analyze-image-contents';
import { readImageDetails } from '../../src/main/layers/read-image-details';
import { analyzeDockerfile } from '../../src/shared/dockerfile/analyze-dockerfile';
import { formatSize } from '../../src/shared/format-size';
import type { FileTreeNode } from '../../src/shared/layers/file-tree';
import type { ImageContents } from '../../src/shared/layers/image-contents';
import { compareImages } from '../../src/shared/layers/compare-images';
import { mapHistoryToDockerfile } from '../../src/shared/layers/map-history-to-dockerfile';
import type { EngineHistoryEntry, ImageDetails } from '../../src/shared/layers/layer-history';
import { dockerCli, rigCli } from '../support/docker-cli';
import { TEST_LABEL } from '../support/rig-info';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { startServices, type TestServices } from '../support/main-services';
import { readSavedImage } from '../support/saved-image-sizes';
import { buildTestImage, packContext, rigDocker } from '../support/test-images';
import { formatSizeDelta } from '../../src/shared/layers/compare-images';

const rig = inject('rig');
const docker = rigDocker(rig.dockerHost);
const run = promisify(execFile);
const MiB = 1024 * 1024;
const made: string[] = [];
const containerdStore = rig.target === 'engine2';
let app: TestServices | null = null;

type Builder = 'classic' | 'buildkit';

afterAll(async () => {
  app?.dispose();
  for (const tag of made)
    await docker
      .getImage(tag)
      .remove({ force: true })
      .catch(() => undefined);
});

/** Builds with the chosen builder; BuildKit as the app does it (a BuildKit session), classic by tar. */
async function build(builder: Builder, name: string, files: Record<string, string>): Promise<string> {
  const tag = `dw-test/layers-${name}:${builder}`;
  made.push(tag);
  if (builder === 'classic') {
    await buildTestImage(docker, tag, files);
  } else {
    app ??= startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
    const record = await buildAndWait(
      app,
      buildRequest(makeContext(files), { tags: [tag], builder: 'buildkit' }),
    );
    if (record.status !== 'succeeded') throw new Error(`Building ${tag} failed: ${record.status}`);
  }
  return tag;
}

async function engineHistory(ref: string): Promise<EngineHistoryEntry[]> {
  return ((await docker.getImage(ref).history()) as EngineHistoryEntry[]).reverse();
}

async function baseHistoryLength(): Promise<number> {
  return ((await docker.getImage(rig.baseImage).history()) as unknown[]).length;
}

/** What `docker export` of a container of the image holds: bytes per non-directory path, as the engine counts them. */
async function exportedFiles(ref: string): Promise<Map<string, number>> {
  const container = await docker.createContainer({
    Image: ref,
    Cmd: ['true'],
    Labels: { [TEST_LABEL]: '1' },
  });
  try {
    const cli = rigCli(rig);
    const { stdout } = await run(cli.binary, ['export', container.id], {
      env: cli.env,
      encoding: 'buffer',
      maxBuffer: 256 * MiB,
    });
    const files = new Map<string, number>();
    const extract = tar.extract();
    await new Promise<void>((resolve, reject) => {
      extract.on('entry', (header, entry, next) => {
        const path = `/${header.name.replace(/^\.?\/+/, '').replace(/\/$/, '')}`;
        if (header.type === 'file') files.set(path, header.size ?? 0);
        else if (header.type === 'symlink') files.set(path, Buffer.byteLength(header.linkname ?? ''));
        else if (header.type === 'link') files.set(path, 0);
        entry.on('end', next);
        entry.resume();
      });
      extract.on('finish', resolve);
      extract.on('error', reject);
      extract.end(stdout);
    });
    return files;
  } finally {
    await container.remove({ force: true });
  }
}

/** What dockerd 20.10's init layer puts in every container (mount points, `/etc/mtab -> /proc/mounts`). */
const CONTAINER_INIT_PATHS = new Set([
  '/.dockerenv',
  '/dev/console',
  '/etc/hostname',
  '/etc/hosts',
  '/etc/mtab',
  '/etc/resolv.conf',
]);

function flatten(tree: FileTreeNode): FileTreeNode[] {
  return [tree, ...tree.children.flatMap(flatten)];
}

function find(tree: FileTreeNode, path: string): FileTreeNode | undefined {
  return flatten(tree).find((node) => node.path === path);
}

/**
 * Checks an analysis against the engine's own numbers: each layer's content against the saved
 * layer and (classic store) the history entry that made it, the total against `docker image
 * inspect`, the final tree against `docker export`.
 */
async function expectEngineNumbers(
  ref: string,
  contents: ImageContents,
  details: ImageDetails,
): Promise<void> {
  const history = await engineHistory(ref);
  const saved = await readSavedImage(rig, details.id);
  expect(details.imageStore).toBe(containerdStore ? 'containerd' : 'storage-driver');
  expect(contents.layout).toBe(saved.layout);
  const withLayer = details.history.filter((entry) => !entry.emptyLayer);
  expect(contents.layers).toHaveLength(withLayer.length);
  expect(details.history.map((entry) => entry.sizeBytes)).toEqual(history.map((entry) => entry.Size));
  contents.layers.forEach((layer, index) => {
    const entry = withLayer[index]!;
    const what = `layer ${index} (${layer.instruction})`;
    expect(layer.historyIndex).toBe(entry.index);
    expect(layer.diffId).toBe(entry.diffId);
    expect(layer.sizeBytes, what).toBe(saved.layers[index]!.contentBytes);
    expect(layer.blob, what).toEqual({
      bytes: saved.layers[index]!.blobBytes,
      compression: saved.layers[index]!.compression,
    });
    // The classic store's history counts content; the containerd store's counts the snapshot on disk.
    if (!containerdStore) expect(layer.sizeBytes, what).toBe(history[entry.index]!.Size);
  });
  const inspectSize = Number(
    (await dockerCli(rig.dockerHost, ['image', 'inspect', '--format', '{{.Size}}', ref])).trim(),
  );
  expect(details.sizeBytes).toBe(inspectSize);
  if (containerdStore) {
    // Its image size is the compressed blobs: index, manifest, config and gzip layers as saved.
    expect(inspectSize).toBe(saved.imageBlobBytes);
    expect(contents.blobBytes).toBe(saved.layers.reduce((sum, layer) => sum + layer.blobBytes, 0));
  } else {
    expect(contents.storedBytes).toBe(inspectSize);
  }
  expect(contents.emptyLayers).toEqual(details.history.map((entry) => entry.emptyLayer));
  // The CLI's rounded column is the same number in the same units.
  const printed = (await dockerCli(rig.dockerHost, ['history', '--no-trunc', '--format', '{{.Size}}', ref]))
    .trim()
    .split('\n')
    .reverse();
  expect(details.history.map((entry) => formatSize(entry.sizeBytes))).toEqual(printed);

  const exported = await exportedFiles(ref);
  const visible = flatten(contents.finalTree).filter((node) => node.kind !== 'directory');
  for (const node of visible) expect(exported.get(node.path), node.path).toBe(node.sizeBytes);
  // Anything else the export holds is what the engine adds to every container, not the image.
  const shown = new Set(visible.map((node) => node.path));
  const added = [...exported.keys()].filter((path) => !shown.has(path));
  expect(added.filter((path) => !CONTAINER_INIT_PATHS.has(path))).toEqual([]);
  const exportedBytes = [...exported].reduce((sum, [path, bytes]) => sum + (shown.has(path) ? bytes : 0), 0);
  expect(contents.visibleBytes).toBe(exportedBytes);
  expect(contents.finalTree.sizeBytes).toBe(contents.visibleBytes);
  expect(contents.wastedBytes).toBe(contents.storedBytes - contents.visibleBytes);
  expect(contents.efficiency).toBe(contents.visibleBytes / contents.storedBytes);
}

async function analyze(ref: string): Promise<{ details: ImageDetails; contents: ImageContents }> {
  const details = await readImageDetails(docker, ref);
  const contents = await analyzeImageContents(docker, ref);
  return { details, contents };
}

describe.each(['classic', 'buildkit'] as const)('layers of images built with %s', (builder) => {
  it('counts a 5 MiB file written then deleted in a later layer as exactly 5 MiB wasted', async () => {
    const dockerfile = [
      `FROM ${rig.baseImage}`,
      'RUN head -c 5242880 /dev/urandom > /big && echo keep > /keep',
      'RUN rm /big',
      '',
    ].join('\n');
    const ref = await build(builder, 'deleted', { Dockerfile: dockerfile });
    const { details, contents } = await analyze(ref);
    await expectEngineNumbers(ref, contents, details);

    expect(contents.wastedBytes).toBe(5 * MiB);
    expect(contents.topWasted[0]).toEqual({
      path: '/big',
      wastedBytes: 5 * MiB,
      versions: [{ layerIndex: 2, sizeBytes: 5 * MiB, removedBy: 3, how: 'deleted' }],
    });
    expect(contents.hints.map((hint) => [hint.kind, hint.bytes, hint.paths])).toEqual([
      ['deleted-later', 5 * MiB, ['/big']],
    ]);
    // What the layer tars weigh is not what they hold: headers and padding come on top, so sizing
    // waste by tar bytes would overstate it. dive's sum over paths seen in several layers gives
    // 5 MiB here too (the whiteout weighs nothing); it over-counts overwrites (next test).
    expect(contents.layers[2]!.tarBytes).toBeGreaterThan(5 * MiB);
    expect(contents.layers[2]!.blob!.bytes).toBeLessThanOrEqual(contents.layers[2]!.tarBytes);
    expect(contents.layers[2]!.tarBytes - contents.layers[2]!.sizeBytes).toBeLessThan(10 * 1024);

    const mapped = mapHistoryToDockerfile(details.history, analyzeDockerfile(dockerfile), null);
    const base = await baseHistoryLength();
    expect(mapped.filter((entry) => entry.fromBaseImage)).toHaveLength(base);
    expect(mapped.slice(base).map((entry) => entry.dockerfileLine)).toEqual(
      builder === 'classic' ? [2, 3, null] : [2, 3],
    );
  });

  it('counts the old version of an overwritten file, and dive would count both', async () => {
    const ref = await build(builder, 'overwritten', {
      Dockerfile: [
        `FROM ${rig.baseImage}`,
        'RUN head -c 100000 /dev/urandom > /data',
        'RUN head -c 30000 /dev/urandom > /data',
        '',
      ].join('\n'),
    });
    const { details, contents } = await analyze(ref);
    await expectEngineNumbers(ref, contents, details);
    expect(contents.wastedBytes).toBe(100_000);
    expect(find(contents.finalTree, '/data')).toMatchObject({ sizeBytes: 30_000, layerIndex: 3 });
    expect(contents.layers[3]!.modified).toEqual({ files: 1, bytes: 30_000 });
    const diveStyle = contents.layers
      .flatMap((layer) => flatten(layer.tree))
      .filter((node) => node.path === '/data')
      .reduce((sum, node) => sum + node.sizeBytes, 0);
    expect(diveStyle).toBe(130_000);
    expect(contents.hints.map((hint) => [hint.kind, hint.bytes])).toEqual([['overwritten-later', 100_000]]);
  });

  it('reads the opaque directory the engine writes when a folder is removed and made again', async () => {
    const ref = await build(builder, 'opaque', {
      Dockerfile: [
        `FROM ${rig.baseImage}`,
        'RUN mkdir -p /dir/sub && head -c 20000 /dev/urandom > /dir/old && head -c 3000 /dev/urandom > /dir/sub/s',
        'RUN rm -rf /dir && mkdir /dir && echo x > /dir/new',
        '',
      ].join('\n'),
    });
    const { details, contents } = await analyze(ref);
    await expectEngineNumbers(ref, contents, details);
    expect(contents.wastedBytes).toBe(23_000);
    // The classic store's differ marks the remade folder opaque (`dir/.wh..wh..opq`); containerd's
    // (engine 2, measured on 26.1) writes a whiteout per removed entry instead. Either way the
    // analysis must say which it read.
    const { whiteouts } = (await readSavedImage(rig, details.id)).layers[3]!;
    expect(whiteouts.includes('dir/.wh..wh..opq')).toBe(!containerdStore);
    const how = containerdStore ? 'deleted' : 'opaque-dir';
    expect(
      contents.topWasted.map((path) => [path.path, path.versions.map((version) => version.how)]),
    ).toEqual([
      ['/dir/old', [how]],
      ['/dir/sub/s', [how]],
    ]);
    const layer = contents.layers[3]!;
    expect(layer.removed).toEqual({ files: 2, bytes: 23_000 });
    expect(find(layer.tree, '/dir/new')?.change).toBe('added');
    expect(find(layer.tree, '/dir/sub')).toMatchObject({ change: 'removed', sizeBytes: 3000 });
    expect(find(contents.finalTree, '/dir')!.children.map((node) => node.name)).toEqual(['new']);
  });

  it('keeps only the final stage chain of a multi-stage build', async () => {
    const dockerfile = [
      `FROM ${rig.baseImage} AS builder`,
      'RUN head -c 1000000 /dev/urandom > /artifact && head -c 2000000 /dev/urandom > /scratch',
      '',
      `FROM ${rig.baseImage} AS runtime`,
      'ENV MODE=prod',
      'COPY --from=builder /artifact /app/artifact',
      'CMD ["sh"]',
      '',
    ].join('\n');
    const ref = await build(builder, 'multi-stage', { Dockerfile: dockerfile });
    const { details, contents } = await analyze(ref);
    await expectEngineNumbers(ref, contents, details);
    const base = await baseHistoryLength();
    const mapped = mapHistoryToDockerfile(details.history, analyzeDockerfile(dockerfile), null);
    expect(mapped.filter((entry) => entry.fromBaseImage)).toHaveLength(base);
    expect(
      mapped.slice(base).map((entry) => [entry.dockerfileLine, entry.instruction.split(' ')[0]]),
    ).toEqual([[5, 'ENV'], [6, 'COPY'], [7, 'CMD'], ...(builder === 'classic' ? [[null, 'LABEL']] : [])]);
    expect(flatten(contents.finalTree).map((node) => node.path)).not.toContain('/scratch');
    expect(find(contents.finalTree, '/app/artifact')?.sizeBytes).toBe(1_000_000);
    expect(contents.wastedBytes).toBe(0);
  });
});

describe('layers the size alone does not reveal', () => {
  it('a BuildKit WORKDIR that creates its folder is a 0-byte layer', async () => {
    const dockerfile = [`FROM ${rig.baseImage}`, 'WORKDIR /work', 'RUN echo hi > note', ''].join('\n');
    const ref = await build('buildkit', 'workdir', { Dockerfile: dockerfile });
    const { details, contents } = await analyze(ref);
    await expectEngineNumbers(ref, contents, details);
    const workdir = details.history.find((entry) => entry.instruction === 'WORKDIR /work')!;
    // On disk the new folder takes blocks (8,192 bytes measured on 26.1); its content is nothing.
    expect(workdir).toMatchObject({ emptyLayer: false });
    expect(workdir.sizeBytes).toBe(containerdStore ? (await engineHistory(ref))[workdir.index]!.Size : 0);
    expect(workdir.diffId).toBe(details.diffIds[2]);
    const layer = contents.layers.find((candidate) => candidate.historyIndex === workdir.index)!;
    expect(layer).toMatchObject({ sizeBytes: 0, added: { files: 0, bytes: 0 } });
    expect(find(layer.tree, '/work')?.change).toBe('added');
    const mapped = mapHistoryToDockerfile(details.history, analyzeDockerfile(dockerfile), null);
    expect(mapped.find((entry) => entry.index === workdir.index)?.dockerfileLine).toBe(2);
  });

  it('an imported image is one layer made by nothing', async () => {
    const tag = 'dw-test/layers-import:1';
    made.push(tag);
    const stream = await docker.importImage(
      packContext({ 'hello.txt': 'hello\n', 'etc/motd': 'hi there\n' }),
      {
        repo: 'dw-test/layers-import',
        tag: '1',
        changes: [`LABEL ${TEST_LABEL}=1`],
      },
    );
    await new Promise((resolve, reject) =>
      docker.modem.followProgress(stream, (error, output) => (error ? reject(error) : resolve(output))),
    );
    const { details, contents } = await analyze(tag);
    await expectEngineNumbers(tag, contents, details);
    expect(details.history).toHaveLength(1);
    expect(details.history[0]).toMatchObject({
      createdBy: '',
      instruction: '',
      emptyLayer: false,
      sizeBytes: containerdStore ? (await engineHistory(tag))[0]!.Size : 15,
      comment: 'Imported from -',
    });
    expect(contents.layers.map((layer) => [layer.sizeBytes, layer.instruction])).toEqual([[15, '']]);
  });
});

describe('comparing two builds', () => {
  it('shares the base once, matches instructions, and names what grew', async () => {
    const before = await build('classic', 'compare-a', {
      Dockerfile: [
        `FROM ${rig.baseImage}`,
        'RUN head -c 300000 /dev/urandom > /deps',
        'COPY app.txt /app.txt',
        'CMD ["sh"]',
        '',
      ].join('\n'),
      'app.txt': 'version one\n',
    });
    const after = await build('classic', 'compare-b', {
      Dockerfile: [
        `FROM ${rig.baseImage}`,
        'RUN head -c 900000 /dev/urandom > /deps',
        'COPY app.txt /app.txt',
        'ENV DEBUG=1',
        'CMD ["sh"]',
        '',
      ].join('\n'),
      'app.txt': 'v2\n',
    });
    const [a, b] = await Promise.all([readImageDetails(docker, before), readImageDetails(docker, after)]);
    const comparison = compareImages(a, b);
    const base = await baseHistoryLength();
    expect(comparison.sharedCount).toBe(base);
    const historyA = await engineHistory(before);
    const historyB = await engineHistory(after);
    const rows = comparison.rows.slice(base);
    expect(rows.map((row) => [row.match, row.instruction.split(' ')[0], row.deltaBytes])).toEqual([
      ['same-keyword', 'RUN', historyB[base]!.Size - historyA[base]!.Size],
      ['same-keyword', 'COPY', historyB[base + 1]!.Size - historyA[base + 1]!.Size],
      ['only-b', 'ENV', 0],
      ['same-instruction', 'CMD', 0],
      ['same-instruction', 'LABEL', 0],
    ]);
    // 300,000 → 900,000 bytes of content; on disk, in whole 4 KiB blocks.
    if (!containerdStore) {
      expect(rows[0]!.deltaBytes).toBe(600_000);
      expect(rows[0]!.deltaPercent).toBe(200);
      expect(rows[1]!.deltaBytes).toBe(3 - 12);
    }
    expect(comparison.sizeKind).toBe(containerdStore ? 'disk' : 'content');
    const sizeA = Number(
      (await dockerCli(rig.dockerHost, ['image', 'inspect', '--format', '{{.Size}}', before])).trim(),
    );
    const sizeB = Number(
      (await dockerCli(rig.dockerHost, ['image', 'inspect', '--format', '{{.Size}}', after])).trim(),
    );
    const total = (history: EngineHistoryEntry[]) => history.reduce((sum, entry) => sum + entry.Size, 0);
    expect(comparison.totals).toMatchObject({
      aBytes: total(historyA),
      bBytes: total(historyB),
      deltaBytes: total(historyB) - total(historyA),
    });
    if (!containerdStore) expect(comparison.totals).toMatchObject({ aBytes: sizeA, bBytes: sizeB });
    expect(comparison.grewMost?.instruction).toBe('RUN head -c 900000 /dev/urandom > /deps');
    // 12 → 3 bytes of content is the same block on disk: it shrinks only where content is counted.
    if (containerdStore) expect(comparison.shrankMost).toBeNull();
    else expect(comparison.shrankMost?.instruction).toMatch(/^COPY /);
    expect(comparison.headline).toContain(
      `Grew most: RUN head -c 900000 /dev/urandom > /deps (${formatSizeDelta(rows[0]!.deltaBytes)})`,
    );
    if (!containerdStore) expect(comparison.headline).toContain('(+600kB)');
  });
});

describe('analysis as an operation', () => {
  it('reports progress against the image size and can be cancelled', async () => {
    const ref = await build('classic', 'progress', {
      Dockerfile: [`FROM ${rig.baseImage}`, 'RUN head -c 3000000 /dev/urandom > /blob', ''].join('\n'),
    });
    const seen: Array<{ bytesRead: number; totalBytes: number }> = [];
    const contents = await analyzeImageContents(docker, ref, {
      progressIntervalMs: 0,
      onProgress: (progress) => seen.push(progress),
    });
    const size = (await docker.getImage(ref).inspect()).Size;
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((progress) => progress.totalBytes === size)).toBe(true);
    // The save stream carries tar headers on top of the layers' bytes.
    expect(seen.at(-1)!.bytesRead).toBeGreaterThanOrEqual(size);
    // The size counts content on the classic store, the compressed blobs on the containerd store.
    expect(containerdStore ? contents.blobBytes : contents.storedBytes).toBeLessThanOrEqual(size);
    if (!containerdStore) expect(contents.storedBytes).toBe(size);

    const controller = new AbortController();
    const cancelled = analyzeImageContents(docker, ref, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
      progressIntervalMs: 0,
    });
    await expect(cancelled).rejects.toMatchObject({ code: 'ABORT_ERR' });
  });
});
