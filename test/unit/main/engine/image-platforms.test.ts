import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import {
  listedPlatforms,
  platformName,
  readImagePlatforms,
} from '../../../../src/main/engine/image-platforms';
import { multiPlatformArchive } from '../../../support/oci-archive';

/** A Docker stand-in whose export of any image is `archive`. */
function exporting(archive: Buffer): Docker {
  return { getImage: () => ({ get: async () => Readable.from([archive]) }) } as unknown as Docker;
}

async function tarOf(files: Record<string, string>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, data] of Object.entries(files)) pack.entry({ name }, data);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('platformName', () => {
  it('writes os/architecture and the variant when there is one', () => {
    expect(platformName({ os: 'linux', architecture: 'amd64' })).toBe('linux/amd64');
    expect(platformName({ os: 'linux', architecture: 'arm', variant: 'v7' })).toBe('linux/arm/v7');
  });
});

describe('listedPlatforms', () => {
  // Shape of ImageManifestSummary in moby's api/swagger.yaml (API 1.47+), moby/moby@b985e2313a8676e18072b442911fc8f64f17d440.
  const image = (platform: object, available = true) => ({
    ID: 'sha256:1',
    Available: available,
    Kind: 'image',
    Size: { Total: 10, Content: 4 },
    ImageData: { Platform: platform, Containers: [], Size: { Unpacked: 6 } },
  });
  const attestation = {
    ID: 'sha256:2',
    Available: true,
    Kind: 'attestation',
    Size: { Total: 1, Content: 1 },
  };

  it('is undefined when the engine sent no Manifests (API below 1.47, or the classic store)', () => {
    expect(listedPlatforms(undefined)).toBeUndefined();
    expect(listedPlatforms(null)).toBeUndefined();
  });

  it('names the available image platforms, leaving out attestations and absent platforms', () => {
    expect(
      listedPlatforms([
        image({ os: 'linux', architecture: 'amd64' }),
        attestation,
        image({ os: 'linux', architecture: 'arm64', variant: 'v8' }),
        image({ os: 'linux', architecture: 's390x' }, false),
      ]),
    ).toEqual(['linux/amd64', 'linux/arm64/v8']);
  });

  it('skips entries it cannot read instead of failing the whole list', () => {
    expect(listedPlatforms([{ Kind: 'image' }, 'x', image({ os: 'linux', architecture: 'amd64' })])).toEqual([
      'linux/amd64',
    ]);
  });
});

describe('readImagePlatforms', () => {
  it('reads every platform of an index with the bytes each one stores', async () => {
    const archive = await multiPlatformArchive('dw-test/x:1', [
      { os: 'linux', architecture: 'amd64', files: { a: 'amd64' } },
      { os: 'linux', architecture: 'arm64', variant: 'v8', files: { a: 'arm64' } },
    ]);
    const result = await readImagePlatforms(exporting(archive.tar), 'dw-test/x:1');
    expect(result.platforms).toEqual(
      archive.manifests.map(({ platform, contentBytes }) => ({ platform, contentBytes })),
    );
    expect(result.missing).toEqual([]);
    expect(result.contentBytes).toBe(
      archive.manifests.reduce((sum, manifest) => sum + manifest.contentBytes, 0) + archive.indexBytes,
    );
  });

  it('names a platform the index lists but the export does not hold as missing', async () => {
    const archive = await multiPlatformArchive(
      'dw-test/x:1',
      [
        { os: 'linux', architecture: 'amd64', files: { a: 'amd64' } },
        { os: 'linux', architecture: 'arm64', files: { a: 'arm64' } },
      ],
      { drop: ['linux/arm64'] },
    );
    const result = await readImagePlatforms(exporting(archive.tar), 'dw-test/x:1');
    expect(result.platforms.map((entry) => entry.platform)).toEqual(['linux/amd64']);
    expect(result.missing).toEqual(['linux/arm64']);
  });

  it('leaves BuildKit attestation manifests out, and reads the platform from the config when the index has none', async () => {
    const config = JSON.stringify({ os: 'linux', architecture: 'riscv64', rootfs: { diff_ids: [] } });
    const layer = 'layer bytes';
    const manifest = JSON.stringify({
      config: { digest: `sha256:${sha(config)}`, size: config.length },
      layers: [{ digest: `sha256:${sha(layer)}`, size: layer.length }],
    });
    const attestation = JSON.stringify({
      config: { digest: `sha256:${sha(config)}`, size: config.length },
      layers: [],
    });
    const index = JSON.stringify({
      manifests: [
        { digest: `sha256:${sha(manifest)}`, size: manifest.length },
        {
          digest: `sha256:${sha(attestation)}`,
          size: attestation.length,
          platform: { os: 'unknown', architecture: 'unknown' },
          annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
        },
      ],
    });
    const files = {
      [`blobs/sha256/${sha(config)}`]: config,
      [`blobs/sha256/${sha(layer)}`]: layer,
      [`blobs/sha256/${sha(manifest)}`]: manifest,
      [`blobs/sha256/${sha(attestation)}`]: attestation,
      [`blobs/sha256/${sha(index)}`]: index,
      'index.json': JSON.stringify({ manifests: [{ digest: `sha256:${sha(index)}`, size: index.length }] }),
    };
    const result = await readImagePlatforms(exporting(await tarOf(files)), 'x');
    expect(result.platforms).toEqual([
      { platform: 'linux/riscv64', contentBytes: manifest.length + config.length + layer.length },
    ]);
    expect(result.missing).toEqual([]);
  });

  it('reads the classic layout of Docker 20.10: one platform, from the config', async () => {
    const config = JSON.stringify({ os: 'linux', architecture: 'amd64' });
    const files = {
      'abc.json': config,
      'l1/layer.tar': 'x'.repeat(1024),
      'l2/layer.tar': 'y'.repeat(512),
      'manifest.json': JSON.stringify([
        { Config: 'abc.json', RepoTags: ['a:1'], Layers: ['l1/layer.tar', 'l2/layer.tar'] },
      ]),
    };
    const result = await readImagePlatforms(exporting(await tarOf(files)), 'a:1');
    const bytes = config.length + 1024 + 512;
    expect(result).toEqual({
      platforms: [{ platform: 'linux/amd64', contentBytes: bytes }],
      missing: [],
      contentBytes: bytes,
    });
  });

  it('never follows a digest that is not a sha256 hex string into a path', async () => {
    const files = {
      'etc/passwd-like': JSON.stringify({ config: { digest: 'x', size: 1 }, layers: [] }),
      'index.json': JSON.stringify({ manifests: [{ digest: 'sha256:../../etc/passwd-like', size: 1 }] }),
      'manifest.json': JSON.stringify([{ Config: 'nothing.json', Layers: [] }]),
    };
    // The index does not parse, so the classic manifest.json is read; its config is absent.
    const result = await readImagePlatforms(exporting(await tarOf(files)), 'x');
    expect(result.platforms).toEqual([]);
  });

  it('fails with a message when the export holds neither layout', async () => {
    await expect(readImagePlatforms(exporting(await tarOf({ 'other.txt': 'x' })), 'x')).rejects.toThrow(
      'neither index.json nor manifest.json',
    );
  });
});
