/**
 * Layers this engine has pushed to or pulled from a registry, as far as its API shows it.
 *
 * Why it matters: the registry holding a layer's content is not enough for a push to skip it.
 * The engine skips a layer only when it knows the compressed blob's digest and the registry has
 * that blob; it learns the digest by pushing or pulling the layer (measured on dockerd 20.10: a
 * layer put into the registry by another client, gzip-compressed differently, is compressed and
 * sent again). Its own record of those digests is not readable through the API, so this takes
 * the images named in the repository (`RepoDigests` set by a push or pull, or a tag) and collects
 * their layers — only when the registry really holds that digest or one of those tags: the
 * containerd image store lists a digest for every tag, pushed or not, and after a push its recorded
 * digest need not be the one the registry serves (both measured on Docker 26.1: a never-pushed
 * image's layer was pushed, not skipped; a pushed image's digest answered 404, its tag 200). A tag
 * someone else pushed with other content would count too: the preflight then under-counts.
 */
import type Docker from 'dockerode';
import { parseImageReference } from '../../shared/image-reference';

/** Images whose layers are read at most: the listing stays fast on a crowded engine. */
const MAX_IMAGES = 50;

/**
 * Diff IDs of layers in images that were pushed to or pulled from `repository` on `domain`
 * (`docker.io` for Docker Hub); `holdsManifest` asks the registry whether a digest or tag is there.
 */
export async function layersKnownOnRegistry(
  docker: Docker,
  place: { domain: string; repository: string },
  holdsManifest: (digest: string) => Promise<boolean>,
  signal?: AbortSignal,
): Promise<Set<string>> {
  const images = await docker.listImages({ abortSignal: signal } as Docker.ListImagesOptions);
  // What the registry is asked for: the digest the engine recorded, and the image's tags there.
  const refsIn = (image: Docker.ImageInfo): string[] => {
    const refs: string[] = [];
    for (const written of [...(image.RepoDigests ?? []), ...(image.RepoTags ?? [])]) {
      const parsed = parseImageReference(written);
      if (!parsed.ok) continue;
      const { domain, path, digest, tag } = parsed.reference;
      if (domain !== place.domain || path !== place.repository) continue;
      const ref = digest ?? tag;
      if (ref) refs.push(ref);
    }
    return refs;
  };
  const candidates = images.filter((image) => refsIn(image).length > 0);
  const holdsAny = async (refs: string[]): Promise<boolean> => {
    for (const ref of refs) if (await holdsManifest(ref).catch(() => false)) return true;
    return false;
  };
  const confirmed = (
    await Promise.all(
      candidates.slice(0, MAX_IMAGES).map(async (image) => ((await holdsAny(refsIn(image))) ? image : null)),
    )
  ).filter((image): image is Docker.ImageInfo => image !== null);
  const known = new Set<string>();
  await Promise.all(
    confirmed.map(async (image) => {
      const info = await docker
        .getImage(image.Id)
        .inspect({ abortSignal: signal } as Docker.ImageInspectOptions)
        .catch(() => null);
      for (const diffId of info?.RootFS?.Layers ?? []) known.add(diffId);
    }),
  );
  return known;
}
