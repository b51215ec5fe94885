import type Docker from 'dockerode';
import type { ContainerDetails, ContainerEvent, ContainerSummary } from '../../shared/containers';
import { fail, ok, type Result } from '../../shared/result';
import type { EngineConnection } from '../engine/engine-connection';
import { engineMessage, isConnectionError } from '../engine/engine-error';
import { withEngine } from '../engine/with-engine';
import type { EventSink } from '../../shared/api';
import {
  createContainer,
  followContainer,
  listContainers,
  runDefaults,
  waitForExit,
  inspectContainer,
} from './containers';
import type { RunRequest } from '../../shared/run-request';
import { isHostPortFree, suggestHostPort } from './host-ports';

/** Runs containers and streams their output as `containers:event`s, one follower per container. */
export interface ContainerRunner {
  run(request: RunRequest): Promise<Result<{ id: string; name: string }>>;
  /** Streams a container's output from the start (reopening any container's output). */
  follow(id: string): Promise<Result<null>>;
  unfollow(id: string): void;
  defaults(image: string): Promise<Result<Awaited<ReturnType<typeof runDefaults>>>>;
  list(all: boolean): Promise<Result<ContainerSummary[]>>;
  inspect(id: string): Promise<Result<ContainerDetails>>;
  stop(id: string, timeoutSeconds: number): Promise<Result<null>>;
  start(id: string): Promise<Result<null>>;
  restart(id: string): Promise<Result<null>>;
  remove(id: string): Promise<Result<null>>;
  dispose(): void;
}

/** What a container runs: its entrypoint, then its cmd (as the engine joins them). */
function commandOf(info: Docker.ContainerInspectInfo): string[] {
  const entrypoint = info.Config.Entrypoint as string | string[] | null | undefined;
  return [...(entrypoint ? [entrypoint].flat() : []), ...(info.Config.Cmd ?? [])];
}

export function createContainerRunner(deps: {
  connection: EngineConnection;
  emit: EventSink;
}): ContainerRunner {
  const followers = new Map<string, () => void>();
  // Whether the exit being waited for has come: an instant exit can be heard before `start`
  // returns, and "running" must not be announced after it.
  const exited = new Map<string, boolean>();
  const emit = (id: string, event: ContainerEvent): void => deps.emit('containers:event', { id, event });

  const withDocker = <T>(work: (docker: Docker) => Promise<Result<T>>) => withEngine(deps.connection, work);

  const watch = async (docker: Docker, id: string, mode: 'attach' | 'logs'): Promise<void> => {
    followers.get(id)?.();
    const stop = await followContainer(docker, id, (event) => emit(id, event), mode);
    followers.set(id, stop);
  };

  /** `starting`: called right before the start request, so the run time can be told with the exit. */
  const reportExit = (docker: Docker, id: string, command: string[], starting: boolean): void => {
    exited.set(id, false);
    const since = Date.now();
    waitForExit(docker, id).then(
      ({ exitCode, error }) => {
        exited.set(id, true);
        const ran = starting ? { ranMs: Date.now() - since } : {};
        emit(id, { kind: 'state', state: 'exited', exitCode, error, command, ...ran });
        followers.get(id)?.();
        followers.delete(id);
      },
      (error: unknown) => {
        // Without the engine nobody can say whether the container still runs: say that, not "running".
        if (!isConnectionError(error)) return;
        emit(id, {
          kind: 'state',
          state: 'unknown',
          exitCode: null,
          error: `Lost the Docker engine while watching this container (${engineMessage(error)}). Open it again once the engine is back.`,
        });
        followers.get(id)?.();
        followers.delete(id);
      },
    );
  };

  const announceRunning = (id: string): void => {
    if (!exited.get(id)) emit(id, { kind: 'state', state: 'running', exitCode: null, error: null });
  };

  return {
    run: (request) =>
      withDocker(async (docker) => {
        for (const [index, mapping] of request.ports.entries()) {
          if (!(await isHostPortFree(mapping.hostPort))) {
            const other = await suggestHostPort(mapping.hostPort + 1);
            return fail(
              'VALIDATION',
              `Port ${mapping.hostPort} is already in use on this machine${other ? `; ${other} is free` : ''}.`,
              {
                field: `ports.${index}.hostPort`,
              },
            );
          }
        }
        let container: Docker.Container;
        try {
          container = await createContainer(docker, request);
        } catch (error) {
          const message = engineMessage(error);
          if (/no command specified/i.test(message)) {
            return fail('VALIDATION', 'This image has no command to run (no CMD or ENTRYPOINT): enter one.', {
              field: 'command',
            });
          }
          if (/is already in use by container/i.test(message)) {
            return fail(
              'VALIDATION',
              `The name "${request.name}" is taken by another container; choose another or leave it empty.`,
              {
                field: 'name',
              },
            );
          }
          throw error;
        }
        // Inspected before it starts: an auto-removed container that exits at once is gone after.
        const created = await container.inspect();
        await watch(docker, container.id, 'attach');
        reportExit(docker, container.id, commandOf(created), true);
        try {
          await container.start();
        } catch (error) {
          followers.get(container.id)?.();
          followers.delete(container.id);
          await container.remove({ force: true }).catch(() => undefined);
          const message = engineMessage(error);
          const port = /(?:0\.0\.0\.0|\[::\]|\*):(\d+)/.exec(message)?.[1];
          if (/port is already allocated|address already in use/i.test(message)) {
            const index = request.ports.findIndex((mapping) => String(mapping.hostPort) === port);
            return fail(
              'VALIDATION',
              `Port ${port ?? ''} is already in use: ${message}`,
              index >= 0 ? { field: `ports.${index}.hostPort` } : {},
            );
          }
          return fail('ENGINE_ERROR', `The container could not start: ${message}`);
        }
        announceRunning(container.id);
        return ok({ id: container.id, name: created.Name.replace(/^\//, '') || container.id.slice(0, 12) });
      }),
    follow: (id) =>
      withDocker(async (docker) => {
        const info = await docker.getContainer(id).inspect();
        await watch(docker, id, 'logs');
        if (info.State.Running) {
          emit(id, { kind: 'state', state: 'running', exitCode: null, error: null });
          reportExit(docker, id, commandOf(info), false);
        } else
          emit(id, {
            kind: 'state',
            state: info.State.Status,
            exitCode: info.State.ExitCode,
            error: info.State.Error || null,
            command: commandOf(info),
          });
        return ok(null);
      }),
    unfollow: (id) => {
      followers.get(id)?.();
      followers.delete(id);
    },
    defaults: (image) => withDocker(async (docker) => ok(await runDefaults(docker, image))),
    list: (all) => withDocker(async (docker) => ok(await listContainers(docker, all))),
    inspect: (id) => withDocker(async (docker) => ok(await inspectContainer(docker, id))),
    stop: (id, timeoutSeconds) =>
      withDocker(async (docker) => {
        // The engine sends SIGTERM, then SIGKILL after the timeout: a graceful stop with a deadline.
        await docker
          .getContainer(id)
          .stop({ t: timeoutSeconds })
          .catch((error: { statusCode?: number }) => {
            if (error.statusCode !== 304) throw error;
          });
        return ok(null);
      }),
    start: (id) =>
      withDocker(async (docker) => {
        const info = await docker.getContainer(id).inspect();
        await watch(docker, id, 'attach');
        reportExit(docker, id, commandOf(info), true);
        await docker.getContainer(id).start();
        announceRunning(id);
        return ok(null);
      }),
    restart: (id) =>
      withDocker(async (docker) => {
        await docker.getContainer(id).restart({ t: 10 });
        const info = await docker.getContainer(id).inspect();
        await watch(docker, id, 'logs');
        reportExit(docker, id, commandOf(info), false);
        announceRunning(id);
        return ok(null);
      }),
    remove: (id) =>
      withDocker(async (docker) => {
        followers.get(id)?.();
        followers.delete(id);
        exited.delete(id);
        await docker.getContainer(id).remove({ force: true });
        return ok(null);
      }),
    dispose: () => {
      followers.forEach((stop) => stop());
      followers.clear();
      exited.clear();
    },
  };
}
