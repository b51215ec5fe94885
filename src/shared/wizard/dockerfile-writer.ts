/**
 * The building blocks every template writes with: instructions carrying a one-line comment (shown
 * only in commented mode), and the good-practice snippets the templates share — packages installed
 * and cleaned in one RUN, a non-root user made with the base image's own tools, exec-form start.
 */
import { splitCommandLine } from '../containers';
import { imageFamily, type ImageFamily } from '../dockerfile/lint/image-family';
import type { AppAnswers, EnvVariable, StartAs, UserAnswer } from './wizard-answers';

/** One instruction with its comment, or a blank line between stages. */
export type DockerfileLine = { text: string; comment: string } | { blank: true };

/** A blank line. */
export const BLANK: DockerfileLine = { blank: true };

/** An instruction line. */
export function line(text: string, comment: string): DockerfileLine {
  return { text, comment };
}

/** Renders lines; in commented mode each instruction gets `# comment` lines above it. */
export function renderDockerfile(lines: readonly DockerfileLine[], options: { commented: boolean }): string {
  const out: string[] = [];
  for (const entry of lines) {
    if ('blank' in entry) {
      if (out.length > 0 && out.at(-1) !== '') out.push('');
      continue;
    }
    if (options.commented) {
      if (out.length > 0 && out.at(-1) !== '') out.push('');
      for (const commentLine of entry.comment.split('\n')) out.push(`# ${commentLine}`);
    }
    out.push(entry.text);
  }
  while (out.at(-1) === '') out.pop();
  return `${out.join('\n')}\n`;
}

/** The family to write for: the answer's override, else the one guessed from the image name. */
export function familyFor(override: ImageFamily | null, image: string): ImageFamily {
  return override ?? imageFamily(image);
}

/** `RUN a` or, for several commands, one RUN with one `&& command` per continued line. */
export function runText(commands: readonly string[]): string {
  return `RUN ${commands.join(' \\\n    && ')}`;
}

/** Quotes an ENV value when the builder would otherwise split or expand it. */
export function envValue(value: string): string {
  if (/^[A-Za-z0-9_./:,@%+=-]*$/.test(value) && value !== '') return value;
  return `"${value.replace(/[\\"$]/g, (char) => `\\${char}`)}"`;
}

/** One ENV for all variables (one per continued line), or null when there are none. */
export function envLine(variables: readonly EnvVariable[], comment: string): DockerfileLine | null {
  if (variables.length === 0) return null;
  const pairs = variables.map(({ name, value }) => `${name}=${envValue(value)}`);
  return line(`ENV ${pairs.join(' \\\n    ')}`, comment);
}

/** Installs system packages with the family's package manager, cleaning up in the same RUN; null when none. */
export function packagesLine(family: ImageFamily, packages: readonly string[]): DockerfileLine | null {
  if (packages.length === 0) return null;
  const list = packages.join(' ');
  if (family === 'debian') {
    return line(
      runText([
        'apt-get update',
        `apt-get install -y --no-install-recommends ${list}`,
        'rm -rf /var/lib/apt/lists/*',
      ]),
      "Install system packages and drop apt's package lists in the same layer",
    );
  }
  if (family === 'alpine') {
    return line(`RUN apk add --no-cache ${list}`, "Install system packages without keeping apk's index");
  }
  // busybox, distroless, scratch and unknown images have no package manager we can rely on.
  return null;
}

/** Whether the family has a shell, so RUN can be used at all. */
export function hasShell(family: ImageFamily): boolean {
  return family !== 'distroless' && family !== 'scratch';
}

/** Whether the family's packages can be installed by the wizard. */
export function installsPackages(family: ImageFamily): boolean {
  return family === 'debian' || family === 'alpine';
}

/** The RUN that creates the user (null when none is needed or possible) and the USER line. */
export function userLines(
  family: ImageFamily,
  user: UserAnswer,
): { create: DockerfileLine | null; switchTo: DockerfileLine } {
  if (user.kind === 'existing') {
    return {
      create: null,
      switchTo: line(`USER ${user.name}`, `Run as the image's own "${user.name}" user, not root`),
    };
  }
  const { name, uid } = user;
  const switchTo = line(`USER ${name}`, 'From here on, and when the container runs, act as that user');
  if (!hasShell(family)) {
    // Without a shell no user can be created; a numeric id needs no /etc/passwd entry.
    return { create: null, switchTo: line(`USER ${uid}:${uid}`, 'Run as an unprivileged numeric user id') };
  }
  const comment = `Create an unprivileged "${name}" user (uid ${uid}) to run the app`;
  if (family === 'debian') {
    return {
      create: line(
        runText([
          `groupadd --system --gid ${uid} ${name}`,
          `useradd --system --uid ${uid} --gid ${name} --no-create-home --shell /usr/sbin/nologin ${name}`,
        ]),
        comment,
      ),
      switchTo,
    };
  }
  if (family === 'alpine') {
    return {
      create: line(
        runText([
          `addgroup -S -g ${uid} ${name}`,
          `adduser -S -D -H -u ${uid} -G ${name} -s /sbin/nologin ${name}`,
        ]),
        comment,
      ),
      switchTo,
    };
  }
  // busybox builds (Debian's busybox-static among them) may lack adduser: write the entries directly.
  return {
    create: line(
      runText([
        'mkdir -p /etc',
        `echo '${name}:x:${uid}:${uid}::/nonexistent:/bin/false' >> /etc/passwd`,
        `echo '${name}:x:${uid}:' >> /etc/group`,
      ]),
      comment,
    ),
    switchTo,
  };
}

/** Splits a typed command like a shell; an unclosed quote falls back to splitting at spaces. */
export function commandWords(command: string): string[] {
  const split = splitCommandLine(command);
  return split.ok
    ? split.words
    : command
        .trim()
        .split(/\s+/)
        .filter((word) => word !== '');
}

/** The start instructions in exec form: CMD with everything, or ENTRYPOINT for the program and CMD for its arguments. */
export function startLines(words: readonly string[], startAs: StartAs): DockerfileLine[] {
  const json = (items: readonly string[]): string =>
    `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;
  if (words.length === 0) return [];
  if (startAs === 'cmd') {
    return [
      line(`CMD ${json(words)}`, 'The command the container runs, in exec form so it receives stop signals'),
    ];
  }
  const lines = [line(`ENTRYPOINT ${json(words.slice(0, 1))}`, 'The program the container always runs')];
  if (words.length > 1) {
    lines.push(
      line(`CMD ${json(words.slice(1))}`, 'Its default arguments; `docker run <image> …` replaces them'),
    );
  }
  return lines;
}

/** An EXPOSE line, or null without a port. */
export function exposeLine(port: number | null): DockerfileLine | null {
  return port === null ? null : line(`EXPOSE ${port}`, `Document that the app listens on port ${port}`);
}

/** How every app image ends: become the unprivileged user, document the port, start the app. */
export function runLines(
  switchTo: DockerfileLine,
  port: number | null,
  startCommand: string,
  startAs: StartAs,
): (DockerfileLine | null)[] {
  return [switchTo, exposeLine(port), ...startLines(commandWords(startCommand), startAs)];
}

/** Drops the nulls of a list of optional lines. */
export function present(lines: readonly (DockerfileLine | null)[]): DockerfileLine[] {
  return lines.filter((entry): entry is DockerfileLine => entry !== null);
}

/**
 * Joins RUN lines that end up next to each other into one RUN, as the linter's DW011 asks: one
 * layer instead of two. The wizard's RUNs never change the shell's state, so joining is safe.
 */
export function mergeAdjacentRuns(lines: readonly DockerfileLine[]): DockerfileLine[] {
  const merged: DockerfileLine[] = [];
  for (const entry of lines) {
    const previous = merged.at(-1);
    if (previous && !('blank' in previous) && !('blank' in entry) && isRun(previous) && isRun(entry)) {
      merged[merged.length - 1] = line(
        `${previous.text} \\\n    && ${entry.text.slice('RUN '.length)}`,
        `${previous.comment}\n${entry.comment}`,
      );
    } else {
      merged.push(entry);
    }
  }
  return merged;
}

function isRun(entry: { text: string }): boolean {
  return entry.text.startsWith('RUN ');
}

/** How an app template's Dockerfile ends: USER, EXPOSE and the start command (the suggestion when none was typed). */
export function closingLines(
  answers: AppAnswers,
  user: { switchTo: DockerfileLine },
  suggestedStart: string,
): (DockerfileLine | null)[] {
  return runLines(user.switchTo, answers.port, answers.startCommand ?? suggestedStart, answers.startAs);
}
