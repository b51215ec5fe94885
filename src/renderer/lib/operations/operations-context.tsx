import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { OperationKind, OperationsStore, StateOf } from './operations-store';

const OperationsContext = createContext<OperationsStore | null>(null);

export function OperationsProvider({ store, children }: { store: OperationsStore; children: ReactNode }) {
  return <OperationsContext.Provider value={store}>{children}</OperationsContext.Provider>;
}

/** The app's operations store (for the few places that write to it: following, stopping). */
export function useOperationsStore(): OperationsStore {
  const store = useContext(OperationsContext);
  if (!store) throw new Error('useOperationsStore outside OperationsProvider');
  return store;
}

/** Re-renders when operation `id` of `kind` changes; undefined until its first event. */
export function useOperation<K extends OperationKind>(kind: K, id: string | null): StateOf<K> | undefined {
  const store = useOperationsStore();
  return useSyncExternalStore(store.subscribe, () => (id ? store.get(kind, id) : undefined));
}

/** Every operation of `kind`, oldest first, re-rendering when any of them changes. */
export function useOperations<K extends OperationKind>(kind: K): readonly StateOf<K>[] {
  const store = useOperationsStore();
  return useSyncExternalStore(store.subscribe, () => store.list(kind));
}

/**
 * A value derived from operation `id`, re-rendering only when it changes: for what the whole
 * window shows (its title), which must not render again for every line a build prints.
 */
export function useOperationValue<K extends OperationKind, T extends string | number | boolean | null>(
  kind: K,
  id: string | null,
  derive: (state: StateOf<K> | undefined) => T,
): T {
  const store = useOperationsStore();
  return useSyncExternalStore(store.subscribe, () => derive(id ? store.get(kind, id) : undefined));
}

/** A value derived from every operation of `kind`, re-rendering only when it changes (see above). */
export function useOperationsValue<K extends OperationKind, T extends string | number | boolean>(
  kind: K,
  derive: (all: readonly StateOf<K>[]) => T,
): T {
  const store = useOperationsStore();
  return useSyncExternalStore(store.subscribe, () => derive(store.list(kind)));
}
