/**
 * Pull progress from the engine's stream. Engine 20.10 says, per layer, "Pulling fs layer",
 * "Waiting", "Downloading" {current,total}, "Verifying Checksum", "Download complete", "Extracting"
 * {current,total}, "Pull complete" or "Already exists". The containerd image store (26.1) says
 * only "Pulling fs layer", "Downloading", "Download complete" and "Already exists", restating each
 * every 100 ms, and unpacks without a word. On both the end is a "Status: …" line, which comes
 * only once the image is complete, so every layer is done then; a failure is an in-stream error.
 */
import { isRecord } from '../is-record';

export type LayerPullPhase = 'waiting' | 'downloading' | 'extracting' | 'done';

/** One layer of a pull. */
export interface LayerPull {
  id: string;
  phase: LayerPullPhase;
  /** The engine's own words for the current state. */
  status: string;
  current: number;
  total: number | null;
}

/** One pull, tagged by its id on the `pull:event` channel. */
export type PullEvent =
  | { kind: 'started'; reference: string }
  | { kind: 'layer'; layer: LayerPull }
  /** The engine has said nothing for `silentMs` (a hung registry never errors). */
  | { kind: 'stalled'; silentMs: number }
  | { kind: 'resumed' }
  | { kind: 'finished'; status: 'succeeded' | 'failed' | 'cancelled'; message: string };

const PHASES: [RegExp, LayerPullPhase][] = [
  [/^(Pull complete|Already exists)/, 'done'],
  [/^Extracting/, 'extracting'],
  [/^(Downloading|Verifying Checksum|Download complete)/, 'downloading'],
  [/^(Pulling fs layer|Waiting|Retrying)/, 'waiting'],
];

/** Turns the pull stream into layer events; `result()` says how it ended. */
export function createPullParser() {
  const layers = new Map<string, LayerPull>();
  let error: string | null = null;
  let status: string | null = null;
  let repeated = false;
  return {
    push(raw: unknown): PullEvent[] {
      repeated = false;
      // The stream is the engine's (or a proxy's) JSON: any field may be missing or of another type.
      const message = recordOf(raw);
      const failure = errorOf(message);
      if (failure !== null) {
        error = failure;
        return [];
      }
      const text = message['status'];
      if (typeof text !== 'string' || text === '') return [];
      if (text.startsWith('Status:')) {
        status = text.slice('Status:'.length).trim();
        return finishLayers(layers);
      }
      const phase = PHASES.find(([pattern]) => pattern.test(text))?.[1];
      const id = message['id'];
      if (typeof id !== 'string' || id === '' || !phase) return [];
      const previous = layers.get(id);
      const detail = recordOf(message['progressDetail']);
      const total = byteCount(detail['total']) ?? (phase === previous?.phase ? previous.total : null);
      // "Download complete" (and 20.10's checksum step) come without counts: the whole layer is here.
      const whole = phase === 'done' || /^(Download complete|Verifying Checksum)/.test(text);
      const current = byteCount(detail['current']) ?? (whole ? (total ?? 0) : 0);
      const layer: LayerPull = {
        id,
        phase,
        status: text,
        current: total !== null ? Math.min(current, total) : current,
        total,
      };
      if (previous && sameLayer(previous, layer)) {
        repeated = true;
        return [];
      }
      layers.set(id, layer);
      return [{ kind: 'layer', layer }];
    },
    /** The last message only restated a layer's state: no sign that the pull is moving. */
    repeated: () => repeated,
    result: (): { error: string | null; status: string | null } => ({ error, status }),
  };
}

/**
 * The engine has the whole image: layers it last left downloaded (the containerd store never says
 * more) are in it too, in 20.10's words for that.
 */
function finishLayers(layers: Map<string, LayerPull>): PullEvent[] {
  const events: PullEvent[] = [];
  for (const layer of layers.values()) {
    if (layer.phase === 'done') continue;
    const size = layer.total ?? layer.current;
    const done: LayerPull = { ...layer, phase: 'done', status: 'Pull complete', current: size, total: size };
    layers.set(layer.id, done);
    events.push({ kind: 'layer', layer: done });
  }
  return events;
}

function sameLayer(a: LayerPull, b: LayerPull): boolean {
  return a.phase === b.phase && a.status === b.status && a.current === b.current && a.total === b.total;
}

function errorOf(message: Record<string, unknown>): string | null {
  const detail = recordOf(message['errorDetail'])['message'];
  if (typeof detail === 'string' && detail !== '') return detail;
  const text = message['error'];
  if (typeof text === 'string' && text !== '') return text;
  // An error of another type still means the pull failed.
  return message['error'] || detail ? 'The pull failed.' : null;
}

/**
 * A byte count, or null for anything else: a negative count, or one past 2^53 (Infinity among
 * them), would give bars below zero and totals of Infinity.
 */
function byteCount(value: unknown): number | null {
  return typeof value === 'number' && value >= 0 && value <= Number.MAX_SAFE_INTEGER ? value : null;
}

function recordOf(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
