import { useSyncExternalStore } from 'react';

/**
 * Whether browser mode's socket to the Dockwright server is up. Electron's IPC cannot drop, so
 * there it stays connected; the browser transport reports every loss and return here.
 */
export function createServerConnection() {
  let connected = true;
  const listeners = new Set<() => void>();
  return {
    set(next: boolean): void {
      if (next === connected) return;
      connected = next;
      listeners.forEach((listener) => listener());
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connected: (): boolean => connected,
  };
}

export const serverConnection = createServerConnection();

export function useServerConnected(): boolean {
  return useSyncExternalStore(serverConnection.subscribe, serverConnection.connected);
}
