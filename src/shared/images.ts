/** Local images as the image list shows them. */

/** One local image; an image with several tags is one entry with several `tags`. */
export interface ImageSummary {
  id: string;
  /** `repo:tag` references, without the engine's `<none>:<none>` placeholder. */
  tags: string[];
  digests: string[];
  sizeBytes: number;
  /** Seconds since epoch, as the engine reports it. */
  created: number;
  /** Containers (running or not) created from this image. */
  containers: number;
  dangling: boolean;
}

/** What a prune of dangling images removed. */
export interface PruneResult {
  deleted: number;
  reclaimedBytes: number;
}

/** The short id `docker images` prints: 12 hex digits without the `sha256:` prefix. */
export function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** What `docker system df` reports: space used and reclaimable per kind. */
export interface DiskUsage {
  images: { count: number; bytes: number; reclaimableBytes: number };
  containers: { count: number; bytes: number };
  volumes: { count: number; bytes: number };
  buildCache: { count: number; bytes: number; reclaimableBytes: number };
}
