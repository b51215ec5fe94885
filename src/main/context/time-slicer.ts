import { performance } from 'node:perf_hooks';

/** How long synchronous file-system work may run before the event loop gets a turn. */
const SLICE_MS = 12;

/**
 * Lets long synchronous file-system loops (sync calls are several times faster than async ones
 * for tiny files) yield to the event loop every few milliseconds, so the main process stays
 * responsive and an abort is seen.
 */
export class TimeSlicer {
  private start = performance.now();
  private calls = 0;

  constructor(private readonly signal: AbortSignal | undefined) {
    signal?.throwIfAborted();
  }

  /**
   * A promise only when it is time to yield (awaiting on every item would cost more than the
   * work); it rejects with the abort reason once the signal has fired.
   */
  tick(): Promise<void> | undefined {
    // Reading the clock costs more than a small file's lstat; every 32nd call is often enough.
    if ((++this.calls & 31) !== 0 || performance.now() - this.start < SLICE_MS) return undefined;
    return new Promise<void>((done) => setImmediate(done)).then(() => {
      this.start = performance.now();
      this.signal?.throwIfAborted();
    });
  }
}
