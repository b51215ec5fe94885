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
  type LayerInput,
} from '../../shared/layers/image-contents';
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
  return analyzeImageArchive(archive, { ...options, imageId: info.Id, totalBytes: info.Size });
}

/** The analysis of a `docker save` archive stream (either layout). */
export async function analyzeImageArchive(
  archive: Readable,
  options: AnalyzeImageOptions & { imageId?: string; totalBytes?: number } = {},
): Promise<ImageContents> {
  const summaries = new Map<string, LayerTarSummary>();
  const jsons = new Map<string, unknown>();
  const totalBytes = options.totalBytes ?? 0;
  const interval = options.progressIntervalMs ?? 100;
  let bytesRead = 0;
  let reportedAt = 0;
  const report = (): void => options.onProgress?.({ bytesRead, totalBytes });

  const walking = walkImageArchive(
    archive,
    {
      async layer(path, stream, tarBytes) {
        summaries.set(path, await summarizeLayerTar(stream, tarBytes));
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

  const image = locateImage(jsons, options.imageId ?? null);
  const config = (jsons.get(image.configPath) ?? {}) as ImageConfigJson;
  const history = config.history ?? [];
  const diffIds = config.rootfs?.diff_ids ?? [];
  const withLayer = history.flatMap((entry, index) => (entry.empty_layer ? [] : [index]));
  const layers: LayerInput[] = image.layerPaths.map((path, index) => {
    const historyIndex = withLayer[index] ?? null;
    return {
      summary: summaries.get(walk.aliases.get(path) ?? path) ?? null,
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

/** Reads one layer tar's headers, skipping every file's bytes. */
function summarizeLayerTar(stream: Readable, tarBytes: number): Promise<LayerTarSummary> {
  const summary = createLayerTarSummary();
  summary.tarBytes = tarBytes;
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

interface SavedManifest {
  Config?: string;
  Layers?: string[];
}

interface OciDescriptor {
  mediaType?: string;
  digest?: string;
}

interface OciManifest {
  manifests?: OciDescriptor[];
  config?: OciDescriptor;
  layers?: OciDescriptor[];
}

/** Which config and which layer paths, in order: from manifest.json, or an OCI index.json. */
function locateImage(
  jsons: Map<string, unknown>,
  imageId: string | null,
): { configPath: string; layerPaths: string[]; imageId: string } {
  const hex = imageId?.replace(/^sha256:/, '') ?? null;
  const saved = jsons.get('manifest.json');
  if (Array.isArray(saved) && saved.length > 0) {
    const manifests = saved as SavedManifest[];
    const chosen =
      manifests.find((entry) => hex !== null && (entry.Config ?? '').includes(hex)) ?? manifests[0]!;
    const configPath = chosen.Config ?? '';
    return { configPath, layerPaths: chosen.Layers ?? [], imageId: imageIdOf(configPath) };
  }
  const index = jsons.get('index.json') as OciManifest | undefined;
  let manifest: OciManifest | undefined = index;
  // An index may point at another index (one per platform); follow the first one present.
  for (let depth = 0; manifest && !manifest.config && depth < 4; depth++) {
    const next = (manifest.manifests ?? []).map(blobPath).find((path) => path !== null && jsons.has(path));
    manifest = next ? (jsons.get(next) as OciManifest) : undefined;
  }
  if (!manifest?.config) throw new Error('The image archive has neither manifest.json nor an OCI index.');
  const configPath = blobPath(manifest.config) ?? '';
  return {
    configPath,
    layerPaths: (manifest.layers ?? []).map((layer) => blobPath(layer) ?? ''),
    imageId: imageIdOf(configPath),
  };
}

function blobPath(descriptor: OciDescriptor): string | null {
  const [algorithm, hex] = (descriptor.digest ?? '').split(':');
  return algorithm && hex ? `blobs/${algorithm}/${hex}` : null;
}

function imageIdOf(configPath: string): string {
  const hex = /([0-9a-f]{64})/.exec(configPath)?.[1];
  return hex ? `sha256:${hex}` : configPath;
}
