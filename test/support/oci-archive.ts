import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

/** One platform of a hand-made multi-platform image: its files land in one layer. */
export interface PlatformImage {
  os: string;
  architecture: string;
  variant?: string;
  files: Record<string, string | Buffer>;
}

interface Blob {
  digest: string;
  data: Buffer;
}

function blob(data: Buffer | string): Blob {
  const bytes = Buffer.from(data);
  return { digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, data: bytes };
}

function path(digest: string): string {
  return `blobs/${digest.replace(':', '/')}`;
}

async function tarOf(entries: Array<[string, Buffer]>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, data] of entries) pack.entry({ name, mode: 0o644, mtime: new Date(0) }, data);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The archive and the digests a test checks against: the index's, and each platform's manifest. */
export interface OciArchive {
  tar: Buffer;
  indexDigest: string;
  indexBytes: number;
  /** Each platform's manifest, and its manifest + config + layer bytes. */
  manifests: Array<{ platform: string; digest: string; contentBytes: number }>;
  /** Each platform's compressed layer bytes. */
  layerBytes: number[];
}

/**
 * An OCI image layout archive, as `docker save` writes it on the containerd store: `index.json`
 * naming one image index with a manifest per platform, gzip layers, and a `manifest.json` for the
 * first platform so a classic-store engine (which reads only that file) loads that one platform.
 * Made without any registry or emulator; platforms other than the host's are never run.
 * Blobs two platforms share are written once, as an engine's export writes them.
 */
export async function multiPlatformArchive(
  reference: string,
  platforms: PlatformImage[],
  options: { drop?: string[] } = {},
): Promise<OciArchive> {
  const blobs = new Map<string, Blob>();
  const layerBytes: number[] = [];
  const manifests: OciArchive['manifests'] = [];
  const descriptors: object[] = [];
  const compat: Array<{ Config: string; RepoTags: string[]; Layers: string[] }> = [];
  for (const platform of platforms) {
    const layerTar = await tarOf(
      Object.entries(platform.files).map(([name, data]) => [name, Buffer.from(data)]),
    );
    const diffId = blob(layerTar).digest;
    const layer = blob(gzipSync(layerTar));
    const config = blob(
      JSON.stringify({
        architecture: platform.architecture,
        os: platform.os,
        ...(platform.variant ? { variant: platform.variant } : {}),
        created: '2024-01-01T00:00:00Z',
        config: { Cmd: ['/bin/sh'], Labels: { 'dev.dockwright.test': '1' } },
        rootfs: { type: 'layers', diff_ids: [diffId] },
        history: [{ created: '2024-01-01T00:00:00Z', created_by: 'multiPlatformArchive' }],
      }),
    );
    const manifest = blob(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: config.digest,
          size: config.data.length,
        },
        layers: [
          {
            mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
            digest: layer.digest,
            size: layer.data.length,
          },
        ],
      }),
    );
    const name = [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
    // A dropped platform stays named in the index with none of its blobs: a partial pull.
    if (!options.drop?.includes(name))
      for (const entry of [layer, config, manifest]) blobs.set(entry.digest, entry);
    layerBytes.push(layer.data.length);
    manifests.push({
      platform: name,
      digest: manifest.digest,
      contentBytes: manifest.data.length + config.data.length + layer.data.length,
    });
    descriptors.push({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: manifest.digest,
      size: manifest.data.length,
      platform: {
        architecture: platform.architecture,
        os: platform.os,
        ...(platform.variant ? { variant: platform.variant } : {}),
      },
    });
    if (compat.length === 0)
      compat.push({ Config: path(config.digest), RepoTags: [reference], Layers: [path(layer.digest)] });
  }
  const index = blob(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: descriptors,
    }),
  );
  blobs.set(index.digest, index);
  const tag = reference.slice(reference.lastIndexOf(':') + 1);
  const layout = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.index.v1+json',
        digest: index.digest,
        size: index.data.length,
        annotations: {
          'io.containerd.image.name': `docker.io/${reference}`,
          'org.opencontainers.image.ref.name': tag,
        },
      },
    ],
  };
  const archive = await tarOf([
    ...[...blobs.values()].map((entry): [string, Buffer] => [path(entry.digest), entry.data]),
    ['index.json', Buffer.from(JSON.stringify(layout))],
    ['manifest.json', Buffer.from(JSON.stringify(compat))],
    ['oci-layout', Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' }))],
  ]);
  return { tar: archive, indexDigest: index.digest, indexBytes: index.data.length, manifests, layerBytes };
}
