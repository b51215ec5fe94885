/**
 * Runs `layers:file-diff`: both images' inventories (from the contents cache, read at once when
 * needed), then their diff, reported on `file-diff:event` under the operation's id. It runs as an
 * `analysis` operation, so `analysis:cancel` stops it like the Contents tab's analysis.
 */
import type Docker from 'dockerode';
import type { EventPayloads } from '../../shared/api';
import { imageLabel, olderFirst } from '../../shared/layers/compare-sides';
import { diffInventories } from '../../shared/layers/file-diff';
import type { FileDiffEvent, FileDiffSideProgress } from '../../shared/layers/file-diff-view';
import type { AnalysisProgress } from '../../shared/layers/image-contents';
import type { ImageInventory } from '../../shared/layers/image-inventory';
import { ok, type Result } from '../../shared/result';
import type { Operations } from '../operations/operations';

/** What a file diff needs from the rest of main. */
export interface FileDiffDeps {
  operations: Pick<Operations, 'engine' | 'newId' | 'run'>;
  inventory(
    ref: string,
    signal: AbortSignal,
    onProgress: (progress: AnalysisProgress) => void,
  ): Promise<Result<ImageInventory>>;
  emit(payload: EventPayloads['file-diff:event']): void;
  describeError(error: unknown): string;
}

/** Starts the file diff of `a` and `b` (either order: the older goes left); answers its id at once. */
export function startFileDiff(deps: FileDiffDeps, a: string, b: string): Result<{ id: string }> {
  const engine = deps.operations.engine();
  if (!engine.ok) return engine;
  const docker = engine.value;
  const id = deps.operations.newId();
  const emit = (event: FileDiffEvent): void => deps.emit({ id, event });
  deps.operations.run('analysis', id, async (signal) => {
    try {
      const [first, second] = await Promise.all([side(docker, a, signal), side(docker, b, signal)]);
      if (signal.aborted) throw new Error('cancelled');
      const { older, newer, swapped } = olderFirst(first, second);
      const progress: { a: FileDiffSideProgress; b: FileDiffSideProgress } = {
        a: { bytesRead: 0, totalBytes: older.size },
        b: { bytesRead: 0, totalBytes: newer.size },
      };
      emit({ kind: 'progress', ...progress });
      const report =
        (key: 'a' | 'b') =>
        (value: AnalysisProgress): void => {
          progress[key] = { bytesRead: value.bytesRead, totalBytes: value.totalBytes };
          emit({ kind: 'progress', a: progress.a, b: progress.b });
        };
      const [olderInventory, newerInventory] = await Promise.all([
        deps.inventory(older.id, signal, report('a')),
        deps.inventory(newer.id, signal, report('b')),
      ]);
      if (signal.aborted) throw new Error('cancelled');
      if (!olderInventory.ok) throw new Error(olderInventory.error.message);
      if (!newerInventory.ok) throw new Error(newerInventory.error.message);
      emit({
        kind: 'done',
        view: {
          labels: { a: older.label, b: newer.label },
          imageIds: { a: older.id, b: newer.id },
          swapped,
          diff: diffInventories(olderInventory.value, newerInventory.value),
        },
      });
    } catch (error) {
      emit(signal.aborted ? { kind: 'cancelled' } : { kind: 'failed', message: deps.describeError(error) });
    }
  });
  return ok({ id });
}

async function side(docker: Docker, ref: string, signal: AbortSignal) {
  const info = await docker.getImage(ref).inspect({ abortSignal: signal } as Docker.ImageInspectOptions);
  return {
    id: info.Id,
    size: info.Size,
    label: imageLabel({ id: info.Id, tags: info.RepoTags ?? [] }, ref),
    details: { created: Date.parse(info.Created) },
  };
}
