import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { CapturedFile, ImageInventory } from '../../shared/layers/image-inventory';
import {
  summarizeImageContents,
  type AnalysisProgress,
  type ContentsLimits,
  type ImageContents,
  type LayerBlob,
  type LayerInput,
} from '../../shared/layers/image-contents';
import { locateSavedImage, type WantedPlatform } from './locate-saved-image';
import type { ImageConfigJson } from './read-image-config';
import { createCaptureBudget, readLayerTar, type ReadLayer } from './read-layer-tar';
import { replayInventory } from './replay-inventory';
import { openImageArchive, walkImageArchive } from './walk-image-archive';

/** How to run an analysis: limits on the result, progress, cancel. */
export interface AnalyzeImageOptions extends ContentsLimits {
  signal?: AbortSignal;
  /** Called as the archive streams in, at most every `progressIntervalMs`, and once at the end. */
  onProgress?: (progress: AnalysisProgress) => void;
  progressIntervalMs?: number;
  /**
   * When given, the same pass hashes every file and keeps package records, and this receives the
   * image's inventory before the contents resolve. It stays in main: it is not part of the contents.
   */
  onInventory?: (inventory: ImageInventory) => void;
}

/**
 * dive's view of a local image, from one pass over `docker save`: nothing is written to disk and
 * no file content is kept, only each path's metadata per layer (and, for `onInventory`, digests
 * and package records).
 */
export async function analyzeImageContents(
  docker: Docker,
  ref: string,
  options: AnalyzeImageOptions = {},
): Promise<ImageContents> {
  const info = await docker
    .getImage(ref)
    .inspect({ abortSignal: options.signal } as Docker.ImageInspectOptions);
  const archive = await openImageArchive(docker, info.Id, options.signal);
  // The save stream carries the image's blobs: compressed on the containerd store, as is its Size.
  return analyzeImageArchive(archive, {
    ...options,
    imageId: info.Id,
    totalBytes: info.Size,
    platform: { os: info.Os ?? '', architecture: info.Architecture ?? '', variant: info.Variant || null },
  });
}

/** The analysis of a `docker save` archive stream (either layout). */
export async function analyzeImageArchive(
  archive: Readable,
  options: AnalyzeImageOptions & { imageId?: string; totalBytes?: number; platform?: WantedPlatform } = {},
): Promise<ImageContents> {
  const read = new Map<string, ReadLayer>();
  const budget = options.onInventory ? createCaptureBudget() : null;
  const blobs = new Map<string, LayerBlob>();
  const jsons = new Map<string, unknown>();
  const totalBytes = options.totalBytes ?? 0;
  const interval = options.progressIntervalMs ?? 100;
  let bytesRead = 0;
  let reportedAt = 0;
  const report = (): void => options.onProgress?.({ bytesRead, totalBytes });

  const walking = walkImageArchive(
    archive,
    {
      async layer(path, stream, blob) {
        blobs.set(path, blob);
        read.set(path, await readLayerTar(stream, budget));
      },
      json(path, value) {
        jsons.set(path, value);
        return false;
      },
    },
    options.signal,
  );
  // Counted beside the pipe the walk has set up, so no chunk flows before the tar reader sees it.
  if (options.onProgress) {
    archive.on('data', (chunk: Buffer) => {
      bytesRead += chunk.length;
      const now = Date.now();
      if (now - reportedAt >= interval) {
        reportedAt = now;
        report();
      }
    });
  }
  const walk = await walking;
  report();

  const image = locateSavedImage(jsons, options.imageId ?? null, options.platform ?? null);
  const config = (jsons.get(image.configPath) ?? {}) as ImageConfigJson;
  const history = config.history ?? [];
  const diffIds = config.rootfs?.diff_ids ?? [];
  const withLayer = history.flatMap((entry, index) => (entry.empty_layer ? [] : [index]));
  const stored = image.layerPaths.map((path) => walk.aliases.get(path) ?? path);
  const layers: LayerInput[] = image.layerPaths.map((_path, index) => {
    const historyIndex = withLayer[index] ?? null;
    return {
      summary: read.get(stored[index]!)?.summary ?? null,
      blob: blobs.get(stored[index]!) ?? walk.unreadable.get(stored[index]!) ?? null,
      diffId: diffIds[index] ?? null,
      historyIndex,
      createdBy: historyIndex === null ? '' : (history[historyIndex]?.created_by ?? ''),
    };
  });
  const imageId = options.imageId ?? image.imageId;
  if (options.onInventory) {
    const ordered = stored.map((path) => read.get(path) ?? null);
    const captured: CapturedFile[] = ordered.flatMap((layer, layerIndex) =>
      (layer?.captured ?? []).map((file) => ({ layerIndex, ...file })),
    );
    options.onInventory(replayInventory(imageId, ordered, captured, budget?.truncated ?? false));
  }
  return summarizeImageContents(
    imageId,
    walk.layout,
    layers,
    history.map((entry) => entry.empty_layer === true),
    options,
  );
}
