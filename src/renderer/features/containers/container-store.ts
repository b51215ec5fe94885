import { useSyncExternalStore } from 'react';
import type { ContainerEvent } from '@shared/containers';
import { createNotifier } from '../../components/create-notifier';

/** One line of a container's output, with the stream it came from. */
export interface OutputLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** A followed container: its output so far and its last known state. */
export interface FollowedContainer {
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
  version: number;
}

/** A stop the user asked for: the engine sends SIGTERM, then SIGKILL after `timeoutSeconds`. */
export interface StopRequest {
  timeoutSeconds: number;
}

/** App-level store of container output streams, keyed by container id. */
export function createContainerStore() {
  const containers = new Map<string, FollowedContainer>();
  // Apart from `containers`: a stop from the list must not look like a followed container.
  const stops = new Map<string, StopRequest>();
  const { notify, subscribe } = createNotifier();
  const fresh = (): FollowedContainer => ({
    lines: [],
    partial: { stdout: '', stderr: '' },
    state: 'created',
    exitCode: null,
    error: null,
    runningSince: null,
    endedAt: null,
    command: null,
    ranMs: null,
    version: 0,
  });

  return {
    /** Forgets earlier output before following again (the engine resends it from the start). */
    reset(id: string): void {
      containers.set(id, fresh());
      notify();
    },
    apply(id: string, event: ContainerEvent): void {
      const container = containers.get(id) ?? fresh();
      if (event.kind === 'output') {
        const pieces = (container.partial[event.stream] + event.text).split('\n');
        container.partial[event.stream] = pieces.pop() ?? '';
        for (const text of pieces)
          container.lines.push({ stream: event.stream, text: text.replace(/\r$/, '') });
      } else {
        container.state = event.state;
        container.exitCode = event.exitCode;
        container.error = event.error;
        if (event.command) container.command = event.command;
        container.ranMs = event.ranMs ?? null;
        if (event.state === 'running') {
          // Started again: an earlier stop says nothing about how this run ends.
          stops.delete(id);
          container.runningSince = Date.now();
          container.endedAt = null;
        } else {
          container.endedAt = Date.now();
          for (const stream of ['stdout', 'stderr'] as const) {
            if (container.partial[stream]) container.lines.push({ stream, text: container.partial[stream] });
            container.partial[stream] = '';
          }
        }
      }
      container.version += 1;
      containers.set(id, { ...container });
      notify();
    },
    /** Remembers a stop and its timeout, to say afterwards why it ended with the code it did. */
    requestStop(id: string, timeoutSeconds: number): void {
      stops.set(id, { timeoutSeconds });
      notify();
    },
    get: (id: string) => containers.get(id),
    stopOf: (id: string) => stops.get(id),
    subscribe,
  };
}

export type ContainerStore = ReturnType<typeof createContainerStore>;

export function useFollowedContainer(store: ContainerStore, id: string): FollowedContainer | undefined {
  return useSyncExternalStore(store.subscribe, () => store.get(id));
}

export function useStopRequest(store: ContainerStore, id: string): StopRequest | undefined {
  return useSyncExternalStore(store.subscribe, () => store.stopOf(id));
}
