import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { analyzeDockerfile } from '../../shared/dockerfile/analyze-dockerfile';
import { compareImages, mapHistoryToDockerfile } from '../../shared/layers/layer-model';
import type { AnalysisEvent, LayersComparison, LayersView } from '../../shared/layers/layers-view';
import { fail, ok, type Result } from '../../shared/result';
import type { EngineConnection } from '../engine/engine-connection';
import { engineMessage } from '../engine/engine-error';
import { withEngine } from '../engine/with-engine';
import type { EventSink } from '../handlers';
import { analyzeImageContents } from '../layers/analyze-image-contents';
import { readImageDetails } from '../layers/read-image-details';
import type { BuildHistory } from '../store/build-history';

/** Image details, comparisons and contents analyses for the Layers screen. */
export interface ImageLayers {
  view(ref: string, signal?: AbortSignal): Promise<Result<LayersView>>;
  compare(a: string, b: string, signal?: AbortSignal): Promise<Result<LayersComparison>>;
  previousBuild(buildId: string): Promise<Result<{ buildId: string; imageId: string } | null>>;
  analyze(ref: string): Result<{ id: string }>;
  cancel(id: string): boolean;
}

/**
 * Reads an image's history and, when Dockwright built it, maps each entry to the Dockerfile line
 * it came from using the Dockerfile recorded with the build (not the file as it is now).
 */
export function createImageLayers(deps: {
  connection: EngineConnection;
  history: BuildHistory;
  emit: EventSink;
}): ImageLayers {
  const analyses = new Map<string, AbortController>();

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

  return {
    view: (ref, signal) => withDocker((docker) => view(docker, ref, signal)),
    compare: (a, b, signal) =>
      withDocker(async (docker) => {
        const [left, right] = await Promise.all([view(docker, a, signal), view(docker, b, signal)]);
        return { a: left, b: right, comparison: compareImages(left.details, right.details) };
      }),
    async previousBuild(buildId) {
      const current = await deps.history.get(buildId).catch(() => null);
      if (!current) return fail('NOT_FOUND', `No build ${buildId} in the history.`);
      const { builds } = await deps.history.list();
      const previous = builds.find(
        (build) =>
          build.id !== current.id &&
          build.dockerfilePath === current.dockerfilePath &&
          build.status === 'succeeded' &&
          build.imageId !== null &&
          build.imageId !== current.imageId &&
          build.startedAt < current.startedAt,
      );
      return ok(previous?.imageId ? { buildId: previous.id, imageId: previous.imageId } : null);
    },
    analyze(ref) {
      const docker = deps.connection.client();
      if (!docker) return fail('ENGINE_UNAVAILABLE', 'No Docker engine is connected.');
      const id = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
      const controller = new AbortController();
      analyses.set(id, controller);
      const emit = (event: AnalysisEvent): void => deps.emit('analysis:event', { id, event });
      analyzeImageContents(docker, ref, {
        signal: controller.signal,
        onProgress: ({ bytesRead, totalBytes }) => emit({ kind: 'progress', bytesRead, totalBytes }),
      })
        .then(
          (contents) => emit({ kind: 'done', contents }),
          (error: unknown) =>
            emit(
              controller.signal.aborted
                ? { kind: 'cancelled' }
                : { kind: 'failed', message: engineMessage(error) },
            ),
        )
        .finally(() => analyses.delete(id));
      return ok({ id });
    },
    cancel(id) {
      const controller = analyses.get(id);
      controller?.abort();
      return controller !== undefined;
    },
  };
}
