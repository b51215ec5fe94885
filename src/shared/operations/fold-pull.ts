/** A pull's events folded into what the pull dialog shows. */
import type { LayerPull, PullEvent } from '../pull/pull-progress';
import type { OperationFold } from './operation-fold';
import { withLayer } from './with-layer';

/** One pull as far as its events tell. */
export interface PullState {
  layers: LayerPull[];
  /** How it ended, in the engine's (or Dockwright's) words; null while it runs. */
  finished: Extract<PullEvent, { kind: 'finished' }> | null;
  /** How long the engine had been silent when the pull was reported stalled; null while it talks. */
  stalledForMs: number | null;
}

/** The state of a pull nothing has been heard of yet. */
export function initialPullState(): PullState {
  return { layers: [], finished: null, stalledForMs: null };
}

/** Folds one event into the pull; the state passed in is left as it was. */
export function applyPullEvent(pull: PullState, event: PullEvent): PullState {
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
      return { ...pull, finished: event, stalledForMs: null };
  }
}

/** Pulls open at whatever event comes first: a quick pull can end before `pull:start` answers. */
export const pullFold: OperationFold<PullState, PullEvent> = {
  start: (_id, event) => applyPullEvent(initialPullState(), event),
  apply: (pull, event) => applyPullEvent(pull, event),
};
