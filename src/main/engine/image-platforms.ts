import { addAbortSignal, type Readable } from 'node:stream';
import type Docker from 'dockerode';
import tar from 'tar-stream';
import { z } from 'zod';
import type { ImagePlatform, ImagePlatforms } from '../../shared/images';

const platformSchema = z.object({
  os: z.string().min(1),
  architecture: z.string().min(1),
  variant: z.string().optional(),
});

type Platform = z.output<typeof platformSchema>;

/** `linux/arm64/v8`, the way `--platform` is written. */
export function platformName(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

/** One entry of `Manifests` in `/images/json?manifests=1` (API 1.47+), as far as the list needs it. */
const listedManifestSchema = z.object({
  Kind: z.string(),
  Available: z.boolean(),
  ImageData: z.object({ Platform: platformSchema }).optional(),
});

/**
 * The platforms an image holds, from the `Manifests` an engine of API 1.47+ lists on the containerd
 * store; undefined when the engine sent none (older engines ignore `manifests=1`, the classic store
 * has no manifests). Attestations and platforms whose content is not all here are left out.
 */
export function listedPlatforms(manifests: unknown): string[] | undefined {
  if (!Array.isArray(manifests)) return undefined;
  const names = manifests.flatMap((entry) => {
    const parsed = listedManifestSchema.safeParse(entry);
    if (!parsed.success || parsed.data.Kind !== 'image' || !parsed.data.Available) return [];
    return parsed.data.ImageData ? [platformName(parsed.data.ImageData.Platform)] : [];
  });
  return [...new Set(names)];
}

// Digests are checked before they become archive paths: engine output, but never trusted as a path.
const descriptorSchema = z.object({
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  platform: platformSchema.optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});
type Descriptor = z.output<typeof descriptorSchema>;

const indexSchema = z.object({ manifests: z.array(descriptorSchema) });
const manifestSchema = z.object({ config: descriptorSchema, layers: z.array(descriptorSchema) });
const classicManifestSchema = z.array(z.object({ Config: z.string(), Layers: z.array(z.string()) })).min(1);

/** BuildKit's attestation manifests sit in the index beside the platforms, marked by this annotation. */
const REFERENCE_TYPE = 'vnd.docker.reference.type';

/** Metadata blobs (indexes, manifests, configs) are small; bigger entries are only counted. */
const KEEP_AT_MOST = 4 * 1024 * 1024;

interface Archive {
  /** Size of every file, by path. */
  sizes: Map<string, number>;
  /** Bytes of the small files. */
  small: Map<string, Buffer>;
}

async function readArchive(source: Readable): Promise<Archive> {
  const archive: Archive = { sizes: new Map(), small: new Map() };
  const extract = tar.extract();
  extract.on('entry', (header, body, next) => {
    const chunks: Buffer[] = [];
    const keep = header.type === 'file' && (header.size ?? 0) <= KEEP_AT_MOST;
    body.on('data', (chunk: unknown) => {
      if (keep) chunks.push(chunk as Buffer);
    });
    body.on('end', () => {
      if (header.type === 'file') {
        archive.sizes.set(header.name, header.size ?? 0);
        if (keep) archive.small.set(header.name, Buffer.concat(chunks));
      }
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    extract.on('finish', resolve);
    extract.on('error', reject);
    source.on('error', reject);
    source.pipe(extract);
  });
  return archive;
}

function blobPath(digest: string): string {
  return `blobs/sha256/${digest.slice('sha256:'.length)}`;
}

function json(archive: Archive, path: string): unknown {
  const data = archive.small.get(path);
  if (!data) return undefined;
  try {
    return JSON.parse(data.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The OCI layout (Docker 25+, and every containerd-store export): walks the index down to manifests. */
function ociPlatforms(archive: Archive, top: Descriptor[]): Omit<ImagePlatforms, 'contentBytes'> {
  const platforms: ImagePlatform[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const visit = (descriptor: Descriptor, depth: number): void => {
    if (depth > 4 || seen.has(descriptor.digest)) return;
    seen.add(descriptor.digest);
    if (descriptor.annotations?.[REFERENCE_TYPE]) return;
    const node = json(archive, blobPath(descriptor.digest));
    const index = indexSchema.safeParse(node);
    if (index.success) {
      for (const child of index.data.manifests) visit(child, depth + 1);
      return;
    }
    const manifest = manifestSchema.safeParse(node);
    if (!manifest.success) {
      // Absent: pulled for another platform, or skipped by the export because it is not here.
      if (descriptor.platform) missing.push(platformName(descriptor.platform));
      return;
    }
    const config = platformSchema.safeParse(json(archive, blobPath(manifest.data.config.digest)));
    const platform = descriptor.platform ?? (config.success ? config.data : null);
    if (!platform || platform.os === 'unknown') return;
    const blobs = [manifest.data.config, ...manifest.data.layers];
    if (!blobs.every((blob) => archive.sizes.has(blobPath(blob.digest)))) {
      missing.push(platformName(platform));
      return;
    }
    const contentBytes = [descriptor, ...blobs].reduce((sum, blob) => sum + blob.size, 0);
    platforms.push({ platform: platformName(platform), contentBytes });
  };
  for (const descriptor of top) visit(descriptor, 0);
  return { platforms, missing: [...new Set(missing)] };
}

/** The classic layout (the overlay2 store of Docker ≤ 24): one image, its platform in the config. */
function classicPlatforms(archive: Archive): ImagePlatforms {
  const manifest = classicManifestSchema.safeParse(json(archive, 'manifest.json'));
  if (!manifest.success) throw new Error('The engine exported neither index.json nor manifest.json');
  const image = manifest.data[0]!;
  const config = platformSchema.safeParse(json(archive, image.Config));
  const files = [image.Config, ...image.Layers];
  const contentBytes = files.reduce((sum, path) => sum + (archive.sizes.get(path) ?? 0), 0);
  return {
    platforms: config.success ? [{ platform: platformName(config.data), contentBytes }] : [],
    missing: [],
    contentBytes,
  };
}

/**
 * The platforms an image holds and their stored size, for engines whose image list does not say
 * (API < 1.47): read from the engine's export of the image, the one place such an engine names
 * them. The export streams every stored blob, so this runs when a user asks, never per listing.
 */
export async function readImagePlatforms(
  docker: Docker,
  ref: string,
  signal?: AbortSignal,
): Promise<ImagePlatforms> {
  const source = (await docker.getImage(ref).get()) as Readable;
  if (signal) addAbortSignal(signal, source);
  const archive = await readArchive(source);
  const index = indexSchema.safeParse(json(archive, 'index.json'));
  if (!index.success) return classicPlatforms(archive);
  let contentBytes = 0;
  for (const [path, size] of archive.sizes) if (path.startsWith('blobs/')) contentBytes += size;
  return { ...ociPlatforms(archive, index.data.manifests), contentBytes };
}
