/** Containers as the Run screen and the Containers view show them. */

/** A port published from a container to the host. */
export interface PortMapping {
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp';
}

/** One container, started by Dockwright or not. */
export interface ContainerSummary {
  id: string;
  name: string;
  image: string;
  imageId: string;
  /** The engine's state word: created, running, exited, paused, restarting, removing, dead. */
  state: string;
  /** The engine's human status, e.g. "Up 3 minutes", "Exited (3) 2 seconds ago". */
  status: string;
  ports: PortMapping[];
  created: number;
  startedByDockwright: boolean;
  autoRemove: boolean;
}

/** What the Run form is prefilled with from the image's config. */
export interface RunDefaults {
  image: string;
  exposedPorts: { containerPort: number; protocol: 'tcp' | 'udp'; suggestedHostPort: number }[];
  env: string[];
  cmd: string[] | null;
  entrypoint: string[] | null;
  workingDir: string;
  user: string;
}

/** Output and state changes of a followed container. */
export type ContainerEvent =
  | { kind: 'output'; stream: 'stdout' | 'stderr'; text: string }
  | {
      kind: 'state';
      state: string;
      exitCode: number | null;
      error: string | null;
      /**
       * What the container runs (entrypoint + cmd), sent with its end: an auto-removed container
       * can no longer be inspected to explain why it ended at once.
       */
      command?: string[];
      /**
       * How long it ran (ms), with an exit Dockwright started and waited for: that exit can arrive
       * before the start request returns, so before any "running" event.
       */
      ranMs?: number;
    };

/**
 * Splits a command line the way a POSIX shell splits words (quotes and backslashes), so a command
 * override typed as text reaches the engine as the exec-form array the user meant.
 */
export function splitCommandLine(
  text: string,
): { ok: true; words: string[] } | { ok: false; message: string } {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quote === "'") {
      if (char === "'") quote = null;
      else current += char;
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = null;
      else if (char === '\\' && index + 1 < text.length && '"\\$`'.includes(text[index + 1]!))
        current += text[++index];
      else current += char;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === '\\' && index + 1 < text.length) {
      current += text[++index];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote)
    return {
      ok: false,
      message: `The command has an unclosed ${quote === '"' ? 'double' : 'single'} quote.`,
    };
  if (inWord) words.push(current);
  return { ok: true, words };
}

/** What `docker inspect` says about a container, the parts people look for. */
export interface ContainerDetails {
  id: string;
  name: string;
  image: string;
  command: string[];
  env: string[];
  workingDir: string;
  user: string;
  ports: PortMapping[];
  mounts: { type: string; source: string; target: string; readOnly: boolean }[];
  state: { status: string; exitCode: number; startedAt: string; finishedAt: string; error: string };
  created: string;
  restartCount: number;
  autoRemove: boolean;
  /** Started with a TTY and open stdin (docker run -it): its main process can be attached to. */
  interactive: boolean;
}
