import type { EventPayloads } from '../../shared/api';
import type { LayersView, WasteStatus } from '../../shared/layers/layers-view';
import { wasteReport } from '../../shared/layers/waste-report';
import type { Operations } from '../operations/operations';
import type { ContentsCache } from './contents-cache';

/** The background search for wasted bytes, per image id, started by finished builds. */
export interface WasteAnalyses {
  /**
   * Where the search for `imageId` stands, starting it when it never ran (or, with `rerun`,
   * when it failed or was cancelled).
   */
  status(imageId: string, rerun: boolean): WasteStatus;
  /** Stops the search for `imageId`; false when it was not running or waiting. */
  cancel(imageId: string): boolean;
  /** Fed every `build:event`: a started build pauses background reads, a succeeded one queues its image. */
  onBuildEvent(payload: EventPayloads['build:event']): void;
}

/**
 * Reports come from the shared contents cache, so an image read for the build result is not
 * read again for the Contents tab. A running build always goes first: the search starts after
 * the build's `finished` event and steps aside (to resume after) when another build starts.
 * Each search runs as the `waste` operation keyed by its image id; a search that was paused,
 * cancelled or started again has its operation cancelled, so its outcome no longer counts.
 */
export function createWasteAnalyses(deps: {
  cache: ContentsCache;
  /** The image with its history mapped to the Dockerfile it was built from. */
  view(imageId: string): Promise<LayersView>;
  emit(payload: EventPayloads['waste:event']): void;
  describeError(error: unknown): string;
  operations: Pick<Operations, 'run' | 'cancel'>;
}): WasteAnalyses {
  const statuses = new Map<string, WasteStatus>();
  const runningBuilds = new Set<string>();
  const waiting = new Set<string>();
  /** The search under way for `imageId` (if any) will not report: it was paused or superseded. */
  const forget = (imageId: string): void => void deps.operations.cancel('waste', imageId);

  const set = (status: WasteStatus): WasteStatus => {
    statuses.set(status.imageId, status);
    deps.emit({ imageId: status.imageId, status });
    return status;
  };

  const begin = (imageId: string): WasteStatus => {
    forget(imageId);
    if (runningBuilds.size > 0) {
      waiting.add(imageId);
      return set({ state: 'waiting', imageId });
    }
    waiting.delete(imageId);
    const run = deps.cache.run(imageId, { background: true });
    deps.operations.run('waste', imageId, async (signal) => {
      try {
        const [contents, view] = await Promise.all([run.result, deps.view(imageId)]);
        if (signal.aborted) return;
        set({
          state: 'done',
          imageId,
          report: wasteReport(contents, view.details.history, view.dockerfile?.text ?? null),
        });
      } catch (error) {
        if (!signal.aborted) set({ state: 'failed', imageId, message: deps.describeError(error) });
      } finally {
        run.release();
      }
    });
    return set({ state: 'running', imageId });
  };

  return {
    status(imageId, rerun) {
      const current = statuses.get(imageId);
      if (!current || (rerun && (current.state === 'failed' || current.state === 'cancelled')))
        return begin(imageId);
      return current;
    },
    cancel(imageId) {
      const current = statuses.get(imageId);
      if (current?.state !== 'running' && current?.state !== 'waiting') return false;
      forget(imageId);
      waiting.delete(imageId);
      deps.cache.cancel(imageId);
      set({ state: 'cancelled', imageId });
      return true;
    },
    onBuildEvent({ id, event }) {
      if (event.kind === 'started') {
        runningBuilds.add(id);
        for (const imageId of deps.cache.pauseBackground()) {
          if (statuses.get(imageId)?.state !== 'running') continue;
          forget(imageId);
          waiting.add(imageId);
          set({ state: 'waiting', imageId });
        }
        return;
      }
      if (event.kind !== 'finished') return;
      runningBuilds.delete(id);
      const imageId = event.summary.status === 'succeeded' ? event.summary.imageId : null;
      if (imageId && statuses.get(imageId)?.state !== 'done') begin(imageId);
      if (runningBuilds.size === 0) for (const paused of [...waiting]) begin(paused);
    },
  };
}
