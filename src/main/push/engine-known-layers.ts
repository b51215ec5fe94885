/**
 * Layers this engine has pushed to or pulled from a registry, as far as its API shows it.
 *
 * Why it matters: the registry holding a layer's content is not enough for a push to skip it.
 * The engine skips a layer only when it knows the compressed blob's digest and the registry has
 * that blob; it learns the digest by pushing or pulling the layer (measured on dockerd 20.10: a
 * layer put into the registry by another client, gzip-compressed differently, is compressed and
 * sent again). Its own record of those digests is not readable through the API, so this takes
 * the images that carry a digest on the registry (`RepoDigests`, set by a push or pull) and
 * collects their layers.
 */
import type Docker from 'dockerode';
import { parseImageReference } from '../../shared/image-reference';

/** Images whose layers are read at most: the listing stays fast on a crowded engine. */
const MAX_IMAGES = 50;

/** Diff IDs of layers in images that were pushed to or pulled from `domain` (`docker.io` for Docker Hub). */
export async function layersKnownOnRegistry(
  docker: Docker,
  domain: string,
  signal?: AbortSignal,
): Promise<Set<string>> {
  const images = await docker.listImages({ abortSignal: signal } as Docker.ListImagesOptions);
  const onRegistry = images.filter((image) =>
    (image.RepoDigests ?? []).some((written) => {
      const parsed = parseImageReference(written);
      return parsed.ok && parsed.reference.domain === domain;
    }),
  );
  const known = new Set<string>();
  await Promise.all(
    onRegistry.slice(0, MAX_IMAGES).map(async (image) => {
      const info = await docker
        .getImage(image.Id)
        .inspect({ abortSignal: signal } as Docker.ImageInspectOptions)
        .catch(() => null);
      for (const diffId of info?.RootFS?.Layers ?? []) known.add(diffId);
    }),
  );
  return known;
}
