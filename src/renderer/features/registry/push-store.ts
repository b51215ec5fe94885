import { useSyncExternalStore } from 'react';
import type { LayerPush, PushEvent, PushFailure } from '@shared/push/push-model';

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

/** App-level store of pushes, keyed by push id; pushes outlive the screen that started them. */
export function createPushStore() {
  const pushes = new Map<string, LivePush>();
  const listeners = new Set<() => void>();
  let snapshot: LivePush[] = [];
  const notify = (): void => {
    snapshot = [...pushes.values()].sort((a, b) => b.startedAt - a.startedAt);
    listeners.forEach((listener) => listener());
  };
  return {
    apply(id: string, event: PushEvent): void {
      if (event.kind === 'started') {
        pushes.set(id, {
          id,
          reference: event.reference,
          allTags: event.tags.length === 0,
          status: 'running',
          layers: [],
          tags: [],
          error: null,
          stalledForMs: null,
          startedAt: Date.now(),
          endedAt: null,
        });
        notify();
        return;
      }
      const push = pushes.get(id);
      if (!push) return;
      const next = { ...push };
      if (event.kind === 'layer') {
        const index = next.layers.findIndex((layer) => layer.id === event.layer.id);
        next.layers = index >= 0 ? next.layers.with(index, event.layer) : [...next.layers, event.layer];
      } else if (event.kind === 'tag-done') {
        next.tags = [...next.tags, { tag: event.tag, digest: event.digest, size: event.size }];
      } else if (event.kind === 'stalled') {
        next.stalledForMs = event.silentMs;
      } else if (event.kind === 'resumed') {
        next.stalledForMs = null;
      } else {
        next.status = event.status;
        next.error = event.error;
        next.stalledForMs = null;
        next.endedAt = Date.now();
      }
      pushes.set(id, next);
      notify();
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    all: (): LivePush[] => snapshot,
  };
}

export type PushStore = ReturnType<typeof createPushStore>;

export function usePushes(store: PushStore): LivePush[] {
  return useSyncExternalStore(store.subscribe, store.all);
}
