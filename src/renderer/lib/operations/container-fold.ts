import type { ContainerEvent } from '@shared/containers';
import { appendTaggedLines, emptyLog, type LogLines } from '@shared/operations/log-lines';
import type { OperationFold } from '@shared/operations/operation-fold';

/** How a line of `output` is tagged with the stream it came from. */
export const STREAM_TAG = { stdout: 0, stderr: 1 } as const;

/** A stop the user asked for: the engine sends SIGTERM, then SIGKILL after `timeoutSeconds`. */
export interface StopRequest {
  timeoutSeconds: number;
}

/** A container as the renderer knows it: its output so far, its last known state, a stop asked for. */
export interface LiveContainer {
  /** False while all that is known is a stop asked from the list: its output was never followed. */
  followed: boolean;
  /** Whole lines, stdout and stderr as they came, each tagged with its stream (STREAM_TAG). */
  output: LogLines;
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
  output: emptyLog(),
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
      const text = container.partial[event.stream] + event.text;
      const end = text.lastIndexOf('\n');
      container.partial = { ...container.partial, [event.stream]: text.slice(end + 1) };
      if (end >= 0)
        container.output = appendTaggedLines(
          container.output,
          text.slice(0, end + 1),
          STREAM_TAG[event.stream],
        );
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
          if (current.partial[stream])
            container.output = appendTaggedLines(
              container.output,
              `${current.partial[stream]}\n`,
              STREAM_TAG[stream],
            );
        }
      }
    }
    return container;
  },
};
