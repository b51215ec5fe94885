import type Docker from 'dockerode';
import { parseImageReference } from '../../shared/image-reference';
import { createPushParser } from '../../shared/push/parse-push-progress';
import type { PushEvent, PushFailure } from '../../shared/push/push-model';
import { classifyRegistryError } from '../../shared/registry/classify-registry-error';
import { officialImagePushProblem } from '../../shared/registry/registry-name';
import { fail, ok, type Result } from '../../shared/result';
import { engineMessage, isConnectionError } from '../engine/engine-error';
import type { EventSink } from '../../shared/api';
import { DEFAULT_STALL_MS, readWatchingStalls } from '../engine/stall-watchdog';
import type { OperationControls, Operations } from '../operations/operations';
import type { RegistryAuthConfig } from '../registry/login';

export interface PushRunnerDeps {
  operations: Operations;
  emit: EventSink;
  /** Stored credentials for the registry of `reference`, or null when there are none. */
  authFor(reference: string): Promise<RegistryAuthConfig | null>;
  /** Silence from the engine after which the push counts as stalled (default 30 s). */
  stallAfterMs?: number;
}

/** Pushes that keep running while the user navigates; progress goes out as `push:event`s. */
export interface PushRunner extends OperationControls {
  start(input: { reference: string; allTags: boolean }): Promise<Result<{ id: string }>>;
}

export function createPushRunner(deps: PushRunnerDeps): PushRunner {
  const stallAfterMs = deps.stallAfterMs ?? DEFAULT_STALL_MS;

  const run = async (
    docker: Docker,
    id: string,
    reference: string,
    allTags: boolean,
    signal: AbortSignal,
  ): Promise<void> => {
    const emit = (event: PushEvent): void => deps.emit('push:event', { id, event });
    const parsed = parseImageReference(reference);
    const registry = parsed.ok ? parsed.reference.domain : null;
    const { name, tag } = splitForPush(reference);
    const parser = createPushParser();
    try {
      const auth = await deps.authFor(reference);
      // The engine refuses a push without any X-Registry-Auth header; `{}` is what the CLI sends
      // when it has no credentials, letting open registries accept it.
      await readWatchingStalls(
        async () =>
          (await docker.getImage(name).push({
            ...(allTags ? {} : { tag }),
            authconfig: auth ?? {},
            abortSignal: signal,
          } as Docker.ImagePushOptions)) as NodeJS.ReadableStream,
        stallAfterMs,
        emit,
        (message) => {
          parser.push(message).forEach(emit);
          return !parser.repeated();
        },
      );
      const failure = parser.error();
      emit({
        kind: 'finished',
        status: failure ? 'failed' : 'succeeded',
        error: failure ? classifyRegistryError(failure, registry) : null,
      });
    } catch (error) {
      if (signal.aborted) {
        emit({ kind: 'finished', status: 'cancelled', error: null });
        return;
      }
      // The engine, not the registry, is what stopped answering: say so, or the user checks the wrong end.
      const failure: PushFailure = isConnectionError(error)
        ? {
            reason: 'engine-gone',
            message: `The Docker engine went away during the push (${engineMessage(error)}). Push again once it is back; layers the registry already has are not sent twice.`,
            registry,
          }
        : classifyRegistryError(engineMessage(error), registry);
      emit({ kind: 'finished', status: 'failed', error: failure });
    }
  };

  return {
    async start({ reference, allTags }) {
      const engine = deps.operations.engine();
      if (!engine.ok) return engine;
      const parsed = parseImageReference(reference);
      if (!parsed.ok) return fail('VALIDATION', parsed.message, { field: 'reference' });
      const official = officialImagePushProblem(reference, parsed.reference);
      if (official) return fail('VALIDATION', official, { field: 'reference' });
      const id = deps.operations.newId();
      deps.emit('push:event', {
        id,
        event: { kind: 'started', reference, tags: allTags ? [] : [parsed.reference.tag ?? 'latest'] },
      });
      deps.operations.run('push', id, (signal) => run(engine.value, id, reference, allTags, signal));
      return ok({ id });
    },
    ...deps.operations.controls('push'),
  };
}

/** `host:5000/team/app:1.0` → name `host:5000/team/app`, tag `1.0` (the port's colon is not a tag). */
function splitForPush(reference: string): { name: string; tag: string } {
  const withoutDigest = reference.split('@')[0]!;
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > withoutDigest.lastIndexOf('/'))
    return { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) };
  return { name: withoutDigest, tag: 'latest' };
}
