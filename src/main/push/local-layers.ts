/**
 * An image's layers as the engine counts them locally (diff ID and size), fast enough for a
 * preflight: the engine's history sizes map to layers without `docker save` in nearly every image.
 *
 * Why not simply readImageDetails: when a 0-byte layer makes the sizes ambiguous (a WORKDIR that
 * creates its directory, common), it reads the config from `docker save`, which engine 20.10
 * writes to disk whole before the first byte: seconds for a large image. Here the instruction
 * settles most of those cases first: only RUN, COPY, ADD, WORKDIR (and entries without a
 * Dockerfile keyword: base images, `docker commit`) can make a layer, so when exactly as many
 * entries could as the image has layers, those are its layers. Only otherwise does it read the
 * config.
 */
import type Docker from 'dockerode';
import {
  buildLayerEntries,
  cleanCreatedBy,
  emptyLayersFromSizes,
  instructionKeyword,
  type EngineHistoryEntry,
} from '../../shared/layers/layer-history';
import type { ImageStore } from '../../shared/layers/size-kinds';
import { readImageDetails } from '../layers/read-image-details';
import { readImageStore } from '../layers/read-image-store';

/** What a preflight needs of the local image. */
export interface LocalLayers {
  diffIds: string[];
  /** Diff ID → the engine's history size of its layer. */
  sizes: Map<string, number>;
  imageStore: ImageStore;
  platform: { os: string; architecture: string; variant: string | null };
}

const LAYER_KEYWORDS: ReadonlySet<string> = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/**
 * Which entries (oldest first) made no layer, from sizes and instructions; null when they do not
 * settle it. Every layer is among the entries that could make one, so equal counts mean equal sets.
 */
export function emptyLayersFromInstructions(
  entries: { size: number; createdBy: string }[],
  layerCount: number,
): boolean[] | null {
  const bySize = emptyLayersFromSizes(
    entries.map((entry) => entry.size),
    layerCount,
  );
  if (bySize) return bySize;
  const could = entries.map((entry) => {
    if (entry.size > 0) return true;
    const keyword = instructionKeyword(cleanCreatedBy(entry.createdBy).instruction);
    return keyword === null || LAYER_KEYWORDS.has(keyword);
  });
  return could.filter(Boolean).length === layerCount ? could.map((layer) => !layer) : null;
}

/** `GET /images/{id}/history` (newest first), abortable. */
function readHistory(docker: Docker, id: string, signal?: AbortSignal): Promise<EngineHistoryEntry[]> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/images/${id}/history`,
        method: 'GET',
        statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
        abortSignal: signal,
      } as never,
      (error: Error | null, history: unknown) =>
        error ? reject(error) : resolve((history as EngineHistoryEntry[] | null) ?? []),
    );
  });
}

/** The layers of `ref`; throws the engine's error (404 for a missing image). */
export async function readLocalLayers(
  docker: Docker,
  ref: string,
  signal?: AbortSignal,
): Promise<LocalLayers> {
  const info = await docker.getImage(ref).inspect({ abortSignal: signal } as Docker.ImageInspectOptions);
  const diffIds = info.RootFS?.Layers ?? [];
  const platform = {
    os: info.Os ?? '',
    architecture: info.Architecture ?? '',
    variant: info.Variant || null,
  };
  const [history, imageStore] = await Promise.all([
    readHistory(docker, info.Id, signal),
    readImageStore(docker, signal),
  ]);
  const oldestFirst = [...history].reverse();
  const empty = emptyLayersFromInstructions(
    oldestFirst.map((entry) => ({ size: entry.Size, createdBy: entry.CreatedBy })),
    diffIds.length,
  );
  const entries = empty
    ? buildLayerEntries(history, diffIds, empty)
    : (await readImageDetails(docker, info.Id, signal)).history;
  const sizes = new Map<string, number>();
  for (const entry of entries) if (entry.diffId) sizes.set(entry.diffId, entry.sizeBytes);
  return { diffIds, sizes, imageStore, platform };
}
