import type { OperationKind, Operations } from './operations';

/** What quitting now would cut short, and how to cancel it; null when nothing is running. */
export interface UnfinishedWork {
  /** "1 build and 2 pushes still running." */
  message: string;
  cancelAll(): void;
}

/**
 * What the user started and would lose by quitting. The background search for wasted bytes is
 * not asked about: nobody asked for it, and it starts again when its result is next wanted.
 */
const ASKED_ABOUT: { kind: OperationKind; one: string; many: string }[] = [
  { kind: 'build', one: 'build', many: 'builds' },
  { kind: 'push', one: 'push', many: 'pushes' },
  { kind: 'pull', one: 'pull', many: 'pulls' },
  { kind: 'analysis', one: 'image analysis', many: 'image analyses' },
];

export function unfinishedWork(operations: Pick<Operations, 'running' | 'cancel'>): UnfinishedWork | null {
  const groups = ASKED_ABOUT.map((group) => ({ ...group, ids: operations.running(group.kind) })).filter(
    (group) => group.ids.length > 0,
  );
  if (groups.length === 0) return null;
  const parts = groups.map(
    (group) => `${group.ids.length} ${group.ids.length === 1 ? group.one : group.many}`,
  );
  const listed = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return {
    message: `${listed} still running.`,
    cancelAll: () => groups.forEach((group) => group.ids.forEach((id) => operations.cancel(group.kind, id))),
  };
}

/** Said under the quit question. */
export const QUIT_DETAIL =
  'Quitting cancels them on the engine: nothing half-built gets tagged, and a push or pull run again skips the layers that already made it.';

/**
 * Whether the window may close now. With work unfinished it asks (`ask` answers true to cancel
 * and quit), and cancels that work when the answer is yes.
 */
export function mayClose(
  operations: Pick<Operations, 'running' | 'cancel'>,
  ask: (message: string, detail: string) => boolean,
): boolean {
  const unfinished = unfinishedWork(operations);
  if (!unfinished) return true;
  if (!ask(unfinished.message, QUIT_DETAIL)) return false;
  unfinished.cancelAll();
  return true;
}
