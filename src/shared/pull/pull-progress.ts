/**
 * Pull progress from the engine's stream: per layer "Pulling fs layer", "Waiting", "Downloading"
 * {current,total}, "Verifying Checksum", "Download complete", "Extracting" {current,total},
 * "Pull complete" or "Already exists"; the end is a "Status: …" line, a failure an in-stream error.
 */

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

interface PullMessage {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

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
      const message = raw as PullMessage;
      if (message.error || message.errorDetail?.message) {
        error = message.errorDetail?.message ?? message.error ?? 'The pull failed.';
        return [];
      }
      if (!message.status) return [];
      if (message.status.startsWith('Status:')) status = message.status.slice('Status:'.length).trim();
      const phase = PHASES.find(([pattern]) => pattern.test(message.status!))?.[1];
      if (!message.id || !phase) return [];
      const previous = layers.get(message.id);
      const total = message.progressDetail?.total ?? (phase === previous?.phase ? previous.total : null);
      const current = message.progressDetail?.current ?? (phase === 'done' ? (total ?? 0) : 0);
      const layer: LayerPull = {
        id: message.id,
        phase,
        status: message.status,
        current: total !== null ? Math.min(current, total) : current,
        total,
      };
      layers.set(message.id, layer);
      return [{ kind: 'layer', layer }];
    },
    result: (): { error: string | null; status: string | null } => ({ error, status }),
  };
}
