/**
 * `layers:build-only` and `layers:try-multi-stage`: the build-only content of an image (from the
 * inventory's single pass and the package records), the wizard's multi-stage Dockerfile for the
 * folder of the build that made it, and a trial of that Dockerfile — built through the app's own
 * build runner in the recorded context (so it shows in the history with its log), started and
 * checked with the wizard's Run & check, and compared by size and build-only bytes.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type Docker from 'dockerode';
import type { EventSink } from '../../shared/api';
import { buildOnlyContent, type BuildOnlyReport } from '../../shared/layers/build-only-content';
import {
  multiStageOffer,
  trialSummary,
  type BuildOnlyAnswer,
  type MultiStageEvent,
  type OfferBuild,
} from '../../shared/layers/build-only-content-offer';
import { listImagePackages } from '../../shared/packages/list-image-packages';
import { fail, ok, type Result } from '../../shared/result';
import { planRunCheck } from '../../shared/wizard/run-check';
import type { BuildRunner } from '../builds/build-runner';
import type { EngineConnection } from '../engine/engine-connection';
import { engineMessage } from '../engine/engine-error';
import type { ContainerRunner } from '../run/container-runner';
import type { BuildHistory } from '../store/build-history';
import { detectProject } from '../wizard/detect-project';
import { runAndCheck } from '../wizard/run-and-check';
import type { ImageLayers } from './image-layers';

/** Marks the images a trial builds (value: the recorded build's id). */
export const TRIAL_LABEL = 'dev.dockwright.multi-stage-trial';

export interface MultiStageSuggestions {
  buildOnly(ref: string, signal?: AbortSignal): Promise<Result<BuildOnlyAnswer>>;
  /** Starts a trial of the offered Dockerfile for a recorded build; news on `multi-stage:event`. */
  tryMultiStage(buildId: string, keepImage: boolean, emit: EventSink): Promise<Result<{ id: string }>>;
  cancel(id: string): boolean;
}

class Stop extends Error {
  constructor(readonly event: MultiStageEvent) {
    super('stopped');
  }
}

export function createMultiStageSuggestions(deps: {
  connection: EngineConnection;
  layers: Pick<ImageLayers, 'inventory' | 'view'>;
  history: Pick<BuildHistory, 'get'>;
  builds: Pick<BuildRunner, 'start' | 'settled' | 'cancel'>;
  containers: ContainerRunner;
  /** Where the trial Dockerfiles are written while they build. */
  dir: string;
}): MultiStageSuggestions {
  const trials = new Map<string, AbortController>();

  const report = async (
    ref: string,
    signal?: AbortSignal,
  ): Promise<Result<BuildOnlyAnswer & { build: OfferBuild | null }>> => {
    const [inventory, view] = await Promise.all([
      deps.layers.inventory(ref, signal),
      deps.layers.view(ref, signal),
    ]);
    if (!inventory.ok) return inventory;
    if (!view.ok) return view;
    const history = view.value.details.history;
    const dockerfileText = view.value.dockerfile?.text ?? null;
    const content: BuildOnlyReport = buildOnlyContent({
      inventory: inventory.value,
      packages: listImagePackages(inventory.value, history, dockerfileText).packages,
      history,
      dockerfileText,
    });
    const record = view.value.dockerfile
      ? await deps.history.get(view.value.dockerfile.buildId).catch(() => null)
      : null;
    const build: OfferBuild | null = record
      ? {
          buildId: record.id,
          contextDir: record.request.contextDir,
          dockerfilePath: record.dockerfilePath,
          dockerfileText: record.dockerfileText,
        }
      : null;
    const detection =
      build && content.worthSplitting ? await detectProject(build.contextDir).catch(() => null) : null;
    return ok({ report: content, ...multiStageOffer(content, build, detection), build });
  };

  return {
    async buildOnly(ref, signal) {
      const answer = await report(ref, signal);
      if (!answer.ok) return answer;
      const { build: _build, ...rest } = answer.value;
      return ok(rest);
    },

    async tryMultiStage(buildId, keepImage, emitEvent) {
      const docker = deps.connection.client();
      if (!docker) return fail('ENGINE_UNAVAILABLE', 'No Docker engine is connected.');
      const record = await deps.history.get(buildId).catch(() => null);
      if (!record || !record.imageId)
        return fail('NOT_FOUND', 'That build is no longer in the history: build the Dockerfile again.');
      const id = randomUUID();
      const controller = new AbortController();
      trials.set(id, controller);
      const { signal } = controller;
      const emit = (event: MultiStageEvent): void => emitEvent('multi-stage:event', { id, event });
      const imageId = record.imageId;

      void (async () => {
        const folder = join(deps.dir, id);
        let built: string | null = null;
        let keep = false;
        try {
          emit({
            kind: 'step',
            step: 'prepare',
            message: 'Reading the image and writing the multi-stage Dockerfile…',
            buildId: null,
          });
          const before = await report(imageId, signal);
          if (signal.aborted) throw new Stop({ kind: 'cancelled' });
          if (!before.ok) throw new Stop({ kind: 'failed', message: before.error.message, buildId: null });
          const offer = before.value.offer;
          if (!offer)
            throw new Stop({
              kind: 'failed',
              message: before.value.offerNote ?? 'There is no multi-stage Dockerfile to try for this image.',
              buildId: null,
            });
          const detection = await detectProject(record.request.contextDir);
          // The original's name, so BuildKit finds a `<name>.dockerignore` copied beside it.
          const name = basename(record.dockerfilePath);
          const dockerfile = join(folder, name);
          await mkdir(folder, { recursive: true });
          await writeFile(dockerfile, offer.proposedText);
          await copyFile(`${record.dockerfilePath}.dockerignore`, `${dockerfile}.dockerignore`).catch(
            () => undefined,
          );
          const existing = new Set((await docker.listImages({ all: true })).map((image) => image.Id));
          const { secrets: _secrets, ssh: _ssh, ...rest } = record.request;
          const started = await deps.builds.start({
            ...rest,
            dockerfile,
            target: null,
            tags: [],
            noCache: false,
            labels: { ...rest.labels, [TRIAL_LABEL]: record.id },
            builder: record.builder,
          });
          if (!started.ok) throw new Stop({ kind: 'failed', message: started.error.message, buildId: null });
          const trialBuild = started.value.id;
          emit({
            kind: 'step',
            step: 'build',
            message: 'Building the multi-stage Dockerfile…',
            buildId: trialBuild,
          });
          const stop = (): void => void deps.builds.cancel(trialBuild);
          signal.addEventListener('abort', stop, { once: true });
          await deps.builds.settled(trialBuild);
          signal.removeEventListener('abort', stop);
          const ended = await deps.history.get(trialBuild).catch(() => null);
          if (signal.aborted || ended?.status === 'cancelled') throw new Stop({ kind: 'cancelled' });
          if (ended?.status !== 'succeeded' || !ended.imageId)
            throw new Stop({
              kind: 'failed',
              message: `The multi-stage Dockerfile did not build: ${ended?.error?.message ?? 'no image'}`,
              buildId: trialBuild,
            });
          // Never remove an image that was there before (the same layers built earlier).
          if (!existing.has(ended.imageId)) built = ended.imageId;

          const plan = planRunCheck(detection.answers);
          emit({
            kind: 'step',
            step: 'check',
            message: `Starting the new image: it passes when ${offer.checkText}…`,
            buildId: null,
          });
          // Named, so Cancel can remove the container mid-check: the check then ends at once.
          const container = `dockwright-trial-${id.slice(0, 8)}`;
          const stopCheck = (): void =>
            void docker
              .getContainer(container)
              .remove({ force: true })
              .catch(() => undefined);
          signal.addEventListener('abort', stopCheck, { once: true });
          const check = await runAndCheck(deps, { image: ended.imageId, name: container, plan }).finally(() =>
            signal.removeEventListener('abort', stopCheck),
          );
          if (signal.aborted) {
            if (check.ok) await deps.containers.remove(check.value.containerId);
            throw new Stop({ kind: 'cancelled' });
          }
          if (!check.ok) throw new Stop({ kind: 'failed', message: check.error.message, buildId: null });
          // A trial leaves nothing running: the check's container goes whatever it found.
          if (check.value.kept) await deps.containers.remove(check.value.containerId);

          emit({ kind: 'step', step: 'compare', message: 'Comparing both images…', buildId: null });
          const after = await report(ended.imageId, signal);
          if (signal.aborted) throw new Stop({ kind: 'cancelled' });
          if (!after.ok) throw new Stop({ kind: 'failed', message: after.error.message, buildId: null });
          const [sizeBefore, sizeAfter] = await Promise.all([
            docker.getImage(imageId).inspect(),
            docker.getImage(ended.imageId).inspect(),
          ]);
          keep = keepImage;
          if (keep) await tagKept(docker, record.id, ended.imageId);
          emit({
            kind: 'done',
            trial: {
              before: { imageId, bytes: sizeBefore.Size, buildOnlyBytes: before.value.report.totalBytes },
              after: {
                imageId: ended.imageId,
                bytes: sizeAfter.Size,
                buildOnlyBytes: after.value.report.totalBytes,
                buildId: trialBuild,
              },
              check: { ...check.value, kept: false },
              kept: keep,
              summary: trialSummary(sizeBefore.Size, sizeAfter.Size, check.value),
            },
          });
        } catch (error) {
          if (error instanceof Stop) emit(error.event);
          else if (signal.aborted) emit({ kind: 'cancelled' });
          else emit({ kind: 'failed', message: engineMessage(error), buildId: null });
        } finally {
          trials.delete(id);
          await rm(folder, { recursive: true, force: true }).catch(() => undefined);
          if (!keep && built) await removeImage(docker, built);
        }
      })();
      return ok({ id });
    },

    cancel(id) {
      const controller = trials.get(id);
      if (!controller) return false;
      controller.abort();
      return true;
    },
  };
}

async function removeImage(docker: Docker, image: string): Promise<void> {
  await docker
    .getImage(image)
    .remove()
    .catch(() => undefined);
}

/** `dockwright-multi-stage/<build>:trial`, so a kept image can be found. */
async function tagKept(docker: Docker, buildId: string, image: string): Promise<void> {
  const repo = `dockwright-multi-stage/${buildId
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 12)}`;
  await docker.getImage(image).tag({ repo, tag: 'trial' });
}
