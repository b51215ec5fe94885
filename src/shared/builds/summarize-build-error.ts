/**
 * Build errors in words. The engine's own text names the shell it ran and the exit code
 * ("executor failed running [/bin/sh -c …]: exit code: 100"); the reason is usually in what the
 * command printed last. These read both and say what went wrong; the raw text stays beside.
 */
import { DOCKERFILE_INSTRUCTIONS as INSTRUCTIONS } from '../dockerfile/dockerfile-instructions';
import { withoutAnsi } from './step-output';

/**
 * A build error in a few words for a table cell: what failed, not the whole command line the
 * builders repeat. The full message stays available beside it.
 */
export function summarizeBuildError(message: string): string {
  const firstLine = message.split('\n')[0]!.trim();
  const code = exitCodeOf(firstLine);
  if (code !== null) return `The command exited with code ${code}`;
  const reason = unwrapped(firstLine);
  return reason.length > 90 ? `${reason.slice(0, 89)}…` : reason;
}

/**
 * The exit code in the builders' words: BuildKit "executor failed running [/bin/sh -c …]: exit
 * code: 3"; newer BuildKit "process \"/bin/sh -c …\" did not complete successfully: exit code: 3";
 * classic "The command '/bin/sh -c …' returned a non-zero code: 3". Null for other errors.
 */
export function exitCodeOf(message: string): number | null {
  const firstLine = message.split('\n')[0]!.trim();
  const exit =
    /(?:executor failed running \[.*\]|did not complete successfully): exit code: (\d+)$/.exec(firstLine) ??
    /^The command '.*' returned a non-zero code: (\d+)$/.exec(firstLine);
  return exit ? Number(exit[1]) : null;
}

/**
 * BuildKit wraps the reason: "failed to solve with frontend dockerfile.v0: failed to create LLB
 * definition: dockerfile parse error line 3: unknown instruction: FOO".
 */
function unwrapped(line: string): string {
  let reason = line;
  for (;;) {
    const next = reason.replace(
      /^(?:failed to solve(?: with frontend [\w.]+)?|failed to create LLB definition): /,
      '',
    );
    if (next === reason) return reason;
    reason = next;
  }
}

/** What `explainBuildError` knows of the failing step besides the message. */
export interface FailedStepFacts {
  /** What the failing step printed, oldest first (whole lines; colour codes are ignored). */
  output: readonly string[];
  /** The instruction as the builder names it (`COPY app.txt /app/`), when known. */
  instruction: string | null;
}

/**
 * One sentence for a failed build: the known shapes of failure (a package the package manager
 * cannot find, a command not in the image, a file not in the context, an unknown instruction,
 * no network, no disk space, no permission) from the last lines the command printed, its exit
 * code and the engine's message; otherwise the engine's reason without its wrapping. Names of
 * packages, commands and files are in backticks.
 */
export function explainBuildError(message: string, facts: FailedStepFacts): string {
  const code = exitCodeOf(message);
  const exit = code === null ? '' : ` (exit code ${code})`;
  const command = commandOf(message);
  const output = facts.output.map((line) => withoutAnsi(line).trim()).filter((line) => line !== '');
  const fromOutput = explainOutput(output, command, code);
  if (fromOutput) return `${fromOutput}${exit}`;
  const fromMessage = explainMessage(unwrapped(message.split('\n')[0]!.trim()), facts.instruction);
  if (fromMessage) return fromMessage;
  if (code !== null) return `The command exited with code ${code}`;
  return unwrapped(message.split('\n')[0]!.trim());
}

/** The shell command in the builders' error message, or null. */
function commandOf(message: string): string | null {
  const found =
    /executor failed running \[(?:\/bin\/sh -c )?([\s\S]*)\]: exit code/.exec(message) ??
    /process "(?:\/bin\/sh -c )?([\s\S]*)" did not complete successfully/.exec(message) ??
    /^The command '(?:\/bin\/sh -c )?([\s\S]*)' returned a non-zero code/.exec(message);
  return found?.[1] ?? null;
}

/** How the failing command names a tool: `apt-get install` or `apt install`, as written. */
function toolAsWritten(command: string | null, candidates: readonly string[], fallback: string): string {
  return candidates.find((candidate) => command?.includes(candidate)) ?? fallback;
}

type OutputRule = (line: string, command: string | null, all: readonly string[], at: number) => string | null;

/** Known shapes of what a command prints last, each matched on one whole line. */
const OUTPUT_RULES: OutputRule[] = [
  // apt: "E: Unable to locate package nosuchpackage"
  (line, command) => {
    const found = /^E: Unable to locate package (\S+)/.exec(line);
    return found ? `\`${aptInstall(command)}\` could not find the package \`${found[1]}\`` : null;
  },
  // apt: "E: Package 'python' has no installation candidate"
  (line, command) => {
    const found = /^E: Package '([^']+)' has no installation candidate/.exec(line);
    return found
      ? `\`${aptInstall(command)}\` found no installable version of the package \`${found[1]}\``
      : null;
  },
  // apk: "ERROR: unable to select packages:" then "  nosuch (no such package):"
  (line, command, all, at) => {
    if (!/^ERROR: unable to select packages/.test(line)) return null;
    const missing = all
      .slice(at + 1)
      .map((next) => /^(\S+) \(no such package\)/.exec(next)?.[1])
      .filter((name): name is string => name !== undefined);
    const apk = toolAsWritten(command, ['apk add'], 'apk add');
    return missing.length > 0
      ? `\`${apk}\` could not find the package${missing.length > 1 ? 's' : ''} ${missing.map((name) => `\`${name}\``).join(', ')}`
      : `\`${apk}\` could not select the packages it was asked for`;
  },
  // pip: "ERROR: No matching distribution found for nosuchpkg"
  (line, command) => {
    const found = /No matching distribution found for (\S+)/.exec(line);
    const pip = toolAsWritten(command, ['pip3 install', 'pip install'], 'pip install');
    return found ? `\`${pip}\` could not find the package \`${found[1]}\`` : null;
  },
  // npm 7+: "npm error 404  'nosuchpkg@*' is not in this registry."; npm 6: "npm ERR! 404 …"
  (line, command) => {
    const found = /^npm (?:ERR!|error) 404 +'(.+?)(?:@\*|@latest)?' is not in (?:this|the npm) registry/.exec(
      line,
    );
    const npm = toolAsWritten(command, ['npm ci', 'npm install', 'npm i '], 'npm install');
    return found ? `\`${npm.trim()}\` could not find the package \`${found[1]}\` in the registry` : null;
  },
  // sh (busybox, dash) and bash: "/bin/sh: nosuch: not found", "/bin/sh: 1: nosuch: not found", "bash: nosuch: command not found"
  (line) => {
    const found =
      /^(?:\/bin\/)?(?:sh|bash|ash|dash)(?:: line \d+)?(?:: \d+)?: (.+?): (?:command )?not found$/.exec(line);
    return found ? `The command \`${found[1]}\` is not in the image` : null;
  },
  (line) => {
    const found =
      /^(?:\/bin\/)?(?:sh|bash|ash|dash)(?:: line \d+)?(?:: \d+)?: (.+?): Permission denied$/.exec(line);
    return found ? `\`${found[1]}\` could not be run: permission denied (is it executable?)` : null;
  },
  (line) => (/no space left on device/i.test(line) ? 'The disk ran out of space during the build' : null),
  (line) => {
    const host =
      /Temporary failure resolving '([^']+)'/.exec(line) ??
      /Could not resolve (?:host: |')([^\s']+)/.exec(line) ??
      /bad address '([^']+)'/.exec(line);
    if (host)
      return `The build could not reach \`${host[1]}\`: the network or its name server is not reachable`;
    return /Network is unreachable|Temporary failure in name resolution|Failed to establish a new connection|Could not connect to/i.test(
      line,
    )
      ? 'The build could not reach the network'
      : null;
  },
  (line) => {
    const found = /: (.+?): Permission denied$/.exec(line);
    return found ? `Permission denied on \`${found[1]}\`` : null;
  },
];

function aptInstall(command: string | null): string {
  return toolAsWritten(command, ['apt-get install', 'apt install'], 'apt-get install');
}

/** The newest line of output a rule knows, read from the end. */
function explainOutput(
  output: readonly string[],
  command: string | null,
  code: number | null,
): string | null {
  for (let at = output.length - 1; at >= 0; at--) {
    for (const rule of OUTPUT_RULES) {
      const said = rule(output[at]!, command, output, at);
      if (said) return said;
    }
  }
  if (code === 127) return 'A command was not found in the image';
  if (code === 126) return 'A command could not be run: permission denied (is it executable?)';
  return null;
}

/** Failures the engine says in its own message: a file not in the context, an unknown instruction. */
function explainMessage(reason: string, instruction: string | null): string | null {
  const keyword = /^(COPY|ADD)\b/i.exec(instruction ?? '')?.[1]?.toUpperCase() ?? 'COPY';
  const classicMissing =
    /^(COPY|ADD) failed: (?:file not found in build context or excluded by \.dockerignore: )?stat (.+?): file does not exist/.exec(
      reason,
    );
  if (classicMissing) return missingFile(classicMissing[1]!, classicMissing[2]!);
  // BuildKit 0.8: `…: "/missing.txt" not found: not found`; 0.13: `…checksum of ref <id>: "/missing.txt": not found`.
  const buildKitMissing =
    /failed to compute cache key: (?:failed to calculate checksum of ref \S+ )?"(.+?)":? not found/.exec(
      reason,
    );
  if (buildKitMissing) return missingFile(keyword, buildKitMissing[1]!.replace(/^\//, ''));
  const unknown = /unknown instruction: (\S+)/i.exec(reason);
  if (unknown) {
    const word = unknown[1]!;
    // The line is shown beside the sentence (the error's own `line`), so it is not repeated here.
    const closest = closestInstruction(word);
    return closest
      ? `\`${word}\` is not a Dockerfile instruction — did you mean \`${closest}\`?`
      : `\`${word}\` is not a Dockerfile instruction`;
  }
  if (/no space left on device/i.test(reason)) return 'The disk ran out of space during the build';
  // Docker 26+ with the containerd image store, now and then while it unpacks the built image
  // (moby/buildkit#6521, containerd/nerdctl#3420; seen here when one tag is rebuilt): the engine's
  // own race, not the Dockerfile's fault.
  if (/failed to prepare extraction snapshot .*parent snapshot \S+ does not exist/.test(reason))
    return 'The engine lost a layer while it stored the built image (a known intermittent Docker bug with the containerd image store, moby/buildkit#6521): nothing is wrong with the Dockerfile — build again';
  return null;
}

function missingFile(keyword: string, path: string): string {
  return `\`${keyword}\` could not find \`${path}\` in the build context (or .dockerignore leaves it out)`;
}

/**
 * The instruction an unknown word was probably meant to be: the closest by edit distance, when
 * the word is close enough (at most a third of its letters, at least one, changed). Null when
 * none is that close.
 */
export function closestInstruction(word: string): string | null {
  const upper = word.toUpperCase();
  const limit = Math.max(1, Math.floor(upper.length / 3));
  let best: { name: string; distance: number } | null = null;
  for (const name of INSTRUCTIONS) {
    const distance = editDistance(upper, name);
    if (distance <= limit && (best === null || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}

/** Levenshtein distance with adjacent swaps counted as one edit (`RNU` → `RUN`). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = value;
    }
  }
  return rows[a.length]![b.length]!;
}
