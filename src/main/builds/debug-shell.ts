/*
 * The container a debug shell runs in (issue #18): the debug image (its WORKDIR, ENV and USER are
 * the step's), started with a TTY and stdin open so the terminal attaches to its shell. The shell
 * first prints the step that was left out, read from an environment variable so no text of the
 * Dockerfile is ever parsed by a shell. The container removes itself when the shell exits, and the
 * shell exits when its terminal closes.
 */
import type Docker from 'dockerode';
import { fail, ok, type Result } from '../../shared/result';
import { STARTED_LABEL } from '../run/containers';
import { ENDS_WITH_TERMINAL_LABEL } from '../terminal/engine-terminal';
import { DEBUG_LABEL } from './debug-build';

/** What the shell prints before its prompt (POSIX sh: the debug image may have nothing else). */
const BANNER =
  'if [ -n "$DW_PENDING" ]; then printf "\\nDockwright: the shell is where this step was about to run (it was not run):\\n\\n  %s\\n\\n" "$DW_PENDING"; ' +
  'if [ -n "$DW_PENDING_COMMAND" ]; then printf "Paste the command to see what it does:\\n\\n  %s\\n\\n" "$DW_PENDING_COMMAND"; fi; fi; ' +
  'exec /bin/sh';

export async function startDebugShell(
  docker: Docker | null,
  request: { image: string; pending: string | null; pendingCommand: string | null },
): Promise<Result<{ containerId: string }>> {
  if (!docker) return fail('ENGINE_UNAVAILABLE', 'No engine is connected.');
  const env = [
    ...(request.pending ? [`DW_PENDING=${request.pending}`] : []),
    ...(request.pendingCommand ? [`DW_PENDING_COMMAND=${request.pendingCommand}`] : []),
  ];
  try {
    const container = await docker.createContainer({
      Image: request.image,
      Entrypoint: ['/bin/sh', '-c', BANNER],
      Cmd: [],
      Env: env,
      Tty: true,
      OpenStdin: true,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      // Listed with the containers Dockwright started, and marked as a debug shell.
      Labels: { [DEBUG_LABEL]: request.image, [STARTED_LABEL]: '1', [ENDS_WITH_TERMINAL_LABEL]: '1' },
      HostConfig: { AutoRemove: true },
    });
    await container.start();
    return ok({ containerId: container.id });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/no such file or directory|executable file not found/i.test(message))
      return fail('ENGINE_ERROR', `The image ${request.image} has no /bin/sh to open a shell with.`);
    return fail('ENGINE_ERROR', `The debug shell could not start: ${message}`);
  }
}
