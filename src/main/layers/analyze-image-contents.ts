import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import tar from 'tar-stream';
import {
  addTarHeader,
  createLayerTarSummary,
  type LayerTarSummary,
} from '../../shared/layers/layer-tar-summary';
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
import { openImageArchive, walkImageArchive } from './walk-image-archive';

/** How to run an analysis: limits on the result, progress, cancel. */
export interface AnalyzeImageOptions extends ContentsLimits {
  signal?: AbortSignal;
  /** Called as the archive streams in, at most every `progressIntervalMs`, and once at the end. */
  onProgress?: (progress: AnalysisProgress) => void;
  progressIntervalMs?: number;
}

/**
 * dive's view of a local image, from one pass over `docker save`: nothing is written to disk and
 * no file content is kept, only each path's metadata per layer.
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
  const summaries = new Map<string, LayerTarSummary>();
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
        summaries.set(path, await summarizeLayerTar(stream));
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
  const layers: LayerInput[] = image.layerPaths.map((path, index) => {
    const historyIndex = withLayer[index] ?? null;
    const stored = walk.aliases.get(path) ?? path;
    return {
      summary: summaries.get(stored) ?? null,
      blob: blobs.get(stored) ?? walk.unreadable.get(stored) ?? null,
      diffId: diffIds[index] ?? null,
      historyIndex,
      createdBy: historyIndex === null ? '' : (history[historyIndex]?.created_by ?? ''),
    };
  });
  return summarizeImageContents(
    options.imageId ?? image.imageId,
    walk.layout,
    layers,
    history.map((entry) => entry.empty_layer === true),
    options,
  );
}

/** Reads one layer tar's headers, skipping every file's bytes, and counts the tar's own bytes. */
function summarizeLayerTar(stream: Readable): Promise<LayerTarSummary> {
  const summary = createLayerTarSummary();
  stream.on('data', (chunk: Buffer) => {
    summary.tarBytes += chunk.length;
  });
  const extract = tar.extract();
  return new Promise((resolve, reject) => {
    extract.on('entry', (header, entry, next) => {
      addTarHeader(summary, header);
      entry.on('end', next);
      entry.on('error', reject);
      entry.resume();
    });
    extract.on('finish', () => resolve(summary));
    extract.on('error', reject);
    stream.on('error', (error) => {
      extract.destroy(error);
      reject(error);
    });
    stream.pipe(extract);
  });
}
