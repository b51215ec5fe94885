/**
 * Push progress as the UI shows it: one bar per layer and one overall, from the engine's stream.
 */

/**
 * Where one layer is in the push; the words are the engine's. "Already exists" is the containerd
 * store's word for a blob other than a layer (an attestation's, say) the registry already has.
 */
export type LayerPushStatus =
  | 'Preparing'
  | 'Waiting'
  | 'Pushing'
  | 'Pushed'
  | 'Layer already exists'
  | 'Already exists'
  | 'Mounted'
  | 'Retrying';

export interface LayerPush {
  id: string;
  status: LayerPushStatus;
  /** Bytes sent; clamped to `total` (the engine can report current > total). */
  current: number;
  total: number | null;
  /** "Mounted from library/x" keeps where it came from; "Retrying in 10 seconds" when it will. */
  detail: string | null;
}

/** One push, tagged by its id on the `push:event` channel. */
export type PushEvent =
  | { kind: 'started'; reference: string; tags: string[] }
  | { kind: 'layer'; layer: LayerPush }
  | { kind: 'tag-done'; tag: string; digest: string; size: number }
  /** The engine has said nothing for `silentMs`: a frozen registry or network never errors. */
  | { kind: 'stalled'; silentMs: number }
  | { kind: 'resumed' }
  | { kind: 'finished'; status: 'succeeded' | 'failed' | 'cancelled'; error: PushFailure | null };

/** Why a push failed, with what the user can do about it. */
export interface PushFailure {
  reason: 'unauthorized' | 'denied' | 'name-unknown' | 'unreachable' | 'not-found' | 'engine-gone' | 'other';
  message: string;
  /** The registry to log in to when that is the fix. */
  registry: string | null;
}

/** A layer is finished when it is on the registry, whichever way it got there. */
export function isLayerDone(layer: LayerPush): boolean {
  return (
    layer.status === 'Pushed' ||
    layer.status === 'Layer already exists' ||
    layer.status === 'Already exists' ||
    layer.status === 'Mounted'
  );
}

/**
 * Overall progress over all layers: finished layers count whole. `fraction` is bytes sent over
 * bytes to send while every unfinished layer's size is known; until then it is the mean of the
 * layers' own fractions, so a layer of unknown size cannot make a stuck push look complete.
 */
export function overallProgress(layers: readonly LayerPush[]): {
  current: number;
  total: number;
  done: number;
  fraction: number;
} {
  let current = 0;
  let total = 0;
  let done = 0;
  let sizesKnown = true;
  let fractionSum = 0;
  for (const layer of layers) {
    const size = layer.total ?? 0;
    total += size;
    if (isLayerDone(layer)) {
      current += size;
      done += 1;
      fractionSum += 1;
    } else {
      current += Math.min(layer.current, size);
      if (layer.total === null) sizesKnown = false;
      fractionSum += layer.total ? Math.min(layer.current, layer.total) / layer.total : 0;
    }
  }
  if (layers.length === 0) return { current, total, done, fraction: 0 };
  const fraction = sizesKnown && total > 0 ? current / total : fractionSum / layers.length;
  return { current, total, done, fraction };
}
