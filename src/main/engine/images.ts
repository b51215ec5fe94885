import type Docker from 'dockerode';
import type { DiskUsage, ImageSummary, PruneResult } from '../../shared/images';
import { listedPlatforms } from './image-platforms';

const NONE = '<none>:<none>';
const NONE_DIGEST = '<none>@<none>';

/**
 * Local images with the number of containers made from each.
 *
 * `/images/json` reports Containers as -1 unless asked for shared sizes (slow on big engines), so
 * the count comes from one container listing instead.
 *
 * On the containerd store an image is one entry however many platforms it holds (its id is the
 * index digest) and its size sums every platform's content and unpacked files. `manifests=1` asks
 * engines of API 1.47+ for the platforms; older ones ignore it (the dialect is unversioned here).
 */
export async function listImages(docker: Docker, signal?: AbortSignal): Promise<ImageSummary[]> {
  const [images, containers] = await Promise.all([
    docker.listImages({ abortSignal: signal, manifests: true } as Docker.ListImagesOptions) as Promise<
      Array<Docker.ImageInfo & { Manifests?: unknown }>
    >,
    docker.listContainers({ all: true, abortSignal: signal }),
  ]);
  const usedBy = new Map<string, number>();
  for (const container of containers) {
    usedBy.set(container.ImageID, (usedBy.get(container.ImageID) ?? 0) + 1);
  }
  return images.map((image) => {
    const tags = (image.RepoTags ?? []).filter((tag) => tag !== NONE);
    const platforms = listedPlatforms(image.Manifests);
    return {
      id: image.Id,
      tags,
      digests: (image.RepoDigests ?? []).filter((digest) => digest !== NONE_DIGEST),
      sizeBytes: image.Size,
      created: image.Created,
      containers: usedBy.get(image.Id) ?? 0,
      dangling: tags.length === 0,
      ...(platforms ? { platforms } : {}),
    };
  });
}

/**
 * Removes an image (by id) or one tag (by `repo:tag`), like `docker rmi`.
 *
 * Removing a tag of an image with other tags only untags; removing its last tag deletes the image.
 */
export async function removeImage(
  docker: Docker,
  ref: string,
  force: boolean,
  signal?: AbortSignal,
): Promise<{ removed: string[]; untagged: string[] }> {
  const report = (await docker.getImage(ref).remove({ force, abortSignal: signal })) as Array<{
    Untagged?: string;
    Deleted?: string;
  }>;
  return {
    removed: report.flatMap((entry) => (entry.Deleted ? [entry.Deleted] : [])),
    untagged: report.flatMap((entry) => (entry.Untagged ? [entry.Untagged] : [])),
  };
}

/** Removes dangling images (`docker image prune`) and reports the space given back. */
export async function pruneDanglingImages(docker: Docker, signal?: AbortSignal): Promise<PruneResult> {
  const result = await docker.pruneImages({ filters: { dangling: ['true'] }, abortSignal: signal });
  return {
    deleted: (result.ImagesDeleted ?? []).filter((e) => e.Deleted).length,
    reclaimedBytes: result.SpaceReclaimed ?? 0,
  };
}

/** Adds `target` as a tag of `source` (an id or a reference), like `docker tag`. */
export async function tagImage(
  docker: Docker,
  source: string,
  target: string,
): Promise<{ reference: string }> {
  const slash = target.lastIndexOf('/');
  const colon = target.lastIndexOf(':');
  const [repo, tag] = colon > slash ? [target.slice(0, colon), target.slice(colon + 1)] : [target, 'latest'];
  await docker.getImage(source).tag({ repo, tag });
  return { reference: `${repo}:${tag}` };
}

/**
 * `docker system df`: the engine's own accounting. Reclaimable image bytes are those of images no
 * container uses; reclaimable cache is what `docker builder prune` would free.
 */
export async function diskUsage(docker: Docker): Promise<DiskUsage> {
  const df = (await docker.df()) as {
    LayersSize?: number;
    Images?: { Size: number; SharedSize: number; Containers: number }[];
    Containers?: { SizeRw?: number }[];
    Volumes?: { UsageData?: { Size?: number } }[];
    BuildCache?: { Size: number; InUse: boolean; Shared: boolean }[];
  };
  const images = df.Images ?? [];
  const cache = df.BuildCache ?? [];
  return {
    images: {
      count: images.length,
      bytes: df.LayersSize ?? images.reduce((sum, image) => sum + image.Size, 0),
      reclaimableBytes: images
        .filter((image) => image.Containers === 0)
        .reduce((sum, image) => sum + image.Size - Math.max(0, image.SharedSize), 0),
    },
    containers: {
      count: (df.Containers ?? []).length,
      bytes: (df.Containers ?? []).reduce((sum, c) => sum + (c.SizeRw ?? 0), 0),
    },
    volumes: {
      count: (df.Volumes ?? []).length,
      bytes: (df.Volumes ?? []).reduce((sum, volume) => sum + Math.max(0, volume.UsageData?.Size ?? 0), 0),
    },
    buildCache: {
      count: cache.length,
      bytes: cache.reduce((sum, record) => sum + record.Size, 0),
      reclaimableBytes: cache
        .filter((record) => !record.InUse && !record.Shared)
        .reduce((sum, record) => sum + record.Size, 0),
    },
  };
}

/** `docker builder prune`: removes the build cache no build uses, and says how much came back. */
export async function pruneBuildCache(docker: Docker): Promise<{ reclaimedBytes: number }> {
  const result = (await docker.pruneBuilder()) as { SpaceReclaimed?: number };
  return { reclaimedBytes: result.SpaceReclaimed ?? 0 };
}
