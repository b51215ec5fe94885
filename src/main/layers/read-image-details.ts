import type Docker from 'dockerode';
import {
  buildLayerEntries,
  emptyLayersFromSizes,
  type EngineHistoryEntry,
  type ImageDetails,
} from '../../shared/layers/layer-history';
import { readImageConfig } from './read-image-config';
import { readImageStore } from './read-image-store';

const NONE_TAG = '<none>:<none>';
const NONE_DIGEST = '<none>@<none>';

/**
 * An image's summary and history, oldest first, with each entry's layer.
 *
 * Sizes are the engine's, whose meaning depends on its image store (see size-kinds).
 * Which entries made a layer comes from the sizes when they settle it (as many non-empty sizes
 * as layers: an entry without a layer is 0 on either store), else from the config's `empty_layer`, read from `docker save` up to the config
 * and no further: a 0-byte WORKDIR or RUN layer cannot be told from an empty entry otherwise.
 * Dockerfile lines are not known here: see `mapHistoryToDockerfile`.
 */
export async function readImageDetails(
  docker: Docker,
  ref: string,
  signal?: AbortSignal,
): Promise<ImageDetails> {
  const image = docker.getImage(ref);
  const info = await image.inspect({ abortSignal: signal } as Docker.ImageInspectOptions);
  const [history, imageStore] = await Promise.all([
    readHistory(docker, info.Id, signal),
    readImageStore(docker, signal),
  ]);
  const diffIds = info.RootFS?.Layers ?? [];
  const oldestFirst = [...history].reverse();
  let emptyLayers = emptyLayersFromSizes(
    oldestFirst.map((entry) => entry.Size),
    diffIds.length,
  );
  if (!emptyLayers) {
    const config = await readImageConfig(docker, info.Id, diffIds, signal);
    const configHistory = config?.history ?? [];
    emptyLayers =
      configHistory.length === oldestFirst.length
        ? configHistory.map((entry) => entry.empty_layer === true)
        : oldestFirst.map((entry) => entry.Size === 0);
  }
  const config = info.Config ?? ({} as Partial<Docker.ImageInspectInfo['Config']>);
  return {
    id: info.Id,
    tags: (info.RepoTags ?? []).filter((tag) => tag !== NONE_TAG),
    digests: (info.RepoDigests ?? []).filter((digest) => digest !== NONE_DIGEST),
    // Milliseconds kept: two builds in the same second must still compare older → newer.
    created: Date.parse(info.Created) / 1000,
    sizeBytes: info.Size,
    imageStore,
    os: info.Os ?? '',
    architecture: info.Architecture ?? '',
    variant: info.Variant || null,
    entrypoint: commandList(config.Entrypoint),
    cmd: commandList(config.Cmd),
    env: config.Env ?? [],
    exposedPorts: Object.keys(config.ExposedPorts ?? {}).sort(),
    workdir: config.WorkingDir ?? '',
    user: config.User ?? '',
    labels: config.Labels ?? {},
    diffIds,
    history: buildLayerEntries(history, diffIds, emptyLayers),
  };
}

/** A config's Cmd/Entrypoint is a list, but old images may carry a plain string. */
function commandList(value: string | string[] | null | undefined): string[] | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? [value] : value;
}

/** `GET /images/{id}/history` (newest first); dockerode's `image.history()` takes no abort signal. */
export function readHistory(docker: Docker, id: string, signal?: AbortSignal): Promise<EngineHistoryEntry[]> {
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
