/**
 * The engine's side of a terminal: a `docker exec -it` process or an attach to a container's
 * main process, as one hijacked duplex stream (raw bytes both ways: with a TTY the engine does
 * not multiplex stdout and stderr), plus how to resize it and how it ended.
 */
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { fail, ok, type Result } from '../../shared/result';
import { chooseShell } from './choose-shell';
import { exitMessage, type ContainerAfter } from './exit-message';

export interface EngineTerminal {
  stream: Duplex;
  command: string[];
  resize(cols: number, rows: number): Promise<void>;
  /**
   * What closing a terminal window does: a hangup to what runs in it. The engine does not end an
   * exec'd process when its stream closes (moby/moby#9098), so the page closing a tab would
   * otherwise leave its shell running in the container; an attached main process keeps running.
   */
  hangUp(): Promise<void>;
  /** Once the stream has ended: the exit code (null when unknown) and the tab's message. */
  ended(): Promise<{ exitCode: number | null; message: string }>;
}

export interface ExecRequest {
  containerId: string;
  command: string[] | null;
  user: string | null;
  workdir: string | null;
  cols: number;
  rows: number;
}

/** Whether a path exists in the container's filesystem, asked without running anything in it. */
async function existsIn(container: Docker.Container, path: string): Promise<boolean> {
  try {
    await container.infoArchive({ path });
    return true;
  } catch {
    return false;
  }
}

async function containerAfter(container: Docker.Container): Promise<ContainerAfter> {
  try {
    return (await container.inspect()).State.Running ? 'running' : 'stopped';
  } catch (error) {
    return (error as { statusCode?: number }).statusCode === 404 ? 'removed' : 'unknown';
  }
}

/**
 * The container's state once a shell ended. A shell killed by a signal may have been killed by
 * the container stopping, which the engine reports a moment later: ask again for up to a second.
 */
async function settledContainerAfter(
  container: Docker.Container,
  exitCode: number | null,
): Promise<ContainerAfter> {
  for (let attempt = 0; ; attempt++) {
    const after = await containerAfter(container);
    if (after !== 'running' || (exitCode !== null && exitCode < 128) || attempt === 10) return after;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The name of the variable that marks every process of one terminal session (see hangUp). */
const MARK = 'DOCKWRIGHT_TERMINAL';

/**
 * Sends SIGHUP to every process in the container whose environment carries the session's mark:
 * the shell and whatever it started. Plain POSIX sh, as busybox runs it; the mark comes in as $1.
 */
const HANG_UP_SCRIPT = [
  'for p in /proc/[0-9]*; do',
  `  case "$(tr '\\0' '\\n' < "$p/environ" 2>/dev/null)" in`,
  `    *"${MARK}=$1"*) kill -HUP "\${p#/proc/}" 2>/dev/null ;;`,
  '  esac',
  'done',
].join('\n');

/** The container when it runs; a failure the user can act on otherwise. */
async function runningContainer(docker: Docker, id: string): Promise<Result<Docker.ContainerInspectInfo>> {
  let info: Docker.ContainerInspectInfo;
  try {
    info = await docker.getContainer(id).inspect();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404)
      return fail('NOT_FOUND', `There is no container ${id} any more.`);
    throw error;
  }
  if (!info.State.Running)
    return fail('CONFLICT', `The container ${info.Name.replace(/^\//, '')} is not running: start it first.`);
  return ok(info);
}

/** Starts a process with a TTY in a running container (`docker exec -it`). */
export async function execTerminal(docker: Docker, request: ExecRequest): Promise<Result<EngineTerminal>> {
  const running = await runningContainer(docker, request.containerId);
  if (!running.ok) return running;
  const container = docker.getContainer(running.value.Id);
  let command = request.command;
  if (!command) {
    const shell = await chooseShell((path) => existsIn(container, path));
    if (!shell)
      return fail(
        'NOT_FOUND',
        'This image has no shell (/bin/bash, /bin/sh or /busybox/sh): enter a command to run instead.',
        { field: 'command' },
      );
    command = [shell];
  }
  const mark = randomUUID();
  const exec = await container.exec({
    Cmd: command,
    Tty: true,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    // Colours and full-screen programs need to know what draws them; xterm.js is xterm-compatible.
    Env: ['TERM=xterm-256color', `${MARK}=${mark}`],
    ...(request.user ? { User: request.user } : {}),
    ...(request.workdir ? { WorkingDir: request.workdir } : {}),
  });
  const stream = (await exec.start({
    hijack: true,
    stdin: true,
    Tty: true,
    // Engines from API 1.42 size the TTY before the process starts; older ones get the resize below.
    ConsoleSize: [request.rows, request.cols],
  } as Docker.ExecStartOptions)) as Duplex;
  const resize = async (cols: number, rows: number): Promise<void> => {
    await exec.resize({ h: rows, w: cols });
  };
  await resize(request.cols, request.rows).catch(() => undefined);
  return ok({
    stream,
    command,
    resize,
    ended: async () => {
      const exitCode = await exec.inspect().then(
        (info) => (info.Running ? null : info.ExitCode),
        () => null,
      );
      return {
        exitCode,
        message: exitMessage('shell', exitCode, await settledContainerAfter(container, exitCode)),
      };
    },
    hangUp: async () => {
      // As the session's user: reading another user's /proc/<pid>/environ needs CAP_SYS_PTRACE.
      const killer = await container.exec({
        Cmd: ['/bin/sh', '-c', HANG_UP_SCRIPT, 'hang-up', mark],
        AttachStdout: false,
        AttachStderr: false,
        ...(request.user ? { User: request.user } : {}),
      });
      await killer.start({ Detach: true });
    },
  });
}

/**
 * A container whose main process lives only for its terminal (a debug shell): closing the terminal
 * stops it. Closing the attach alone leaves a shell waiting on stdin for ever (measured on 20.10 and
 * 26.1, StdinOnce or not).
 */
export const ENDS_WITH_TERMINAL_LABEL = 'dev.dockwright.ends-with-terminal';

/** Attaches to the main process of a container started with a TTY and open stdin (`docker run -it`). */
export async function attachTerminal(
  docker: Docker,
  containerId: string,
  cols: number,
  rows: number,
): Promise<Result<EngineTerminal>> {
  const running = await runningContainer(docker, containerId);
  if (!running.ok) return running;
  const info = running.value;
  if (!info.Config.Tty || !info.Config.OpenStdin)
    return fail(
      'CONFLICT',
      'This container was not started interactively (with a TTY and stdin): open a terminal into it instead.',
    );
  const container = docker.getContainer(info.Id);
  const stream = (await container.attach({
    stream: true,
    // What the process printed before the page attached (its first prompt) is replayed first.
    logs: true,
    stdin: true,
    stdout: true,
    stderr: true,
    hijack: true,
  })) as unknown as Duplex;
  const resize = async (width: number, height: number): Promise<void> => {
    await container.resize({ h: height, w: width });
  };
  await resize(cols, rows).catch(() => undefined);
  const entrypoint = info.Config.Entrypoint as string | string[] | null | undefined;
  return ok({
    stream,
    hangUp: async () => {
      if (info.Config.Labels?.[ENDS_WITH_TERMINAL_LABEL] === '1') await container.kill();
    },
    command: [...(entrypoint ? [entrypoint].flat() : []), ...(info.Config.Cmd ?? [])],
    resize,
    ended: async () => {
      // The main process ended the stream, so the container is stopping: wait for its exit code.
      const exitCode = await container.wait().then(
        (state: { StatusCode?: number }) => state.StatusCode ?? null,
        () => null,
      );
      const after = await containerAfter(container);
      // An auto-removed container is gone by now; its exit code is still the news.
      return {
        exitCode,
        message: exitMessage(
          'process',
          exitCode,
          after === 'removed' && exitCode !== null ? 'stopped' : after,
        ),
      };
    },
  });
}
