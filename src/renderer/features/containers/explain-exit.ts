import { formatCommand, isBareShell } from '@shared/describe-command';

/** A container that ends within this long after starting "exited at once". */
export const QUICK_EXIT_MS = 3000;

/** What is known about a container's end, for saying why it ended the way it did. */
export interface ExitFacts {
  exitCode: number;
  /** The engine's error text, if any. */
  error: string | null;
  /** How long it ran (ms), when the window saw it start. */
  ranMs: number | null;
  printedNothing: boolean;
  command: readonly string[] | null;
  /** The stop the user asked for, if any. */
  stop: { timeoutSeconds: number } | null;
}

/** A sentence or two for under the exit code; `tone` picks the box it is shown in. */
export interface ExitExplanation {
  tone: 'error' | 'info';
  text: string;
}

/**
 * Why a container ended as it did, in words: a stop that had to kill (137), a kill from outside,
 * a shell that had no terminal to read from, a command that ended at once. Null when an exit code
 * needs no comment (0 after running a while, or a stop the process obeyed).
 */
export function explainExit(facts: ExitFacts): ExitExplanation | null {
  const { exitCode, stop } = facts;
  if (stop) {
    if (exitCode === 137 && stop.timeoutSeconds === 0)
      return {
        tone: 'info',
        text: 'You had it killed at once (SIGKILL): exit code 137 is 128 + 9, signal 9.',
      };
    if (exitCode === 137)
      return {
        tone: 'info',
        text:
          `The process ignored SIGTERM, so after the ${stop.timeoutSeconds} s timeout the engine killed it ` +
          '(SIGKILL): exit code 137 is 128 + 9, signal 9. As process 1 of its container a program gets no ' +
          'default handling of SIGTERM, so a shell-form CMD or a program that does not handle the signal ' +
          'is only ever killed. Make it exit on SIGTERM (an exec-form CMD, or an init such as tini), or ' +
          'choose "Kill now" next time instead of waiting.',
      };
    if (exitCode === 143)
      return { tone: 'info', text: 'It stopped on SIGTERM, as asked: exit code 143 is 128 + 15, signal 15.' };
    return null;
  }
  if (exitCode === 137)
    return {
      tone: 'error',
      text:
        'It was killed (SIGKILL; exit code 137 is 128 + 9): by `docker kill`, by the engine stopping it, ' +
        'or by the kernel because it ran out of memory.',
    };
  const quick = facts.ranMs !== null && facts.ranMs < QUICK_EXIT_MS;
  if (quick && facts.printedNothing) {
    const shown = facts.command && facts.command.length > 0 ? formatCommand(facts.command) : null;
    if (isBareShell(facts.command))
      return {
        tone: exitCode === 0 ? 'info' : 'error',
        text:
          `It ran ${shown}, a shell, and a shell with no terminal exits at once: it reads commands from its ` +
          'input, and a container started here has none. Give it a command (e.g. sh -c "…" or your ' +
          `program), or run it interactively in a terminal: docker run -it <image> ${shown}.`,
      };
    return {
      tone: exitCode === 0 ? 'info' : 'error',
      text:
        `${shown ? `Its command (${shown})` : 'Its command'} ended right after starting without printing ` +
        `anything (exit code ${exitCode}). A server or other long-running program would still be running: ` +
        'check the command.',
    };
  }
  if (quick && exitCode !== 0)
    return {
      tone: 'error',
      text:
        `The container stopped right after starting, with exit code ${exitCode}` +
        `${facts.error ? ` (${facts.error})` : ''}. Its last output is below.`,
    };
  return null;
}
