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
