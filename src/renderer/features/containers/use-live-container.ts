import { useEffect } from 'react';
import { useOperation, useOperationsStore } from '../../lib/operations/operations-context';
import type { LiveContainer, StopRequest } from '../../lib/operations/container-fold';
import { followContainer, unfollowContainer } from './api/container-queries';

/** A container whose output is followed; undefined before (or when only a stop was asked). */
export function useFollowedContainer(id: string): LiveContainer | undefined {
  const container = useOperation('container', id);
  return container?.followed ? container : undefined;
}

/** The stop asked for this container since it last started, if any. */
export function useStopRequest(id: string): StopRequest | undefined {
  return useOperation('container', id)?.stop ?? undefined;
}

/** Remembers a stop (SIGTERM, then SIGKILL after `timeoutSeconds`) to explain the exit code later. */
export function useRequestStop(): (id: string, timeoutSeconds: number) => void {
  const store = useOperationsStore();
  return (id, timeoutSeconds) => store.apply('container', id, { kind: 'stop', timeoutSeconds });
}

/** Starts following a container's output when shown; stops when hidden. */
export function useFollow(id: string): void {
  const store = useOperationsStore();
  useEffect(() => {
    // A container started from the Run form is followed from its first byte already; an
    // auto-removed one may be gone by now, so following again would lose its output.
    if (store.get('container', id)?.followed) return;
    store.apply('container', id, { kind: 'follow' });
    void followContainer(id).catch(() => undefined);
    return () => {
      void unfollowContainer(id).catch(() => undefined);
    };
  }, [store, id]);
}
