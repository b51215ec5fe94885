/**
 * Which config and which layer blobs, in order, make the image in a `docker save` archive, from
 * the JSON files the walk collected (nothing is ordered until the archive has been read).
 *
 * The classic store (engine ≤ 24) writes only manifest.json, one entry per image, its `Config`
 * named by the image id. Engine 25+ writes an OCI layout: index.json points at the image's
 * manifest, or (containerd image store, measured on 26.1) at the image's own index, whose
 * manifests are one per platform plus BuildKit's attestation manifests (platform unknown/unknown).
 * There the image id is the digest of that index or manifest, not of the config, and
 * manifest.json is still written, naming blob paths. The index is followed first, choosing the
 * manifest of the wanted platform whose blobs the archive holds; manifest.json is the fallback.
 */

/** The platform to pick from a multi-platform index (the engine's own, from image inspect). */
export interface WantedPlatform {
  os: string;
  architecture: string;
  variant: string | null;
}

/** The image found in an archive. */
export interface LocatedImage {
  configPath: string;
  layerPaths: string[];
  imageId: string;
}

interface SavedManifest {
  Config?: string;
  Layers?: string[];
}

interface OciDescriptor {
  mediaType?: string;
  digest?: string;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

interface OciManifest {
  manifests?: OciDescriptor[];
  config?: OciDescriptor;
  layers?: OciDescriptor[];
}

/** Indexes inside indexes deeper than this are not followed (the engine writes at most two). */
const MAX_DEPTH = 4;

/** Finds the image; throws when the archive names none. */
export function locateSavedImage(
  jsons: ReadonlyMap<string, unknown>,
  imageId: string | null,
  platform: WantedPlatform | null = null,
): LocatedImage {
  const fromIndex = fromOciIndex(jsons, imageId, platform);
  if (fromIndex) return fromIndex;
  const saved = jsons.get('manifest.json');
  if (Array.isArray(saved) && saved.length > 0) {
    const hex = imageId?.replace(/^sha256:/, '') ?? null;
    const manifests = saved as SavedManifest[];
    const chosen =
      manifests.find((entry) => hex !== null && (entry.Config ?? '').includes(hex)) ?? manifests[0]!;
    const configPath = chosen.Config ?? '';
    return { configPath, layerPaths: chosen.Layers ?? [], imageId: imageIdOf(configPath) };
  }
  throw new Error('The image archive has neither manifest.json nor an OCI index.');
}

function fromOciIndex(
  jsons: ReadonlyMap<string, unknown>,
  imageId: string | null,
  platform: WantedPlatform | null,
): LocatedImage | null {
  const index = jsons.get('index.json') as OciManifest | undefined;
  if (!index || !Array.isArray(index.manifests)) return null;
  // The image id names the image's own index or manifest on the containerd store: start there.
  // (On the classic store the id is the config's digest, which is neither.)
  const namedPath = imageId ? blobPathOfDigest(imageId) : null;
  const named = namedPath ? (jsons.get(namedPath) as OciManifest | undefined) : undefined;
  const start = named && (isManifest(named) || isIndex(named)) ? named : index;
  const manifest = descend(jsons, start, platform, 0);
  if (!manifest?.config) return null;
  const configPath = blobPath(manifest.config) ?? '';
  return {
    configPath,
    layerPaths: (manifest.layers ?? []).map((layer) => blobPath(layer) ?? ''),
    imageId: start !== index && imageId ? imageId : imageIdOf(configPath),
  };
}

/** From an index down to one image manifest: the wanted platform first, attestations never. */
function descend(
  jsons: ReadonlyMap<string, unknown>,
  node: OciManifest,
  platform: WantedPlatform | null,
  depth: number,
): OciManifest | null {
  if (isManifest(node)) return node;
  if (depth >= MAX_DEPTH || !isIndex(node)) return null;
  const candidates = (node.manifests ?? [])
    .filter((descriptor) => !isAttestation(descriptor))
    .map((descriptor) => ({ descriptor, path: blobPath(descriptor) }))
    .filter(
      (candidate): candidate is { descriptor: OciDescriptor; path: string } =>
        candidate.path !== null && jsons.has(candidate.path),
    )
    .sort((x, y) => platformRank(y.descriptor, platform) - platformRank(x.descriptor, platform));
  for (const { path } of candidates) {
    // A config blob is JSON too, and has a `config` of its own: only manifests and indexes count.
    const found = descend(jsons, jsons.get(path) as OciManifest, platform, depth + 1);
    if (found?.config && configPresent(jsons, found)) return found;
  }
  return null;
}

function isManifest(node: OciManifest | null | undefined): boolean {
  return !!node && Array.isArray(node.layers) && typeof node.config?.digest === 'string';
}

function isIndex(node: OciManifest | null | undefined): boolean {
  return !!node && Array.isArray(node.manifests);
}

/** A manifest whose config the archive holds (a save leaves out the platforms the store lacks). */
function configPresent(jsons: ReadonlyMap<string, unknown>, manifest: OciManifest): boolean {
  const path = manifest.config ? blobPath(manifest.config) : null;
  return path !== null && jsons.has(path);
}

function isAttestation(descriptor: OciDescriptor): boolean {
  return (
    descriptor.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ||
    (descriptor.platform?.os === 'unknown' && descriptor.platform?.architecture === 'unknown')
  );
}

/** 3: os, architecture and variant match; 2: os and architecture; 1: no platform named; 0: another. */
function platformRank(descriptor: OciDescriptor, wanted: WantedPlatform | null): number {
  const named = descriptor.platform;
  if (!wanted || !named) return 1;
  if (named.os !== wanted.os || named.architecture !== wanted.architecture) return 0;
  return (named.variant ?? null) === wanted.variant ? 3 : 2;
}

function blobPath(descriptor: OciDescriptor): string | null {
  return blobPathOfDigest(descriptor.digest ?? '');
}

function blobPathOfDigest(digest: string): string | null {
  const [algorithm, hex] = digest.split(':');
  return algorithm && hex ? `blobs/${algorithm}/${hex}` : null;
}

function imageIdOf(configPath: string): string {
  const hex = /([0-9a-f]{64})/.exec(configPath)?.[1];
  return hex ? `sha256:${hex}` : configPath;
}
