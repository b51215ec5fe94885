/** A push's events folded into what the push list shows. */
import type { LayerPush, PushEvent, PushFailure } from '../push/push-model';
import type { OperationFold } from './operation-fold';
import { withLayer } from './with-layer';

/** One push as far as its events tell. */
export interface PushState {
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
  /** By the folding side's clock (push events carry no time). */
  startedAt: number;
  endedAt: number | null;
}

/** The state of a push that has just started. */
export function initialPushState(
  id: string,
  started: Extract<PushEvent, { kind: 'started' }>,
  now: number,
): PushState {
  return {
    id,
    reference: started.reference,
    allTags: started.tags.length === 0,
    status: 'running',
    layers: [],
    tags: [],
    error: null,
    stalledForMs: null,
    startedAt: now,
    endedAt: null,
  };
}

/** Folds one event into the push, at `now`; the state passed in is left as it was. */
export function applyPushEvent(push: PushState, event: PushEvent, now: number): PushState {
  switch (event.kind) {
    case 'started':
      return initialPushState(push.id, event, now);
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
}

/** Pushes open at their `started` event, which names the reference. */
export const pushFold: OperationFold<PushState, PushEvent> = {
  start: (id, event, now) => (event.kind === 'started' ? initialPushState(id, event, now) : null),
  apply: applyPushEvent,
};
