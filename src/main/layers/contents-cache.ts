import type { AnalysisProgress, ImageContents } from '../../shared/layers/image-contents';
import type { ImageInventory } from '../../shared/layers/image-inventory';

/**
 * Runs one contents analysis; rejects when `signal` aborts. It hands the image's inventory, taken
 * in the same pass, to `onInventory` before resolving (an analyser that never does serves no
 * inventory requests).
 */
export type AnalyzeById = (
  imageId: string,
  signal: AbortSignal,
  onProgress: (progress: AnalysisProgress) => void,
  onInventory: (inventory: ImageInventory) => void,
) => Promise<ImageContents>;

/** A caller's hold on an analysis: its outcome, and a way to stop listening. */
export interface ContentsRun {
  result: Promise<ImageContents>;
  /** Stops this caller's progress; the run goes on for the others (and for the cache). */
  release(): void;
}

/** Contents analyses keyed by image id: each image is read once, whoever asks and however often. */
export interface ContentsCache {
  /**
   * The analysis of `imageId`: at once when done before, else joined with the run under way, else
   * a new run. `background` runs give way to builds (see `pauseBackground`).
   */
  run(
    imageId: string,
    options: { background: boolean; onProgress?: (progress: AnalysisProgress) => void },
  ): ContentsRun;
  /**
   * The inventory of `imageId`: at once when kept, else from the run under way, else from a new
   * run (inventories are bigger, so fewer are kept than contents: an evicted one is read again).
   */
  inventory(
    imageId: string,
    options: { onProgress?: (progress: AnalysisProgress) => void },
  ): { result: Promise<ImageInventory>; release(): void };
  peek(imageId: string): ImageContents | null;
  isRunning(imageId: string): boolean;
  /** Stops the run for `imageId`; false when none is under way. */
  cancel(imageId: string): boolean;
  /**
   * Stops runs that only background callers wait for and returns their image ids, so they can
   * start again when the engine is free (a build must not share it with a `docker save`).
   */
  pauseBackground(): string[];
  dispose(): void;
}

interface Run {
  controller: AbortController;
  result: Promise<ImageContents>;
  listeners: Set<(progress: AnalysisProgress) => void>;
  foreground: number;
  /** What the run reported, held here too so eviction between report and answer loses nothing. */
  inventory: ImageInventory | null;
}

/** Image ids are content hashes, so a result never goes stale; only the number kept is bounded. */
export function createContentsCache(analyze: AnalyzeById, maxEntries = 8, maxInventories = 4): ContentsCache {
  const done = new Map<string, ImageContents>();
  const inventories = new Map<string, ImageInventory>();
  const runs = new Map<string, Run>();

  const keepInventory = (imageId: string, inventory: ImageInventory): void => {
    inventories.delete(imageId);
    inventories.set(imageId, inventory);
    while (inventories.size > maxInventories) inventories.delete(inventories.keys().next().value!);
  };

  const remember = (imageId: string, contents: ImageContents): void => {
    done.delete(imageId);
    done.set(imageId, contents);
    while (done.size > maxEntries) done.delete(done.keys().next().value!);
  };

  const start = (imageId: string): Run => {
    const controller = new AbortController();
    const listeners = new Set<(progress: AnalysisProgress) => void>();
    let reported: ImageInventory | null = null;
    const result = analyze(
      imageId,
      controller.signal,
      (progress) => {
        for (const listener of listeners) listener(progress);
      },
      (inventory) => {
        reported = inventory;
        keepInventory(imageId, inventory);
      },
    );
    const run: Run = {
      controller,
      result,
      listeners,
      foreground: 0,
      get inventory() {
        return reported;
      },
    };
    runs.set(imageId, run);
    result.then(
      (contents) => {
        if (runs.get(imageId) === run) runs.delete(imageId);
        remember(imageId, contents);
      },
      () => {
        // A failed or cancelled run is forgotten, so the next request tries again.
        if (runs.get(imageId) === run) runs.delete(imageId);
      },
    );
    return run;
  };

  const join = (
    imageId: string,
    background: boolean,
    onProgress?: (progress: AnalysisProgress) => void,
  ): ContentsRun => {
    const run = runs.get(imageId) ?? start(imageId);
    if (onProgress) run.listeners.add(onProgress);
    if (!background) run.foreground++;
    let released = false;
    return {
      result: run.result,
      release: () => {
        if (released) return;
        released = true;
        if (onProgress) run.listeners.delete(onProgress);
        if (!background) run.foreground--;
      },
    };
  };

  return {
    run(imageId, { background, onProgress }) {
      const cached = done.get(imageId);
      if (cached) {
        remember(imageId, cached);
        return { result: Promise.resolve(cached), release: () => undefined };
      }
      return join(imageId, background, onProgress);
    },
    inventory(imageId, { onProgress }) {
      const kept = inventories.get(imageId);
      if (kept) {
        keepInventory(imageId, kept);
        return { result: Promise.resolve(kept), release: () => undefined };
      }
      // Contents kept from an earlier run do not count: the inventory needs a pass of its own.
      const run = runs.get(imageId) ?? start(imageId);
      const hold = join(imageId, false, onProgress);
      const result = hold.result.then(() => {
        if (!run.inventory) throw new Error('The analysis of this image gave no file inventory.');
        return run.inventory;
      });
      return { result, release: hold.release };
    },
    peek: (imageId) => done.get(imageId) ?? null,
    isRunning: (imageId) => runs.has(imageId),
    cancel(imageId) {
      const run = runs.get(imageId);
      run?.controller.abort();
      return run !== undefined;
    },
    pauseBackground() {
      const paused: string[] = [];
      for (const [imageId, run] of runs) {
        if (run.foreground > 0) continue;
        run.controller.abort();
        runs.delete(imageId);
        paused.push(imageId);
      }
      return paused;
    },
    dispose() {
      for (const run of runs.values()) run.controller.abort();
      runs.clear();
      done.clear();
      inventories.clear();
    },
  };
}
