import type { ContainerEvent } from '@shared/containers';
import type { OperationFold } from '@shared/operations/operation-fold';

/** One line of a container's output, with the stream it came from. */
export interface OutputLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** A stop the user asked for: the engine sends SIGTERM, then SIGKILL after `timeoutSeconds`. */
export interface StopRequest {
  timeoutSeconds: number;
}

/** A container as the renderer knows it: its output so far, its last known state, a stop asked for. */
export interface LiveContainer {
  /** False while all that is known is a stop asked from the list: its output was never followed. */
  followed: boolean;
  lines: OutputLine[];
  partial: { stdout: string; stderr: string };
  state: string;
  exitCode: number | null;
  error: string | null;
  /** When the renderer saw it start (ms), to tell "exited at once" from a normal end. */
  runningSince: number | null;
  endedAt: number | null;
  /** What it runs (entrypoint + cmd), as the engine reported it with its end; null until then. */
  command: string[] | null;
  /** How long its last run lasted (ms), as the main process measured it; null when unknown. */
  ranMs: number | null;
  stop: StopRequest | null;
  version: number;
}

/**
 * The renderer's own container events: `follow` forgets earlier output before following again
 * (the engine resends it from the start); `stop` remembers a stop and its timeout, to say
 * afterwards why it ended with the code it did.
 */
export type ContainerUpdate = ContainerEvent | { kind: 'follow' } | { kind: 'stop'; timeoutSeconds: number };

const fresh = (stop: StopRequest | null, version: number): LiveContainer => ({
  followed: true,
  lines: [],
  partial: { stdout: '', stderr: '' },
  state: 'created',
  exitCode: null,
  error: null,
  runningSince: null,
  endedAt: null,
  command: null,
  ranMs: null,
  stop,
  version,
});

export const containerFold: OperationFold<LiveContainer, ContainerUpdate> = {
  start: (_id, event, now) =>
    event.kind === 'stop'
      ? { ...fresh({ timeoutSeconds: event.timeoutSeconds }, 0), followed: false }
      : containerFold.apply(fresh(null, 0), event, now),
  apply: (current, event, now) => {
    if (event.kind === 'follow') return fresh(current.stop, current.version + 1);
    const container = { ...current, version: current.version + 1 };
    if (event.kind === 'stop') {
      container.stop = { timeoutSeconds: event.timeoutSeconds };
    } else if (event.kind === 'output') {
      container.followed = true;
      container.partial = { ...container.partial };
      const pieces = (container.partial[event.stream] + event.text).split('\n');
      container.partial[event.stream] = pieces.pop() ?? '';
      for (const text of pieces)
        container.lines.push({ stream: event.stream, text: text.replace(/\r$/, '') });
    } else {
      container.followed = true;
      container.state = event.state;
      container.exitCode = event.exitCode;
      container.error = event.error;
      if (event.command) container.command = event.command;
      container.ranMs = event.ranMs ?? null;
      if (event.state === 'running') {
        // Started again: an earlier stop says nothing about how this run ends.
        container.stop = null;
        container.runningSince = now;
        container.endedAt = null;
      } else {
        container.endedAt = now;
        container.partial = { stdout: '', stderr: '' };
        for (const stream of ['stdout', 'stderr'] as const) {
          if (current.partial[stream]) container.lines.push({ stream, text: current.partial[stream] });
        }
      }
    }
    return container;
  },
};
