import type { LayerPush, LayerPushStatus, PushEvent } from './push-model';
import { isRecord } from '../is-record';

/**
 * Turns the engine's push stream into layer and tag events.
 *
 * Per layer the engine says Preparing, Waiting, Pushing {current,total}, then Pushed, "Layer
 * already exists" or "Mounted from <repo>"; after each tag `{aux: {Tag, Digest, Size}}`.
 * When the registry goes away the engine says "Retrying in N seconds" once a second, up to its
 * max-upload-attempts (5 by default, about 50 s), before the in-stream error.
 * An in-stream `{error}` is the failure (the HTTP status is 200).
 */
export function createPushParser() {
  const layers = new Map<string, LayerPush>();
  let error: string | null = null;

  return {
    push(raw: unknown): PushEvent[] {
      // The stream is the engine's (or a proxy's) JSON: any field may be missing or of another type.
      const message = recordOf(raw);
      const failure = errorOf(message);
      if (failure !== null) {
        error = failure;
        return [];
      }
      const aux = recordOf(message['aux']);
      if (typeof aux['Digest'] === 'string' && aux['Digest'] !== '' && typeof aux['Tag'] === 'string') {
        return [
          { kind: 'tag-done', tag: aux['Tag'], digest: aux['Digest'], size: byteCount(aux['Size']) ?? 0 },
        ];
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
      layers.set(id, layer);
      return [{ kind: 'layer', layer }];
    },
    /** The engine's failure message, if the stream reported one. */
    error: () => error,
    layers: () => [...layers.values()],
  };
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
