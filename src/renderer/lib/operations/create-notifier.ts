/**
 * Subscribers of an app-level stream store, told about changes at most once per microtask:
 * a build or a container can send many messages per frame, React needs one render for them.
 */
export function createNotifier() {
  const listeners = new Set<() => void>();
  let pending = false;
  return {
    notify(): void {
      if (pending) return;
      pending = true;
      queueMicrotask(() => {
        pending = false;
        listeners.forEach((listener) => listener());
      });
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
