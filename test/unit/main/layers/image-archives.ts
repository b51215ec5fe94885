/**
 * `docker save` archives built in memory with tar-stream, in both layouts the engine writes:
 * `<id>/layer.tar` + `<config>.json` (engine ≤ 24, what dockerd 20.10 sent when these were
 * modelled) and the OCI layout `blobs/sha256/…` (engine 25+).
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import type { ConfigHistoryEntry } from '../../../../src/shared/layers/layer-history';

/** One entry of a layer tar: a file with content (or a size of zeros), a folder, a link. */
export type LayerFile =
  | { name: string; type?: 'file'; content?: string; size?: number }
  | { name: string; type: 'directory' }
  | { name: string; type: 'symlink' | 'link'; linkname: string };

/** An archive entry: bytes, or a symlink to another entry. */
export type ArchiveEntry = { name: string; data: Buffer } | { name: string; symlink: string };

/** Packs entries into one tar buffer. */
export async function tarBuffer(entries: ArchiveEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const done = collect(pack as unknown as Readable);
  for (const entry of entries) {
    if ('symlink' in entry) pack.entry({ name: entry.name, type: 'symlink', linkname: entry.symlink });
    else pack.entry({ name: entry.name, size: entry.data.length, mode: 0o644 }, entry.data);
  }
  pack.finalize();
  return done;
}

/** A layer tar, as the engine exports one. */
export async function layerTar(files: LayerFile[]): Promise<Buffer> {
  const pack = tar.pack();
  const done = collect(pack as unknown as Readable);
  for (const file of files) {
    if (file.type === 'directory') pack.entry({ name: file.name, type: 'directory', mode: 0o755 });
    else if ('linkname' in file) pack.entry({ name: file.name, type: file.type, linkname: file.linkname });
    else {
      const data = file.content !== undefined ? Buffer.from(file.content) : Buffer.alloc(file.size ?? 0);
      pack.entry({ name: file.name, size: data.length, mode: 0o644 }, data);
    }
  }
  pack.finalize();
  return done;
}

function collect(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** An image: its layer tars and history (entries with `empty_layer` make no layer). */
export interface ImageSpec {
  layers: Buffer[];
  history: ConfigHistoryEntry[];
}

/** The config JSON the image id is the digest of. */
export function configOf(image: ImageSpec): Buffer {
  return Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: image.layers.map((layer) => `sha256:${sha256(layer)}`) },
      history: image.history,
    }),
  );
}

/**
 * The engine ≤ 24 layout: `<v1 id>/{VERSION,json,layer.tar}`, `<config digest>.json`,
 * manifest.json and repositories, sorted by name as the engine writes them. A layer repeated in
 * the image is written once and linked.
 */
export async function dockerArchive(image: ImageSpec): Promise<{ archive: Buffer; imageId: string }> {
  const config = configOf(image);
  const configHex = sha256(config);
  const entries: ArchiveEntry[] = [];
  const written = new Map<string, string>();
  const layerPaths: string[] = [];
  image.layers.forEach((layer, index) => {
    const v1 = sha256(`${index}:${sha256(layer)}`);
    const path = `${v1}/layer.tar`;
    layerPaths.push(path);
    entries.push({ name: `${v1}/VERSION`, data: Buffer.from('1.0') });
    entries.push({ name: `${v1}/json`, data: Buffer.from('{}') });
    const first = written.get(sha256(layer));
    if (first) entries.push({ name: path, symlink: `../${first}` });
    else {
      written.set(sha256(layer), path);
      entries.push({ name: path, data: layer });
    }
  });
  entries.push({ name: `${configHex}.json`, data: config });
  entries.push({
    name: 'manifest.json',
    data: Buffer.from(
      JSON.stringify([{ Config: `${configHex}.json`, RepoTags: ['x:1'], Layers: layerPaths }]),
    ),
  });
  entries.push({ name: 'repositories', data: Buffer.from('{}') });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  return { archive: await tarBuffer(entries), imageId: `sha256:${configHex}` };
}

/**
 * The engine 25+ OCI layout: every layer, config and manifest a `blobs/sha256/<digest>`;
 * `gzip` compresses the layer blobs as the containerd store keeps them. `containerdIndex` writes
 * what engine 26.1's containerd store saved for a BuildKit build: index.json → the image's own
 * index (whose digest is the image id) → the linux/amd64 manifest and BuildKit's attestation
 * manifest; `otherPlatform` adds a linux/arm64 manifest listed first, its blobs in the archive too.
 */
export async function ociArchive(
  image: ImageSpec,
  options: {
    gzip?: boolean;
    withManifestJson?: boolean;
    nestedIndex?: boolean;
    rawLayers?: Buffer[];
    containerdIndex?: boolean;
    otherPlatform?: ImageSpec;
  } = {},
): Promise<{ archive: Buffer; imageId: string }> {
  const blobs = new Map<string, Buffer>();
  const add = (data: Buffer): string => {
    const hex = sha256(data);
    blobs.set(hex, data);
    return hex;
  };
  const config = configOf(image);
  const configHex = add(config);
  const layerBlobs = (options.rawLayers ?? image.layers).map((layer) =>
    add(options.gzip ? gzipSync(layer) : layer),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${configHex}` },
      layers: layerBlobs.map((hex) => ({
        mediaType: 'application/vnd.oci.image.layer.v1.tar',
        digest: `sha256:${hex}`,
      })),
    }),
  );
  let top = add(manifest);
  let imageId = `sha256:${configHex}`;
  if (options.containerdIndex) {
    const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
    const attestationConfig = add(json({ architecture: 'unknown', os: 'unknown', rootfs: { diff_ids: [] } }));
    const statement = add(json({ _type: 'https://in-toto.io/Statement/v0.1', subject: [] }));
    const attestation = add(
      json({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: `sha256:${attestationConfig}`,
        },
        layers: [{ mediaType: 'application/vnd.in-toto+json', digest: `sha256:${statement}` }],
      }),
    );
    const others = [];
    if (options.otherPlatform) {
      const otherConfig = add(configOf(options.otherPlatform));
      const otherLayers = options.otherPlatform.layers.map((layer) => add(gzipSync(layer)));
      others.push({
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: `sha256:${add(
          json({
            schemaVersion: 2,
            config: { digest: `sha256:${otherConfig}` },
            layers: otherLayers.map((hex) => ({ digest: `sha256:${hex}` })),
          }),
        )}`,
        platform: { architecture: 'arm64', os: 'linux', variant: 'v8' },
      });
    }
    top = add(
      json({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [
          ...others,
          {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            digest: `sha256:${top}`,
            platform: { architecture: 'amd64', os: 'linux' },
          },
          {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            digest: `sha256:${attestation}`,
            annotations: {
              'vnd.docker.reference.digest': `sha256:${top}`,
              'vnd.docker.reference.type': 'attestation-manifest',
            },
            platform: { architecture: 'unknown', os: 'unknown' },
          },
        ],
      }),
    );
    imageId = `sha256:${top}`;
  }
  if (options.nestedIndex) {
    top = add(
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.index.v1+json',
          manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${top}` }],
        }),
      ),
    );
  }
  const entries: ArchiveEntry[] = [...blobs].map(([hex, data]) => ({ name: `blobs/sha256/${hex}`, data }));
  entries.push({
    name: 'index.json',
    data: Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [{ digest: `sha256:${top}` }] })),
  });
  if (options.withManifestJson !== false) {
    entries.push({
      name: 'manifest.json',
      data: Buffer.from(
        JSON.stringify([
          {
            Config: `blobs/sha256/${configHex}`,
            RepoTags: ['x:1'],
            Layers: layerBlobs.map((hex) => `blobs/sha256/${hex}`),
          },
        ]),
      ),
    });
  }
  entries.push({ name: 'oci-layout', data: Buffer.from('{"imageLayoutVersion":"1.0.0"}') });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  return { archive: await tarBuffer(entries), imageId };
}

/** A readable that hands out `data` in chunks, optionally pausing between them. */
export function chunked(data: Buffer, chunkBytes = 64 * 1024, delayMs = 0): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (offset >= data.length) {
        this.push(null);
        return;
      }
      const chunk = data.subarray(offset, offset + chunkBytes);
      offset += chunk.length;
      if (delayMs > 0) setTimeout(() => this.push(chunk), delayMs);
      else this.push(chunk);
    },
  });
}
