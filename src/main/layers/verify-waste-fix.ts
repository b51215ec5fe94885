/**
 * `waste:verify-fix`: builds the Dockerfile as it is and as the waste fix rewrites it, in the
 * recorded build's context with its arguments (through the app's own build runner, so both builds
 * show in the history with their logs), reads both images' final files in the contents pass and
 * compares them by digest. A `--chown`/`--chmod` fix also has the owners and modes of its path
 * compared with `stat` inside each image, which the inventory does not hold. Both images are
 * removed afterwards unless the user keeps them, then tagged so they can be found.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type Docker from 'dockerode';
import { containerLogText } from '../engine/container-log-frames';
import type { EventSink } from '../../shared/api';
import type { ImageInventory } from '../../shared/layers/image-inventory';
import {
  compareFinalFiles,
  compareOwnership,
  wasteFixVerification,
  type WasteFixEvent,
  type WasteFixVerification,
} from '../../shared/layers/waste-fix-verification';
import { fail, ok, type Result } from '../../shared/result';
import { engineMessage } from '../engine/engine-error';
import type { BuildRunner } from '../builds/build-runner';
import type { OperationControls, Operations } from '../operations/operations';
import type { BuildHistory } from '../store/build-history';
import type { ImageLayers } from './image-layers';

/** Marks the images a verification builds (value: the recorded build's id). */
export const VERIFY_LABEL = 'dev.dockwright.verify-fix';

/** What the renderer asks to verify. */
export interface VerifyWasteFixRequest {
  /** The recorded build whose context, arguments, target and builder both builds use. */
  buildId: string;
  /** The Dockerfile the fix was proposed for (the editor's text, saved or not). */
  originalText: string;
  fixedText: string;
  /** The finding's wasted paths (in the image): they may differ without counting against the fix. */
  wasted: string[];
  /** For a `--chown`/`--chmod` fix, the path (in the image) whose owners and modes must match; else null. */
  ownersUnder: string | null;
  /** Keep both images (tagged `dockwright-verify/<build>:before|after`) instead of removing them. */
  keepImages: boolean;
}

export interface WasteFixVerifier extends OperationControls {
  start(request: VerifyWasteFixRequest): Promise<Result<{ id: string }>>;
}

class Stop extends Error {
  constructor(readonly event: WasteFixEvent) {
    super('stopped');
  }
}

export function createWasteFixVerifier(deps: {
  operations: Operations;
  history: Pick<BuildHistory, 'get'>;
  builds: Pick<BuildRunner, 'start' | 'settled' | 'cancel'>;
  layers: Pick<ImageLayers, 'inventory'>;
  emit: EventSink;
  /** Where the two Dockerfiles are written while they build. */
  dir: string;
}): WasteFixVerifier {
  return {
    async start(request) {
      const engine = deps.operations.engine();
      if (!engine.ok) return engine;
      const docker = engine.value;
      const record = await deps.history.get(request.buildId).catch(() => null);
      if (!record)
        return fail('NOT_FOUND', 'That build is no longer in the history: build the Dockerfile again.');
      const id = deps.operations.newId();
      const emit = (event: WasteFixEvent): void => deps.emit('waste-fix:event', { id, event });

      deps.operations.run('verify', id, async (signal) => {
        const folder = join(deps.dir, randomUUID());
        const created: string[] = [];
        const builds: string[] = [];
        let keep = false;
        try {
          const before = await existingImages(docker);
          const build = async (
            side: 'before' | 'after',
            text: string,
          ): Promise<{ buildId: string; imageId: string }> => {
            // The original's name, so BuildKit finds a `<name>.dockerignore` copied beside it.
            const name = basename(record.dockerfilePath);
            const dockerfile = join(folder, side, name);
            await mkdir(dirname(dockerfile), { recursive: true });
            await writeFile(dockerfile, text);
            await copyFile(
              join(dirname(record.dockerfilePath), `${name}.dockerignore`),
              `${dockerfile}.dockerignore`,
            ).catch(() => undefined);
            if (signal.aborted) throw new Stop({ kind: 'cancelled' });
            const { secrets: _secrets, ssh: _ssh, ...rest } = record.request;
            const started = await deps.builds.start({
              ...rest,
              dockerfile,
              tags: [],
              noCache: false,
              labels: { ...rest.labels, [VERIFY_LABEL]: record.id },
              builder: record.builder,
            });
            if (!started.ok)
              throw new Stop({ kind: 'failed', message: started.error.message, buildId: null });
            const buildId = started.value.id;
            builds.push(buildId);
            emit({
              kind: 'step',
              step: side === 'before' ? 'build-original' : 'build-fixed',
              message:
                side === 'before' ? 'Building the Dockerfile as it is…' : 'Building the fixed Dockerfile…',
              buildId,
            });
            const stop = (): void => void deps.builds.cancel(buildId);
            // A cancel that came while the build was being started has already fired.
            if (signal.aborted) stop();
            else signal.addEventListener('abort', stop, { once: true });
            await deps.builds.settled(buildId);
            signal.removeEventListener('abort', stop);
            const ended = await deps.history.get(buildId).catch(() => null);
            if (signal.aborted || ended?.status === 'cancelled') throw new Stop({ kind: 'cancelled' });
            if (ended?.status !== 'succeeded' || !ended.imageId)
              throw new Stop({
                kind: 'failed',
                message: `The ${side === 'before' ? 'original' : 'fixed'} Dockerfile did not build: ${ended?.error?.message ?? 'no image'}`,
                buildId,
              });
            if (!before.has(ended.imageId)) created.push(ended.imageId);
            return { buildId, imageId: ended.imageId };
          };
          const original = await build('before', request.originalText);
          const fixed = await build('after', request.fixedText);

          emit({
            kind: 'step',
            step: 'read-files',
            message: 'Reading the final files of both images…',
            buildId: null,
          });
          const inventory = async (imageId: string): Promise<ImageInventory> => {
            const read = await deps.layers.inventory(imageId, signal);
            if (signal.aborted) throw new Stop({ kind: 'cancelled' });
            if (!read.ok) throw new Stop({ kind: 'failed', message: read.error.message, buildId: null });
            return read.value;
          };
          const [x, y] = [await inventory(original.imageId), await inventory(fixed.imageId)];
          if (x.unreadableLayers.length > 0 || y.unreadableLayers.length > 0)
            throw new Stop({
              kind: 'failed',
              message:
                'Some layers are stored compressed in a way Dockwright cannot read (zstd), so the files cannot be compared.',
              buildId: null,
            });

          emit({ kind: 'step', step: 'compare', message: 'Comparing the files…', buildId: null });
          const ownership = request.ownersUnder
            ? await compareOwners(docker, original.imageId, fixed.imageId, request.ownersUnder, signal)
            : { compared: false, note: 'This fix does not change owners or modes.', differences: [] };
          const [sizeBefore, sizeAfter] = await Promise.all([
            docker.getImage(original.imageId).inspect(),
            docker.getImage(fixed.imageId).inspect(),
          ]);
          keep = request.keepImages;
          const result: WasteFixVerification = wasteFixVerification({
            comparison: compareFinalFiles(x, y, request.wasted),
            ownership,
            beforeBytes: sizeBefore.Size,
            afterBytes: sizeAfter.Size,
            images: { before: original.imageId, after: fixed.imageId, kept: keep },
            builds: { before: original.buildId, after: fixed.buildId },
          });
          if (keep) await tagKept(docker, record.id, original.imageId, fixed.imageId);
          else {
            emit({ kind: 'step', step: 'clean-up', message: 'Removing both images…', buildId: null });
            await removeImages(docker, created.splice(0));
          }
          emit({ kind: 'done', result });
        } catch (error) {
          if (error instanceof Stop) emit(error.event);
          else if (signal.aborted) emit({ kind: 'cancelled' });
          else emit({ kind: 'failed', message: engineMessage(error), buildId: null });
        } finally {
          await rm(folder, { recursive: true, force: true }).catch(() => undefined);
          if (!keep) await removeImages(docker, created);
        }
      });
      return ok({ id });
    },
    ...deps.operations.controls('verify'),
  };
}

async function existingImages(docker: Docker): Promise<Set<string>> {
  const images = await docker.listImages({ all: true });
  return new Set(images.map((image) => image.Id));
}

/** Removes images this verification built (never one that was there before it). */
async function removeImages(docker: Docker, images: string[]): Promise<void> {
  for (const image of images)
    await docker
      .getImage(image)
      .remove()
      .catch(() => undefined);
}

async function tagKept(docker: Docker, buildId: string, before: string, after: string): Promise<void> {
  const repo = `dockwright-verify/${buildId
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 12)}`;
  await docker.getImage(before).tag({ repo, tag: 'before' });
  await docker.getImage(after).tag({ repo, tag: 'after' });
}

/** `stat` of every path under `path` in both images (no shell: `find` runs `stat` itself). */
async function compareOwners(
  docker: Docker,
  before: string,
  after: string,
  path: string,
  signal: AbortSignal,
): Promise<WasteFixVerification['ownership']> {
  const [x, y] = [await statTree(docker, before, path, signal), await statTree(docker, after, path, signal)];
  if (x === null || y === null)
    return {
      compared: false,
      note: `Owners and modes could not be read: the image has no find and stat (${path}).`,
      differences: [],
    };
  return {
    compared: true,
    note: `Owners and modes of ${path} compared inside both images.`,
    differences: compareOwnership(x, y),
  };
}

async function statTree(
  docker: Docker,
  image: string,
  path: string,
  signal: AbortSignal,
): Promise<string | null> {
  const container = await docker.createContainer({
    Image: image,
    Entrypoint: ['find'],
    Cmd: [path, '-exec', 'stat', '-c', '%u:%g %a %n', '{}', ';'],
    User: '0',
    NetworkDisabled: true,
    Labels: { [VERIFY_LABEL]: 'stat' },
    HostConfig: { AutoRemove: false },
  });
  try {
    await container.start();
    const waited = (await container.wait({ abortSignal: signal } as never)) as unknown as {
      StatusCode: number;
    };
    if (waited.StatusCode !== 0) return null;
    const raw = (await container.logs({ stdout: true, stderr: false, follow: false })) as unknown as Buffer;
    return containerLogText(raw);
  } catch {
    return null;
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}
