/**
 * Subscribers of an app-level stream store, told about changes at most once per animation frame:
 * a build can send hundreds of messages per frame (each its own task over the WebSocket or IPC),
 * and the screen needs one render for them, not one per message.
 */
export function createNotifier(schedule: (run: () => void) => void = nextFrame) {
  const listeners = new Set<() => void>();
  let pending = false;
  return {
    notify(): void {
      if (pending) return;
      pending = true;
      schedule(() => {
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

/** Before the next frame is drawn; a hidden page draws no frames, so a timer stands in. */
export function nextFrame(run: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(run, 0);
    return;
  }
  let ran = false;
  const once = (): void => {
    if (ran) return;
    ran = true;
    run();
  };
  requestAnimationFrame(once);
  setTimeout(once, 100);
}
