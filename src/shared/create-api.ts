/**
 * Builds `window.api` from a transport.
 *
 * Electron's preload, the e2e bridge and browser mode differ only in how bytes move; they all
 * call this, so the renderer sees one behaviour whichever carries it.
 */
import type { Api, EventChannel, EventPayloads, RequestChannel } from './api';
import type { Result } from './result';

/** How requests and events move between renderer and main; payloads are plain JSON. */
export interface ApiTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  /** Subscribes to every event; returns an unsubscribe function. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

/** The `window.api` object for a transport. */
export function createApi(transport: ApiTransport): Api {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let unsubscribe: (() => void) | null = null;

  const ensureSubscribed = (): void => {
    if (unsubscribe) return;
    unsubscribe = transport.subscribe((event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    });
  };

  return {
    invoke: async <C extends RequestChannel>(channel: C, input: unknown) =>
      (await transport.invoke(channel, input ?? {})) as Result<never>,
    on: <E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void) => {
      ensureSubscribed();
      const set = listeners.get(event) ?? new Set();
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      listeners.set(event, set);
      return () => {
        set.delete(wrapped);
      };
    },
  } as Api;
}
