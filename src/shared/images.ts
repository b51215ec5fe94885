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
  /**
   * `os/arch[/variant]` of each platform the image holds, when the engine's list says (API 1.47+
   * on the containerd store); absent when it does not (older engines, the classic store).
   */
  platforms?: string[];
}

/** One platform an image holds, with the stored bytes of its manifest, config and layers. */
export interface ImagePlatform {
  platform: string;
  contentBytes: number;
}

/** What an image holds platform by platform, read from the engine's export of it (`docker save`). */
export interface ImagePlatforms {
  /** Platforms whose manifest, config and layers are all stored; attestations are left out. */
  platforms: ImagePlatform[];
  /** Platforms the image's index names whose content this engine does not hold. */
  missing: string[];
  /** Stored content (compressed blobs) of the whole image: a blob two platforms share counts once. */
  contentBytes: number;
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
