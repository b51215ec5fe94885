/**
 * What an image's final filesystem holds, file by file, with content digests, plus the few small
 * files (package databases, package manifests) whose contents later features read. Taken in the
 * same single pass over `docker save` as the contents analysis (see analyze-image-contents), but
 * kept in main: it is far bigger than what the renderer needs, so only answers computed from it
 * (file diffs, package lists) cross the contract.
 */
import type { FileKind } from './layer-tar-summary';

/** One entry of the final filesystem. */
export interface InventoryFile {
  /** Relative to the image root, no leading slash: `usr/bin/env`. */
  path: string;
  kind: FileKind;
  /** Regular file: its size; symlink: its target's length; anything else 0. */
  sizeBytes: number;
  /** `sha256:<hex>` of a regular file's content; null for anything else. */
  digest: string | null;
  /** A symlink's or hard link's target as the tar holds it; null otherwise. */
  linkTarget: string | null;
  /** The layer (position among the image's layers, base first) that wrote the visible version. */
  layerIndex: number;
}

/** A small file's content as one layer wrote it (every layer's version, not only the visible one). */
export interface CapturedFile {
  layerIndex: number;
  path: string;
  /** UTF-8 text (package databases and manifests are text). */
  content: string;
}

/** The final filesystem and the captured files of one image. */
export interface ImageInventory {
  imageId: string;
  /** Sorted by path (code-unit order). */
  files: InventoryFile[];
  /** In layer order, then archive order. */
  captured: CapturedFile[];
  /** True when captured files were left out because they passed the size budget. */
  capturedTruncated: boolean;
  /** Layers that could not be read (zstd): their files are missing from `files`. */
  unreadableLayers: number[];
}
