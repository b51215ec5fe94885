import type Docker from 'dockerode';
import { parseImageReference } from '../../shared/image-reference';
import { createPullParser, type PullEvent } from '../../shared/pull/pull-progress';
import { classifyRegistryError, describePullFailure } from '../../shared/registry/classify-registry-error';
import { ok, type Result } from '../../shared/result';
import { engineMessage, isConnectionError } from '../engine/engine-error';
import { DEFAULT_STALL_MS, readWatchingStalls } from '../engine/stall-watchdog';
import type { OperationControls, Operations } from '../operations/operations';
import type { EventSink } from '../../shared/api';
import type { RegistryAuthConfig } from '../registry/login';

/** Pulls with per-layer progress as `pull:event`s, using the stored login of the image's registry. */
export interface PullRunner extends OperationControls {
  start(reference: string): Promise<Result<{ id: string }>>;
}

export function createPullRunner(deps: {
  operations: Operations;
  emit: EventSink;
  authFor(reference: string): Promise<RegistryAuthConfig | null>;
  /** Silence from the engine after which the pull counts as stalled (default 30 s). */
  stallAfterMs?: number;
}): PullRunner {
  const stallAfterMs = deps.stallAfterMs ?? DEFAULT_STALL_MS;

  const run = async (docker: Docker, id: string, reference: string, signal: AbortSignal): Promise<void> => {
    const emit = (event: PullEvent): void => deps.emit('pull:event', { id, event });
    const parser = createPullParser();
    const registry = (() => {
      const parsed = parseImageReference(reference);
      return parsed.ok ? parsed.reference.domain : null;
    })();
    try {
      const auth = await deps.authFor(reference);
      // Credentials go as the 4th argument (X-Registry-Auth header); inside the options dockerode
      // would also put them in the query string.
      const pull = docker.pull as unknown as (
        reference: string,
        options: object,
        callback: undefined,
        auth?: RegistryAuthConfig,
      ) => Promise<NodeJS.ReadableStream>;
      await readWatchingStalls(
        () => pull.call(docker, reference, { abortSignal: signal }, undefined, auth ?? undefined),
        stallAfterMs,
        emit,
        (message) => {
          parser.push(message).forEach(emit);
          return !parser.repeated();
        },
      );
      const { error, status } = parser.result();
      emit(
        error
          ? {
              kind: 'finished',
              status: 'failed',
              message: classifyRegistryError(error, registry, 'pull').message,
            }
          : { kind: 'finished', status: 'succeeded', message: status ?? `Pulled ${reference}.` },
      );
    } catch (error) {
      emit(
        signal.aborted
          ? { kind: 'finished', status: 'cancelled', message: 'Pull cancelled.' }
          : {
              kind: 'finished',
              status: 'failed',
              message: isConnectionError(error)
                ? `The Docker engine went away during the pull (${engineMessage(error)}). Pull again once it is back; layers it already has are kept.`
                : describePullFailure(engineMessage(error), reference, registry),
            },
      );
    }
  };

  return {
    async start(reference) {
      const engine = deps.operations.engine();
      if (!engine.ok) return engine;
      const id = deps.operations.newId();
      deps.emit('pull:event', { id, event: { kind: 'started', reference } });
      deps.operations.run('pull', id, (signal) => run(engine.value, id, reference, signal));
      return ok({ id });
    },
    ...deps.operations.controls('pull'),
  };
}
