/**
 * A refresh asked for often (an engine event each time an image is saved, tagged or deleted) run
 * at most once at a time, plus once more after it when asked meanwhile. Cancelling the running one
 * instead starves the list: on an engine whose image list takes two seconds (the containerd store
 * with a few hundred images), events every second kept the Images page on "Loading images…".
 */
export function coalescedRefresh(run: () => Promise<unknown>): () => void {
  let running = false;
  let again = false;
  const start = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void run()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (!again) return;
        again = false;
        start();
      });
  };
  return start;
}
