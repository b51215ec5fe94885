/**
 * Which size a number is. The two image stores count differently (measured: dockerd 20.10
 * overlay2, and 26.1 with the containerd image store, the same 1,982,256-byte busybox COPY):
 *
 * | number                          | classic store                 | containerd store                                    |
 * |---------------------------------|-------------------------------|-----------------------------------------------------|
 * | `docker history` / history Size | content: 1,982,256            | on disk, the layer's snapshot in blocks: 1,990,656  |
 * | `docker image inspect` .Size    | content, all layers           | compressed: manifest, config and gzip layer blobs   |
 * | `docker save` layer             | the uncompressed tar          | the stored blob, gzip (or zstd)                     |
 *
 * Content bytes (files by size, symlinks by target length) come from reading the layers, which
 * the contents analysis does on either store; the UI names each number by its kind and shows
 * content beside disk only where they differ.
 */
import type { ImageStore } from '../engine-status';
import { formatSize } from '../format-size';

export type { ImageStore };

/** What a size counts: file bytes, blocks on disk, or the compressed blobs. */
export type SizeKind = 'content' | 'disk' | 'compressed';

/** What the engine's per-layer history sizes count on this store. */
export function historySizeKind(store: ImageStore): SizeKind {
  return store === 'containerd' ? 'disk' : 'content';
}

/** What the engine's image size (`image inspect` .Size, ImageDetails.sizeBytes) counts on this store. */
export function imageSizeKind(store: ImageStore): SizeKind {
  return store === 'containerd' ? 'compressed' : 'content';
}

/** The words for a kind, as they follow a number: "1.99MB on disk". */
export function sizeKindWords(kind: SizeKind): string {
  return kind === 'disk' ? 'on disk' : kind === 'compressed' ? 'compressed' : 'content';
}

/** A number with its kind: "1.99MB on disk", "1.98MB content". */
export function formatSizeOf(bytes: number, kind: SizeKind): string {
  return `${formatSize(bytes)} ${sizeKindWords(kind)}`;
}

/**
 * One layer's size for a label: the content alone when the engine's number is the content too
 * (or unknown), else "content 1.98MB · on disk 1.99MB"; the same when both print alike.
 */
export function layerSizeText(contentBytes: number | null, engineBytes: number, kind: SizeKind): string {
  if (contentBytes === null) return formatSizeOf(engineBytes, kind);
  if (kind === 'content' || formatSize(contentBytes) === formatSize(engineBytes))
    return formatSize(contentBytes);
  return `content ${formatSize(contentBytes)} · ${sizeKindWords(kind)} ${formatSize(engineBytes)}`;
}
