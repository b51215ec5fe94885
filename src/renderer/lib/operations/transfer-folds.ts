import type { LayerPush, PushEvent, PushFailure } from '@shared/push/push-model';
import type { LayerPull, PullEvent } from '@shared/pull/pull-progress';
import type { ImageContents } from '@shared/layers/image-contents';
import type { AnalysisEvent } from '@shared/layers/layers-view';
import type { Fold } from './operations-store';

/** A push as the renderer follows it. */
export interface LivePush {
  id: string;
  reference: string;
  /** Every tag of the repository was pushed (the engine names the tags as it goes). */
  allTags: boolean;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  layers: LayerPush[];
  tags: { tag: string; digest: string; size: number }[];
  error: PushFailure | null;
  /** How long the engine had been silent when the push was reported stalled; null while it talks. */
  stalledForMs: number | null;
  startedAt: number;
  endedAt: number | null;
}

const withLayer = <L extends { id: string }>(layers: L[], layer: L): L[] => {
  const index = layers.findIndex((known) => known.id === layer.id);
  return index >= 0 ? layers.with(index, layer) : [...layers, layer];
};

/** Pushes start at their `started` event, which names the reference. */
export const pushFold: Fold<LivePush, PushEvent> = {
  start: (id, event, now) =>
    event.kind === 'started'
      ? {
          id,
          reference: event.reference,
          allTags: event.tags.length === 0,
          status: 'running',
          layers: [],
          tags: [],
          error: null,
          stalledForMs: null,
          startedAt: now,
          endedAt: null,
        }
      : null,
  apply: (push, event, now) => {
    switch (event.kind) {
      case 'started':
        return pushFold.start(push.id, event, now) ?? push;
      case 'layer':
        return { ...push, layers: withLayer(push.layers, event.layer) };
      case 'tag-done':
        return { ...push, tags: [...push.tags, { tag: event.tag, digest: event.digest, size: event.size }] };
      case 'stalled':
        return { ...push, stalledForMs: event.silentMs };
      case 'resumed':
        return { ...push, stalledForMs: null };
      case 'finished':
        return { ...push, status: event.status, error: event.error, stalledForMs: null, endedAt: now };
    }
  },
};

/** A pull as the pull dialog shows it. */
export interface LivePull {
  layers: LayerPull[];
  finished: Extract<PullEvent, { kind: 'finished' }> | null;
  stalledForMs: number | null;
}

/** Pulls are kept from whatever event comes first: a quick pull can end before `pull:start` answers. */
export const pullFold: Fold<LivePull, PullEvent> = {
  start: (id, event, now) => pullFold.apply({ layers: [], finished: null, stalledForMs: null }, event, now),
  apply: (pull, event) => {
    switch (event.kind) {
      case 'started':
        return pull;
      case 'layer':
        return { ...pull, layers: withLayer(pull.layers, event.layer) };
      case 'stalled':
        return { ...pull, stalledForMs: event.silentMs };
      case 'resumed':
        return { ...pull, stalledForMs: null };
      case 'finished':
        return { ...pull, finished: event };
    }
  },
};

/** A contents analysis as the Contents tab shows it. */
export type LiveAnalysis =
  | { state: 'running'; bytesRead: number; totalBytes: number }
  | { state: 'done'; contents: ImageContents }
  | { state: 'failed'; message: string }
  | { state: 'cancelled' };

/** Analyses are kept from their first event: one read before (after its build) answers `done` at once. */
export const analysisFold: Fold<LiveAnalysis, AnalysisEvent> = {
  start: (_id, event) => analysisFold.apply({ state: 'running', bytesRead: 0, totalBytes: 0 }, event, 0),
  apply: (_analysis, event) => {
    switch (event.kind) {
      case 'progress':
        return { state: 'running', bytesRead: event.bytesRead, totalBytes: event.totalBytes };
      case 'done':
        return { state: 'done', contents: event.contents };
      case 'failed':
        return { state: 'failed', message: event.message };
      case 'cancelled':
        return { state: 'cancelled' };
    }
  },
};
