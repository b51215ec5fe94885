import { buildFold } from '@shared/operations/fold-build';
import { analysisFold } from '@shared/operations/fold-analysis';
import { fileDiffFold } from '@shared/layers/file-diff-view';
import { wasteFixFold } from '@shared/layers/waste-fix-verification';
import { pullFold } from '@shared/operations/fold-pull';
import { pushFold } from '@shared/operations/fold-push';
import type { OperationFold } from '@shared/operations/operation-fold';
import { createNotifier } from './create-notifier';
import { containerFold } from './container-fold';

// The folds main uses for the same events (src/shared/operations), so a live operation and a
// saved one have one shape; containers are followed by the renderer alone.
const FOLDS = {
  build: buildFold,
  push: pushFold,
  pull: pullFold,
  analysis: analysisFold,
  fileDiff: fileDiffFold,
  wasteFix: wasteFixFold,
  container: containerFold,
};

/**
 * The newest ended builds kept here; an older one is shown from its saved record. A build's
 * state holds its whole log (about 6 MB for 500,000 short lines), and a session of long builds
 * must not keep every one of them.
 */
export const KEPT_ENDED_BUILDS = 3;

type Folds = typeof FOLDS;
/** The kinds of long-running work the renderer follows. */
export type OperationKind = keyof Folds;
export type EventOf<K extends OperationKind> = Parameters<Folds[K]['apply']>[1];
export type StateOf<K extends OperationKind> = NonNullable<ReturnType<Folds[K]['start']>>;

/**
 * The app-level store of operation streams (DESIGN: one store keyed by op id, not queries).
 * Every event is kept by id from the first one heard, so a screen that learns an id from a
 * request's answer finds whatever already arrived (a quick pull or a cached analysis can end
 * before the answer). Subscribers hear at most once per animation frame (see createNotifier).
 */
export function createOperationsStore(clock: () => number = Date.now) {
  const states = new Map<OperationKind, Map<string, unknown>>();
  const lists = new Map<OperationKind, unknown[]>();
  const { notify, subscribe } = createNotifier();
  /** Ended builds' ids, oldest first. */
  const endedBuilds: string[] = [];
  const of = (kind: OperationKind): Map<string, unknown> => {
    let byId = states.get(kind);
    if (!byId) states.set(kind, (byId = new Map()));
    return byId;
  };

  const forgetOlderBuilds = (ended: string): void => {
    if (!endedBuilds.includes(ended)) endedBuilds.push(ended);
    while (endedBuilds.length > KEPT_ENDED_BUILDS) of('build').delete(endedBuilds.shift()!);
  };

  return {
    apply<K extends OperationKind>(kind: K, id: string, event: EventOf<K>): void {
      const fold = FOLDS[kind] as unknown as OperationFold<StateOf<K>, EventOf<K>>;
      const byId = of(kind);
      const current = byId.get(id) as StateOf<K> | undefined;
      const next =
        current === undefined ? fold.start(id, event, clock()) : fold.apply(current, event, clock());
      if (next === null) return;
      byId.set(id, next);
      if (kind === 'build' && (next as StateOf<'build'>).summary.status !== 'running') forgetOlderBuilds(id);
      lists.delete(kind);
      notify();
    },
    get<K extends OperationKind>(kind: K, id: string): StateOf<K> | undefined {
      return of(kind).get(id) as StateOf<K> | undefined;
    },
    /** Every operation of a kind, oldest first; the same array until one of them changes. */
    list<K extends OperationKind>(kind: K): readonly StateOf<K>[] {
      let list = lists.get(kind);
      if (!list) lists.set(kind, (list = [...of(kind).values()]));
      return list as StateOf<K>[];
    },
    subscribe,
  };
}

export type OperationsStore = ReturnType<typeof createOperationsStore>;
