/**
 * Push progress as the UI shows it: one bar per layer and one overall, from the engine's stream.
 */

/** Where one layer is in the push; the words are the engine's. */
export type LayerPushStatus =
  'Preparing' | 'Waiting' | 'Pushing' | 'Pushed' | 'Layer already exists' | 'Mounted' | 'Retrying';

export interface LayerPush {
  id: string;
  status: LayerPushStatus;
  /** Bytes sent; clamped to `total` (the engine can report current > total). */
  current: number;
  total: number | null;
  /** "Mounted from library/x" keeps where it came from. */
  detail: string | null;
}

/** One push, tagged by its id on the `push:event` channel. */
export type PushEvent =
  | { kind: 'started'; reference: string; tags: string[] }
  | { kind: 'layer'; layer: LayerPush }
  | { kind: 'tag-done'; tag: string; digest: string; size: number }
  | { kind: 'finished'; status: 'succeeded' | 'failed' | 'cancelled'; error: PushFailure | null };

/** Why a push failed, with what the user can do about it. */
export interface PushFailure {
  reason: 'unauthorized' | 'denied' | 'name-unknown' | 'unreachable' | 'not-found' | 'other';
  message: string;
  /** The registry to log in to when that is the fix. */
  registry: string | null;
}

/** A layer is finished when it is on the registry, whichever way it got there. */
export function isLayerDone(layer: LayerPush): boolean {
  return layer.status === 'Pushed' || layer.status === 'Layer already exists' || layer.status === 'Mounted';
}

/**
 * Overall progress over all layers: finished layers count whole; layers whose size is not known
 * yet count as zero of zero, so the bar never runs backwards by more than a new layer's size.
 */
export function overallProgress(layers: readonly LayerPush[]): {
  current: number;
  total: number;
  done: number;
} {
  let current = 0;
  let total = 0;
  let done = 0;
  for (const layer of layers) {
    const size = layer.total ?? 0;
    total += size;
    if (isLayerDone(layer)) {
      current += size;
      done += 1;
    } else {
      current += Math.min(layer.current, size);
    }
  }
  return { current, total, done };
}
