import { isLayerDone, type LayerPush, type LayerPushStatus, type PushEvent } from './push-model';
import { isRecord } from '../is-record';

/**
 * Turns the engine's push stream into layer and tag events.
 *
 * Per layer engine 20.10 says Preparing, Waiting, Pushing {current,total}, then Pushed, "Layer
 * already exists" or "Mounted from <repo>"; after each tag the status line
 * `<tag>: digest: <digest> size: <n>` and then `{aux: {Tag, Digest, Size}}`. When the registry
 * goes away it says "Retrying in N seconds" once a second, up to its max-upload-attempts (5 by
 * default, about 50 s), before the in-stream error.
 *
 * The containerd image store (26.1) polls instead: every 100 ms it repeats each layer's state
 * (Waiting, Pushing, then Pushed, "Layer already exists", "Mounted from", or "Already exists" for
 * a blob that is not a layer), never says Preparing, never retries, and sends no aux: the status
 * line alone names the digest it pushed, the image index's when the image has one. That line is
 * the digest the registry serves for the tag on both engines. Its poll stops when the push returns,
 * so a quick layer's last word can be Waiting or Pushing: the tag's digest finishes those.
 *
 * An in-stream `{error}` is the failure (the HTTP status is 200).
 */
export function createPushParser() {
  const layers = new Map<string, LayerPush>();
  const tagsDone = new Set<string>();
  let error: string | null = null;
  let repeated = false;

  return {
    push(raw: unknown): PushEvent[] {
      repeated = false;
      // The stream is the engine's (or a proxy's) JSON: any field may be missing or of another type.
      const message = recordOf(raw);
      const failure = errorOf(message);
      if (failure !== null) {
        error = failure;
        return [];
      }
      const done = tagDoneOf(message);
      if (done) {
        // Engine 20.10 says it twice (status line, then aux): one tag, one event.
        const key = `${done.tag}\n${done.digest}`;
        if (tagsDone.has(key)) return [];
        tagsDone.add(key);
        return [...finishLayers(layers), done];
      }
      const id = message['id'];
      if (typeof id !== 'string' || id === '' || typeof message['status'] !== 'string') return [];
      const status = layerStatus(message['status']);
      if (!status) return [];
      const previous = layers.get(id);
      const detail = recordOf(message['progressDetail']);
      const total = byteCount(detail['total']) ?? previous?.total ?? null;
      const reported = byteCount(detail['current']) ?? previous?.current ?? 0;
      const layer: LayerPush = {
        id,
        status,
        current: total !== null ? Math.min(reported, total) : reported,
        total,
        detail: status === 'Mounted' || status === 'Retrying' ? message['status'] : null,
      };
      if (previous && sameLayer(previous, layer)) {
        repeated = true;
        return [];
      }
      layers.set(id, layer);
      return [{ kind: 'layer', layer }];
    },
    /**
     * The last message only said again what an earlier one had (the containerd store repeats every
     * layer's state every 100 ms, also while the registry hangs): it is no sign of progress.
     */
    repeated: () => repeated,
    /** The engine's failure message, if the stream reported one. */
    error: () => error,
    layers: () => [...layers.values()],
  };
}

const DIGEST_LINE = /^(\w[\w.-]{0,127}): digest: (sha256:[0-9a-f]{64}) size: (\d+)$/;

function tagDoneOf(message: Record<string, unknown>): Extract<PushEvent, { kind: 'tag-done' }> | null {
  const aux = recordOf(message['aux']);
  if (typeof aux['Digest'] === 'string' && aux['Digest'] !== '' && typeof aux['Tag'] === 'string') {
    return { kind: 'tag-done', tag: aux['Tag'], digest: aux['Digest'], size: byteCount(aux['Size']) ?? 0 };
  }
  const status = message['status'];
  const line = typeof status === 'string' && !message['id'] ? DIGEST_LINE.exec(status) : null;
  if (!line) return null;
  return { kind: 'tag-done', tag: line[1]!, digest: line[2]!, size: byteCount(Number(line[3])) ?? 0 };
}

/**
 * The registry took the tag's manifest, which it accepts only once it holds every blob: every
 * layer so far is there. 26.1 stops its 100 ms progress poll when the push returns, so its last
 * word on a quick layer is often Waiting or Pushing; 20.10 has said Pushed (or the like) already.
 */
function finishLayers(layers: Map<string, LayerPush>): PushEvent[] {
  const events: PushEvent[] = [];
  for (const layer of layers.values()) {
    if (isLayerDone(layer)) continue;
    const done: LayerPush = {
      ...layer,
      status: 'Pushed',
      current: layer.total ?? layer.current,
      detail: null,
    };
    layers.set(layer.id, done);
    events.push({ kind: 'layer', layer: done });
  }
  return events;
}

function sameLayer(a: LayerPush, b: LayerPush): boolean {
  return a.status === b.status && a.current === b.current && a.total === b.total && a.detail === b.detail;
}

function errorOf(message: Record<string, unknown>): string | null {
  const detail = recordOf(message['errorDetail'])['message'];
  if (typeof detail === 'string' && detail !== '') return detail;
  const text = message['error'];
  if (typeof text === 'string' && text !== '') return text;
  // An error of another type still means the push failed.
  return message['error'] || detail ? 'The push failed.' : null;
}

/**
 * A byte count, or null for anything else: a negative count, or one past 2^53 (Infinity among
 * them), would make fractions negative and sums Infinity, and Infinity over Infinity is NaN.
 */
function byteCount(value: unknown): number | null {
  return typeof value === 'number' && value >= 0 && value <= Number.MAX_SAFE_INTEGER ? value : null;
}

function recordOf(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function layerStatus(status: string): LayerPushStatus | null {
  if (status.startsWith('Mounted from')) return 'Mounted';
  if (status.startsWith('Retrying')) return 'Retrying';
  switch (status) {
    case 'Already exists':
    case 'Preparing':
    case 'Waiting':
    case 'Pushing':
    case 'Pushed':
    case 'Layer already exists':
      return status;
    default:
      return null;
  }
}
