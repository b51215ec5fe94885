import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyzeImageArchive } from '../../../../src/main/layers/analyze-image-contents';
import type { FileTreeNode } from '../../../../src/shared/layers/file-tree';
import type { ImageContents } from '../../../../src/shared/layers/image-contents';
import type { ImageInventory } from '../../../../src/shared/layers/image-inventory';
import { chunked, dockerArchive, layerTar, ociArchive, sha256, type ImageSpec } from './image-archives';

const KiB = 1024;

async function sampleImage(): Promise<ImageSpec> {
  return {
    layers: [
      await layerTar([
        { name: 'bin/', type: 'directory' },
        { name: 'bin/tool', size: 10 * KiB },
        { name: 'bin/alias', type: 'symlink', linkname: '/bin/tool' },
      ]),
      await layerTar([
        { name: 'dir/', type: 'directory' },
        { name: 'dir/old', content: 'old\n' },
        { name: 'dir/sub/', type: 'directory' },
        { name: 'dir/sub/s', content: 's\n' },
        { name: 'big', size: 300 * KiB },
        { name: 'over', content: 'v1\n' },
      ]),
      await layerTar([{ name: 'work/', type: 'directory' }]),
      await layerTar([
        { name: '.wh.big' },
        { name: 'dir/', type: 'directory' },
        { name: 'dir/.wh..wh..opq' },
        { name: 'dir/new', content: 'x\n' },
        { name: 'over', content: 'v2two\n' },
      ]),
    ],
    history: [
      { created_by: '/bin/sh -c #(nop) COPY dir:abc in /bin' },
      { created_by: '/bin/sh -c #(nop)  CMD ["sh"]', empty_layer: true },
      {
        created_by: 'RUN /bin/sh -c mkdir -p /dir/sub && head -c 307200 /dev/zero > /big # buildkit',
        comment: 'buildkit.dockerfile.v0',
      },
      { created_by: 'WORKDIR /work', comment: 'buildkit.dockerfile.v0' },
      {
        created_by: 'RUN /bin/sh -c rm -rf /dir /big && mkdir /dir # buildkit',
        comment: 'buildkit.dockerfile.v0',
      },
      { created_by: 'CMD ["sh"]', comment: 'buildkit.dockerfile.v0', empty_layer: true },
    ],
  };
}

function paths(tree: FileTreeNode): string[] {
  return [tree.path, ...tree.children.flatMap(paths)];
}

/** Everything but the layout: the two layouts of one image must analyse the same. */
function essence(contents: ImageContents) {
  const { layout: _layout, blobBytes: _blobBytes, ...rest } = contents;
  return { ...rest, layers: rest.layers.map(({ blob: _blob, ...layer }) => layer) };
}

describe('analyzeImageArchive', () => {
  it('reads the engine ≤ 24 layout in one pass, manifest last', async () => {
    const image = await sampleImage();
    const { archive, imageId } = await dockerArchive(image);
    const contents = await analyzeImageArchive(chunked(archive, 7_000));
    expect(contents.layout).toBe('docker-archive');
    expect(contents.imageId).toBe(imageId);
    expect(contents.emptyLayers).toEqual([false, true, false, false, false, true]);
    expect(contents.layers.map((layer) => [layer.historyIndex, layer.instruction, layer.sizeBytes])).toEqual([
      [0, 'COPY dir:abc in /bin', 10 * KiB + 9],
      [2, 'RUN mkdir -p /dir/sub && head -c 307200 /dev/zero > /big', 300 * KiB + 9],
      [3, 'WORKDIR /work', 0],
      [4, 'RUN rm -rf /dir /big && mkdir /dir', 8],
    ]);
    expect(contents.layers.map((layer) => layer.tarBytes)).toEqual(image.layers.map((layer) => layer.length));
    expect(contents.layers.map((layer) => layer.blob)).toEqual(
      image.layers.map((layer) => ({ bytes: layer.length, compression: 'none' })),
    );
    expect(contents.blobBytes).toBe(image.layers.reduce((sum, layer) => sum + layer.length, 0));
    expect(contents.layers[2]!.diffId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(contents.storedBytes).toBe(10 * KiB + 9 + 300 * KiB + 9 + 8);
    expect(contents.wastedBytes).toBe(300 * KiB + 4 + 2 + 3);
    expect(contents.visibleBytes).toBe(10 * KiB + 9 + 2 + 6);
    expect(paths(contents.finalTree)).toEqual([
      '/',
      '/bin',
      '/bin/alias',
      '/bin/tool',
      '/dir',
      '/dir/new',
      '/over',
      '/work',
    ]);
    expect(contents.topWasted.map((path) => path.path)).toEqual(['/big', '/dir/old', '/over', '/dir/sub/s']);
    expect(contents.hints.map((hint) => hint.kind)).toEqual(['deleted-later']);
  });

  it('reads the engine 25+ OCI layout (gzip or not, with or without manifest.json) to the same result', async () => {
    const image = await sampleImage();
    const reference = essence(await analyzeImageArchive(chunked((await dockerArchive(image)).archive)));
    for (const options of [
      {},
      { gzip: true },
      { gzip: true, withManifestJson: false },
      { withManifestJson: false, nestedIndex: true },
    ]) {
      const { archive } = await ociArchive(image, options);
      const contents = await analyzeImageArchive(chunked(archive, 5_000));
      expect(contents.layout).toBe('oci-layout');
      expect(essence(contents)).toEqual(reference);
    }
  });

  it('counts a gzip layer blob as stored and its tar as uncompressed', async () => {
    const image = await sampleImage();
    const { archive } = await ociArchive(image, { gzip: true });
    const contents = await analyzeImageArchive(chunked(archive, 3_000));
    expect(contents.layers.map((layer) => layer.tarBytes)).toEqual(image.layers.map((layer) => layer.length));
    expect(contents.layers.map((layer) => layer.blob)).toEqual(
      image.layers.map((layer) => ({ bytes: gzipSync(layer).length, compression: 'gzip' })),
    );
    expect(contents.blobBytes).toBeLessThan(image.layers.reduce((sum, layer) => sum + layer.length, 0));
  });

  it('follows the containerd store index (image id = index digest) past attestations to the engine platform', async () => {
    const image = await sampleImage();
    const reference = essence(await analyzeImageArchive(chunked((await dockerArchive(image)).archive)));
    const other: ImageSpec = {
      layers: [await layerTar([{ name: 'arm', content: 'arm64 only\n' }])],
      history: [{ created_by: 'COPY arm /arm' }],
    };
    for (const withManifestJson of [true, false]) {
      const { archive, imageId } = await ociArchive(image, {
        gzip: true,
        containerdIndex: true,
        otherPlatform: other,
        withManifestJson,
      });
      const amd64 = await analyzeImageArchive(chunked(archive, 4_000), {
        imageId,
        platform: { os: 'linux', architecture: 'amd64', variant: null },
      });
      expect(amd64.imageId).toBe(imageId);
      expect(essence(amd64)).toEqual({ ...reference, imageId });
      const arm64 = await analyzeImageArchive(chunked(archive, 4_000), {
        imageId,
        platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      });
      expect(arm64.layers.map((layer) => layer.instruction)).toEqual(['COPY arm /arm']);
      expect(paths(arm64.finalTree)).toEqual(['/', '/arm']);
    }
  });

  it('reads a layer the image repeats once and applies it twice', async () => {
    const layer = await layerTar([{ name: 'same', size: 2 * KiB }]);
    const image: ImageSpec = {
      layers: [layer, await layerTar([{ name: '.wh.same' }]), layer],
      history: [{ created_by: 'a' }, { created_by: 'b' }, { created_by: 'c' }],
    };
    const { archive } = await dockerArchive(image);
    expect(archive.includes(Buffer.from('../'))).toBe(true);
    const contents = await analyzeImageArchive(chunked(archive));
    expect(contents.layers.map((entry) => [entry.readable, entry.sizeBytes])).toEqual([
      [true, 2 * KiB],
      [true, 0],
      [true, 2 * KiB],
    ]);
    expect(contents).toMatchObject({ storedBytes: 4 * KiB, visibleBytes: 2 * KiB, wastedBytes: 2 * KiB });
  });

  it('keeps long and non-ASCII names whole (pax headers)', async () => {
    const long = `${'deep/'.repeat(40)}n\u00e4me-${'x'.repeat(120)}.txt`;
    const image: ImageSpec = {
      layers: [await layerTar([{ name: long, content: 'hi' }])],
      history: [{ created_by: 'a' }],
    };
    const contents = await analyzeImageArchive(chunked((await dockerArchive(image)).archive));
    expect(paths(contents.finalTree).at(-1)).toBe(`/${long}`);
    expect(contents.visibleBytes).toBe(2);
  });

  it('marks a layer it cannot read (zstd) and still reads the rest', async () => {
    const image = await sampleImage();
    const zstd = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.alloc(600, 7)]);
    const rawLayers = [image.layers[0]!, zstd, image.layers[2]!, image.layers[3]!];
    const { archive } = await ociArchive(image, { rawLayers });
    const contents = await analyzeImageArchive(chunked(archive));
    expect(contents.layers.map((layer) => layer.readable)).toEqual([true, false, true, true]);
    expect(contents.layers[1]!.blob).toEqual({ bytes: zstd.length, compression: 'zstd' });
    expect(contents.layers[0]!.sizeBytes).toBe(10 * KiB + 9);
  });

  it('reports progress up to the archive size it read', async () => {
    const { archive } = await dockerArchive(await sampleImage());
    const seen: Array<{ bytesRead: number; totalBytes: number }> = [];
    await analyzeImageArchive(chunked(archive, 4_096, 1), {
      totalBytes: 123_456,
      progressIntervalMs: 0,
      onProgress: (progress) => seen.push(progress),
    });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.at(-1)).toEqual({ bytesRead: archive.length, totalBytes: 123_456 });
    expect(
      seen.every((progress, index) => index === 0 || progress.bytesRead >= seen[index - 1]!.bytesRead),
    ).toBe(true);
  });

  it('stops when cancelled, with the error the handlers map to CANCELLED', async () => {
    const { archive } = await dockerArchive(await sampleImage());
    const controller = new AbortController();
    const source = chunked(archive, 1_024, 2);
    let chunks = 0;
    source.on('data', () => {
      if (++chunks === 5) controller.abort();
    });
    await expect(analyzeImageArchive(source, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
      code: 'ABORT_ERR',
    });
    expect(source.destroyed).toBe(true);
    expect(chunks).toBeLessThan(archive.length / 1_024);

    const already = new AbortController();
    already.abort();
    await expect(analyzeImageArchive(chunked(archive), { signal: already.signal })).rejects.toMatchObject({
      code: 'ABORT_ERR',
    });
  });

  it('refuses an archive without a manifest', async () => {
    const image = await sampleImage();
    const { archive } = await ociArchive(image, { withManifestJson: false });
    // Cut the archive before index.json: what is left has blobs but nothing naming them.
    const cut = archive.subarray(0, archive.indexOf(Buffer.from('index.json')) - 0);
    const truncatedTar = Buffer.concat([
      cut.subarray(0, cut.length - (cut.length % 512)),
      Buffer.alloc(1024),
    ]);
    await expect(analyzeImageArchive(chunked(truncatedTar))).rejects.toThrow(
      /neither manifest.json nor an OCI index/,
    );
  });
});

describe('analyzeImageArchive with an inventory', () => {
  const status1 = 'Package: a\nVersion: 1\n\n';
  const status2 = 'Package: a\nVersion: 2\n\nPackage: b\nVersion: 1\n\n';
  const inventoryImage = async (): Promise<ImageSpec> => ({
    layers: [
      await layerTar([
        { name: 'var/lib/dpkg/', type: 'directory' },
        { name: 'var/lib/dpkg/status', content: status1 },
        { name: 'app/', type: 'directory' },
        { name: 'app/main.js', content: 'console.log(1)\n' },
        { name: 'app/old.txt', content: 'old' },
        { name: 'app/current', type: 'symlink', linkname: 'main.js' },
      ]),
      await layerTar([
        { name: 'var/lib/dpkg/status', content: status2 },
        { name: 'app/.wh.old.txt' },
        { name: 'app/main.js', content: 'console.log(2)\n' },
        { name: 'app/zeros', size: 3 * KiB },
        { name: 'app/same-zeros', type: 'link', linkname: 'app/zeros' },
      ]),
    ],
    history: [{ created_by: 'COPY a /' }, { created_by: 'RUN b' }],
  });

  it('hashes every final file in the same pass, in both layouts, and keeps package records per layer', async () => {
    const image = await inventoryImage();
    const docker = await dockerArchive(image);
    const oci = await ociArchive(image, { gzip: true });
    for (const { archive, imageId } of [docker, oci]) {
      let inventory: ImageInventory | null = null;
      const contents = await analyzeImageArchive(chunked(archive, 3_000), {
        onInventory: (value) => (inventory = value),
      });
      expect(inventory).not.toBeNull();
      const { files, captured, capturedTruncated, unreadableLayers } = inventory!;
      expect(inventory!.imageId).toBe(contents.imageId);
      expect(contents.imageId).toBe(imageId);
      expect(
        files.map((file) => [
          file.path,
          file.kind,
          file.sizeBytes,
          file.digest,
          file.linkTarget,
          file.layerIndex,
        ]),
      ).toEqual([
        ['app', 'directory', 0, null, null, 0],
        ['app/current', 'symlink', 7, null, 'main.js', 0],
        ['app/main.js', 'file', 15, `sha256:${sha256('console.log(2)\n')}`, null, 1],
        ['app/same-zeros', 'hardlink', 0, null, 'app/zeros', 1],
        ['app/zeros', 'file', 3 * KiB, `sha256:${sha256(Buffer.alloc(3 * KiB))}`, null, 1],
        ['var', 'directory', 0, null, null, 0],
        ['var/lib', 'directory', 0, null, null, 0],
        ['var/lib/dpkg', 'directory', 0, null, null, 0],
        ['var/lib/dpkg/status', 'file', status2.length, `sha256:${sha256(status2)}`, null, 1],
      ]);
      expect(captured).toEqual([
        { layerIndex: 0, path: 'var/lib/dpkg/status', content: status1 },
        { layerIndex: 1, path: 'var/lib/dpkg/status', content: status2 },
      ]);
      expect(capturedTruncated).toBe(false);
      expect(unreadableLayers).toEqual([]);
    }
  });

  it('gives the same contents with or without the inventory', async () => {
    const { archive } = await dockerArchive(await inventoryImage());
    const plain = await analyzeImageArchive(chunked(archive));
    const withInventory = await analyzeImageArchive(chunked(archive), { onInventory: () => undefined });
    expect(withInventory).toEqual(plain);
  });

  it('names the layers it could not read (zstd) and leaves their files out', async () => {
    const image = await inventoryImage();
    const zstd = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.alloc(600, 7)]);
    const { archive } = await ociArchive(image, { rawLayers: [image.layers[0]!, zstd] });
    let inventory: ImageInventory | null = null;
    await analyzeImageArchive(chunked(archive), { onInventory: (value) => (inventory = value) });
    expect(inventory!.unreadableLayers).toEqual([1]);
    expect(inventory!.files.find((file) => file.path === 'app/old.txt')?.layerIndex).toBe(0);
    expect(inventory!.captured.map((file) => file.layerIndex)).toEqual([0]);
  });
});
