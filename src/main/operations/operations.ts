/**
 * The one registry of long-running operations (builds, pushes, pulls, contents analyses, the
 * background search for wasted bytes): their ids, how to cancel them, which still run, and when
 * each has settled. Runners keep only their own work; cancel goes through an AbortController per
 * operation, as Podman Desktop's cancellation-token registry does (see docs/STYLE §8).
 */
import type Docker from 'dockerode';
import { fail, ok, type Result } from '../../shared/result';
import type { EngineConnection } from '../engine/engine-connection';
import { operationId } from './operation-id';

/** What runs as an operation. `waste` is the background search, never started by the user; `verify` checks a waste fix. */
export type OperationKind = 'build' | 'push' | 'pull' | 'analysis' | 'waste' | 'verify';

/** The work of one operation; it should stop soon after `signal` aborts. */
export type OperationWork = (signal: AbortSignal) => Promise<void>;

/** Cancel, list and await the operations of one kind (what each runner offers its callers). */
export interface OperationControls {
  /** Aborts a running operation; false when none with this id runs. */
  cancel(id: string): boolean;
  /** Ids of the operations still running, oldest first. */
  running(): string[];
  /** Resolves when the operation has settled (at once when it is not running). */
  settled(id: string): Promise<void>;
}

export interface Operations {
  /** The connected engine, or the error every operation answers when there is none. */
  engine(): Result<Docker>;
  /** A fresh id, for work that needs its id before it starts (a build saves its record first). */
  newId(): string;
  /**
   * Runs `work` as operation `id` of `kind` until it settles. One still running under the same
   * kind and id is cancelled first: the newer one is the one that counts.
   */
  run(kind: OperationKind, id: string, work: OperationWork): void;
  /** `run` under a fresh id, which it returns. */
  start(kind: OperationKind, work: OperationWork): string;
  cancel(kind: OperationKind, id: string): boolean;
  running(kind: OperationKind): string[];
  settled(kind: OperationKind, id: string): Promise<void>;
  /** The controls of one kind, for a runner to hand out. */
  controls(kind: OperationKind): OperationControls;
}

interface Active {
  controller: AbortController;
  done: Promise<void>;
}

export function createOperations(deps: {
  connection: Pick<EngineConnection, 'client'>;
  now?: () => number;
}): Operations {
  const now = deps.now ?? Date.now;
  const active = new Map<OperationKind, Map<string, Active>>();
  const ofKind = (kind: OperationKind): Map<string, Active> => {
    let operations = active.get(kind);
    if (!operations) active.set(kind, (operations = new Map()));
    return operations;
  };

  const operations: Operations = {
    engine() {
      const docker = deps.connection.client();
      return docker ? ok(docker) : fail('ENGINE_UNAVAILABLE', 'No Docker engine is connected.');
    },
    newId: () => operationId(now()),
    run(kind, id, work) {
      const running = ofKind(kind);
      running.get(id)?.controller.abort();
      const controller = new AbortController();
      const entry: Active = { controller, done: Promise.resolve() };
      running.set(id, entry);
      // Started at once, as a direct call would: what the work does before its first await
      // (a push's first event) happens before `run` returns.
      let started: Promise<void>;
      try {
        started = work(controller.signal);
      } catch (error) {
        started = Promise.reject(error);
      }
      entry.done = started
        .catch((error: unknown) => {
          // Runners return known failures as events; only a bug lands here.
          console.error(`[dockwright] ${kind} ${id} failed unexpectedly`, error);
        })
        .finally(() => {
          if (running.get(id) === entry) running.delete(id);
        });
    },
    start(kind, work) {
      const id = operations.newId();
      operations.run(kind, id, work);
      return id;
    },
    cancel(kind, id) {
      const operation = active.get(kind)?.get(id);
      operation?.controller.abort();
      return operation !== undefined;
    },
    running: (kind) => [...(active.get(kind)?.keys() ?? [])],
    settled: async (kind, id) => {
      await active.get(kind)?.get(id)?.done;
    },
    controls: (kind) => ({
      cancel: (id) => operations.cancel(kind, id),
      running: () => operations.running(kind),
      settled: (id) => operations.settled(kind, id),
    }),
  };
  return operations;
}
