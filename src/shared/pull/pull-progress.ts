/**
 * Pull progress from the engine's stream: per layer "Pulling fs layer", "Waiting", "Downloading"
 * {current,total}, "Verifying Checksum", "Download complete", "Extracting" {current,total},
 * "Pull complete" or "Already exists"; the end is a "Status: …" line, a failure an in-stream error.
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
  return {
    push(raw: unknown): PullEvent[] {
      // The stream is the engine's (or a proxy's) JSON: any field may be missing or of another type.
      const message = recordOf(raw);
      const failure = errorOf(message);
      if (failure !== null) {
        error = failure;
        return [];
      }
      const text = message['status'];
      if (typeof text !== 'string' || text === '') return [];
      if (text.startsWith('Status:')) status = text.slice('Status:'.length).trim();
      const phase = PHASES.find(([pattern]) => pattern.test(text))?.[1];
      const id = message['id'];
      if (typeof id !== 'string' || id === '' || !phase) return [];
      const previous = layers.get(id);
      const detail = recordOf(message['progressDetail']);
      const total = byteCount(detail['total']) ?? (phase === previous?.phase ? previous.total : null);
      const current = byteCount(detail['current']) ?? (phase === 'done' ? (total ?? 0) : 0);
      const layer: LayerPull = {
        id,
        phase,
        status: text,
        current: total !== null ? Math.min(current, total) : current,
        total,
      };
      layers.set(id, layer);
      return [{ kind: 'layer', layer }];
    },
    result: (): { error: string | null; status: string | null } => ({ error, status }),
  };
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
