/**
 * Which of an image's layers a repository already holds, learnt by reading only: the manifests of
 * the repository's tags name compressed blobs, their configs' `rootfs.diff_ids` name the same
 * layers uncompressed, so a local diff ID found there has a known blob; a HEAD on that blob then
 * confirms the registry still has it. Layers no manifest lists are ones the engine will upload
 * (the engine's own record of digests it pushed before is not readable through its API).
 */
import type { RepositoryClient } from './registry-client';

/** Every manifest type a tag may hold; a registry answers 404 for a type the Accept header leaves out. */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** How many tags' manifests are read at most: the destination first, then others. */
export const MAX_COMPARED_TAGS = 8;

/** The platform of the local image, to pick from an index. */
export interface Platform {
  os: string;
  architecture: string;
  variant: string | null;
}

/** A blob the registry holds for a layer. */
export interface KnownBlob {
  digest: string;
  bytes: number;
}

export interface RepositoryLayers {
  /** Tags whose manifests were read (the destination first when it exists). */
  comparedTags: string[];
  /** The digest of the manifest the destination tag holds now, null when the tag does not exist. */
  destinationDigest: string | null;
  /** Diff ID → blob, for the local layers the registry was found to hold (HEAD 200). */
  present: Map<string, KnownBlob>;
}

interface Descriptor {
  mediaType?: string;
  digest?: string;
  size?: number;
  platform?: { os?: string; architecture?: string; variant?: string };
}

interface ManifestJson {
  mediaType?: string;
  manifests?: Descriptor[];
  config?: Descriptor;
  layers?: Descriptor[];
}

function parseJson<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** The image manifest of `reference` (a tag or digest) for `platform`, resolving an index. */
async function imageManifest(
  client: RepositoryClient,
  reference: string,
  platform: Platform,
): Promise<{ digest: string | null; manifest: ManifestJson } | null> {
  const response = await client.request('GET', `manifests/${reference}`, MANIFEST_ACCEPT);
  if (response.status !== 200) return null;
  const manifest = parseJson<ManifestJson>(response.body);
  if (!manifest) return null;
  const digest = response.headers.get('docker-content-digest');
  if (!manifest.manifests) return { digest, manifest };
  const match =
    manifest.manifests.find(
      (entry) =>
        entry.platform?.os === platform.os &&
        entry.platform.architecture === platform.architecture &&
        (platform.variant === null || entry.platform.variant === platform.variant),
    ) ??
    manifest.manifests.find(
      (entry) => entry.platform?.os === platform.os && entry.platform.architecture === platform.architecture,
    );
  if (!match?.digest) return { digest, manifest: {} };
  const inner = await imageManifest(client, match.digest, platform);
  return inner ? { digest, manifest: inner.manifest } : null;
}

/** Diff ID → compressed blob, from one image manifest and its config. */
async function blobsOf(client: RepositoryClient, manifest: ManifestJson): Promise<Map<string, KnownBlob>> {
  const found = new Map<string, KnownBlob>();
  const layers = manifest.layers ?? [];
  if (!manifest.config?.digest || layers.length === 0) return found;
  const response = await client.request('GET', `blobs/${manifest.config.digest}`);
  if (response.status !== 200) return found;
  const diffIds = parseJson<{ rootfs?: { diff_ids?: unknown } }>(response.body)?.rootfs?.diff_ids;
  // Artifacts (signatures, attestations) have configs without layers of their own.
  if (!Array.isArray(diffIds) || diffIds.length !== layers.length) return found;
  layers.forEach((layer, index) => {
    const diffId = diffIds[index];
    if (typeof diffId === 'string' && layer.digest && typeof layer.size === 'number')
      found.set(diffId, { digest: layer.digest, bytes: layer.size });
  });
  return found;
}

/** The repository's tags, or none when the repository does not exist yet. */
async function listTags(client: RepositoryClient): Promise<string[]> {
  const response = await client.request('GET', 'tags/list?n=1000');
  if (response.status !== 200) return [];
  const tags = parseJson<{ tags?: unknown }>(response.body)?.tags;
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
}

/**
 * Which of `diffIds` the repository holds, reading the destination tag and up to
 * MAX_COMPARED_TAGS − 1 other tags. Throws RegistryRequestError when the registry cannot be asked.
 */
export async function findRepositoryLayers(
  client: RepositoryClient,
  input: { tag: string; diffIds: string[]; platform: Platform },
): Promise<RepositoryLayers> {
  const tags = await listTags(client);
  // Newest-looking tags last in a lexical list are as likely as any; the destination is what matters most.
  const others = tags.filter((tag) => tag !== input.tag).slice(-(MAX_COMPARED_TAGS - 1));
  const wanted = tags.includes(input.tag) ? [input.tag, ...others] : others;
  const manifests = await Promise.all(
    wanted.map(async (tag) => ({ tag, found: await imageManifest(client, tag, input.platform) })),
  );
  const known = new Map<string, KnownBlob>();
  const maps = await Promise.all(
    manifests.map(({ found }) => (found ? blobsOf(client, found.manifest) : new Map<string, KnownBlob>())),
  );
  for (const map of maps) for (const [diffId, blob] of map) if (!known.has(diffId)) known.set(diffId, blob);

  const present = new Map<string, KnownBlob>();
  await Promise.all(
    [...new Set(input.diffIds)].map(async (diffId) => {
      const blob = known.get(diffId);
      if (!blob) return;
      const head = await client.request('HEAD', `blobs/${blob.digest}`);
      if (head.status === 200) {
        const length = Number(head.headers.get('content-length'));
        present.set(diffId, {
          digest: blob.digest,
          bytes: Number.isFinite(length) && length > 0 ? length : blob.bytes,
        });
      }
    }),
  );
  const destination = manifests.find(({ tag }) => tag === input.tag)?.found ?? null;
  return {
    comparedTags: manifests.filter(({ found }) => found !== null).map(({ tag }) => tag),
    destinationDigest: destination?.digest ?? null,
    present,
  };
}
