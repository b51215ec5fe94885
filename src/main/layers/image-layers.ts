import type Docker from 'dockerode';
import { analyzeDockerfile } from '../../shared/dockerfile/analyze-dockerfile';
import type { EventPayloads, EventSink } from '../../shared/api';
import { compareSides } from '../../shared/layers/compare-sides';
import type { AnalysisProgress } from '../../shared/layers/image-contents';
import type { ImageInventory } from '../../shared/layers/image-inventory';
import { mapHistoryToDockerfile } from '../../shared/layers/map-history-to-dockerfile';
import type {
  AnalysisEvent,
  LayersComparison,
  LayersView,
  WasteStatus,
} from '../../shared/layers/layers-view';
import { fail, ok, type Result } from '../../shared/result';
import type { EngineConnection } from '../engine/engine-connection';
import { engineMessage } from '../engine/engine-error';
import { withEngine } from '../engine/with-engine';
import { abortError } from './walk-image-archive';
import { analyzeImageContents } from './analyze-image-contents';
import { createContentsCache } from './contents-cache';
import { readImageDetails } from './read-image-details';
import { startFileDiff } from './run-file-diff';
import { createWasteAnalyses } from './waste-analyses';
import type { BuildHistory } from '../store/build-history';
import type { Operations } from '../operations/operations';

/** Image details, comparisons and contents analyses for the Layers screen. */
export interface ImageLayers {
  view(ref: string, signal?: AbortSignal): Promise<Result<LayersView>>;
  compare(a: string, b: string, signal?: AbortSignal): Promise<Result<LayersComparison>>;
  previousBuild(buildId: string): Promise<Result<{ buildId: string; imageId: string } | null>>;
  analyze(ref: string): Result<{ id: string }>;
  cancel(id: string): boolean;
  /** The background search for wasted bytes of `ref`'s image (started when it never ran). */
  waste(ref: string, rerun: boolean, signal?: AbortSignal): Promise<Result<WasteStatus>>;
  cancelWaste(imageId: string): boolean;
  /** Starts the file diff of two images (`layers:file-diff`); news on `file-diff:event`. */
  fileDiff(a: string, b: string): Result<{ id: string }>;
  /**
   * The final files of `ref`'s image with digests, and its package records (kept in main): from
   * the contents cache's pass, joining one under way; read again when it was evicted.
   */
  inventory(
    ref: string,
    signal?: AbortSignal,
    onProgress?: (progress: AnalysisProgress) => void,
  ): Promise<Result<ImageInventory>>;
  /** Every `build:event`, so wasted bytes are looked for after each successful build. */
  onBuildEvent(payload: EventPayloads['build:event']): void;
  dispose(): void;
}

/**
 * Reads an image's history and, when Dockwright built it, maps each entry to the Dockerfile line
 * it came from using the Dockerfile recorded with the build (not the file as it is now).
 */
export function createImageLayers(deps: {
  connection: EngineConnection;
  operations: Operations;
  history: BuildHistory;
  emit: EventSink;
}): ImageLayers {
  const cache = createContentsCache((imageId, signal, onProgress, onInventory) => {
    const docker = deps.connection.client();
    if (!docker) return Promise.reject(new Error('No Docker engine is connected.'));
    return analyzeImageContents(docker, imageId, { signal, onProgress, onInventory });
  });

  const withDocker = <T>(work: (docker: Docker) => Promise<T>) =>
    withEngine(deps.connection, async (docker) => ok(await work(docker)));

  const view = async (docker: Docker, ref: string, signal?: AbortSignal): Promise<LayersView> => {
    const details = await readImageDetails(docker, ref, signal);
    const { builds } = await deps.history.list();
    const build = builds.find(
      (candidate) => candidate.imageId === details.id && candidate.status === 'succeeded',
    );
    const record = build ? await deps.history.get(build.id).catch(() => null) : null;
    if (!record) return { details, dockerfile: null };
    const mapped = mapHistoryToDockerfile(
      details.history,
      analyzeDockerfile(record.dockerfileText),
      record.request.target,
    );
    return {
      details: { ...details, history: mapped },
      dockerfile: { path: record.dockerfilePath, text: record.dockerfileText, buildId: record.id },
    };
  };

  const waste = createWasteAnalyses({
    cache,
    view: async (imageId) => {
      const docker = deps.connection.client();
      if (!docker) throw new Error('No Docker engine is connected.');
      return view(docker, imageId);
    },
    emit: (payload) => deps.emit('waste:event', payload),
    describeError: engineMessage,
    operations: deps.operations,
  });

  const inventory: ImageLayers['inventory'] = (ref, signal, onProgress) =>
    withDocker(async (docker) => {
      const info = await docker.getImage(ref).inspect({ abortSignal: signal } as Docker.ImageInspectOptions);
      if (signal?.aborted) throw abortError();
      onProgress?.({ bytesRead: 0, totalBytes: info.Size });
      const run = cache.inventory(info.Id, { onProgress });
      // Like the Contents tab's cancel: stopping the caller stops the read it waits for.
      const stop = (): void => void cache.cancel(info.Id);
      signal?.addEventListener('abort', stop, { once: true });
      try {
        return await run.result;
      } catch (error) {
        throw signal?.aborted ? abortError() : error;
      } finally {
        run.release();
        signal?.removeEventListener('abort', stop);
      }
    });

  return {
    view: (ref, signal) => withDocker((docker) => view(docker, ref, signal)),
    compare: (a, b, signal) =>
      withDocker(async (docker) => {
        const [first, second] = await Promise.all([view(docker, a, signal), view(docker, b, signal)]);
        return compareSides({ ...first, ref: a }, { ...second, ref: b });
      }),
    async previousBuild(buildId) {
      const current = await deps.history.get(buildId).catch(() => null);
      if (!current) return fail('NOT_FOUND', `No build ${buildId} in the history.`);
      const { builds } = await deps.history.list();
      // Newest first: the build just before this one, skipping images removed since.
      const candidates = builds.filter(
        (build) =>
          build.id !== current.id &&
          build.dockerfilePath === current.dockerfilePath &&
          build.status === 'succeeded' &&
          build.imageId !== null &&
          build.imageId !== current.imageId &&
          build.startedAt < current.startedAt,
      );
      return withDocker(async (docker) => {
        for (const build of candidates) {
          const exists = await docker
            .getImage(build.imageId!)
            .inspect()
            .then(() => true)
            .catch(() => false);
          if (exists) return { buildId: build.id, imageId: build.imageId! };
        }
        return null;
      });
    },
    analyze(ref) {
      const engine = deps.operations.engine();
      if (!engine.ok) return engine;
      const docker = engine.value;
      const id = deps.operations.newId();
      const emit = (event: AnalysisEvent): void => deps.emit('analysis:event', { id, event });
      // Through the cache: an image analysed after its build (or by another view) answers at once.
      deps.operations.run('analysis', id, async (signal) => {
        let imageId: string | null = null;
        const stop = (): void => {
          if (imageId) cache.cancel(imageId);
        };
        signal.addEventListener('abort', stop);
        let release = (): void => undefined;
        try {
          const info = await docker.getImage(ref).inspect();
          if (signal.aborted) throw new Error('cancelled');
          imageId = info.Id;
          emit({ kind: 'progress', bytesRead: 0, totalBytes: info.Size });
          const run = cache.run(info.Id, {
            background: false,
            onProgress: ({ bytesRead, totalBytes }) => emit({ kind: 'progress', bytesRead, totalBytes }),
          });
          release = run.release;
          emit({ kind: 'done', contents: await run.result });
        } catch (error) {
          emit(signal.aborted ? { kind: 'cancelled' } : { kind: 'failed', message: engineMessage(error) });
        } finally {
          release();
          signal.removeEventListener('abort', stop);
        }
      });
      return ok({ id });
    },
    cancel: (id) => deps.operations.cancel('analysis', id),
    waste: (ref, rerun, signal) =>
      withDocker(async (docker) => {
        const info = await docker
          .getImage(ref)
          .inspect({ abortSignal: signal } as Docker.ImageInspectOptions);
        return waste.status(info.Id, rerun);
      }),
    cancelWaste: (imageId) => waste.cancel(imageId),
    inventory,
    fileDiff: (a, b) =>
      startFileDiff(
        {
          operations: deps.operations,
          inventory,
          emit: (payload) => deps.emit('file-diff:event', payload),
          describeError: engineMessage,
        },
        a,
        b,
      ),
    onBuildEvent: (payload) => waste.onBuildEvent(payload),
    dispose: () => cache.dispose(),
  };
}
