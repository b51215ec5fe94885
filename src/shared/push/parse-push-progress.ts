import type { LayerPush, LayerPushStatus, PushEvent } from './push-model';

/** One message of the engine's push stream (JSON lines). */
interface PushMessage {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  aux?: { Tag?: string; Digest?: string; Size?: number };
  error?: string;
  errorDetail?: { message?: string };
}

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
      const message = raw as PushMessage;
      if (message.error || message.errorDetail?.message) {
        error = message.errorDetail?.message ?? message.error ?? 'The push failed.';
        return [];
      }
      if (message.aux?.Digest && message.aux.Tag !== undefined) {
        return [
          { kind: 'tag-done', tag: message.aux.Tag, digest: message.aux.Digest, size: message.aux.Size ?? 0 },
        ];
      }
      if (!message.id || !message.status) return [];
      const status = layerStatus(message.status);
      if (!status) return [];
      const previous = layers.get(message.id);
      const total = message.progressDetail?.total ?? previous?.total ?? null;
      const reported = message.progressDetail?.current ?? previous?.current ?? 0;
      const layer: LayerPush = {
        id: message.id,
        status,
        current: total !== null ? Math.min(reported, total) : reported,
        total,
        detail: status === 'Mounted' || status === 'Retrying' ? message.status : null,
      };
      layers.set(message.id, layer);
      return [{ kind: 'layer', layer }];
    },
    /** The engine's failure message, if the stream reported one. */
    error: () => error,
    layers: () => [...layers.values()],
  };
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
