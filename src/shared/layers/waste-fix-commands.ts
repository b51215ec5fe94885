/**
 * Which shell commands of a RUN only clean up (`rm -rf` of apt lists, pip/npm caches, archives,
 * `apt-get clean`), and which other commands may still need what they delete: the two questions
 * behind moving a cleanup into the RUN that wrote the files (see waste-fixes).
 */
import {
  commandInvocation,
  subcommandOf,
  type ShellCommand,
  type ShellScript,
} from '../dockerfile/lint/shell-script';

/** What a cleanup command deletes, and which programs may read that before it goes. */
export interface CleanupCommand {
  command: ShellCommand;
  /** Path fragments that name what it deletes (`/var/lib/apt/lists`, `app.tar.gz`). */
  areas: string[];
  /** Programs that read or write those places (`apt-get` for the apt lists). */
  tools: string[];
  /** Some target is relative or depends on the environment (`~`, `$HOME`): WORKDIR, USER and ENV matter. */
  dependsOnEnvironment: boolean;
}

const APT_TOOLS = ['apt-get', 'apt', 'apt-cache', 'aptitude', 'add-apt-repository', 'apt-file'];
const PIP_TOOLS = ['pip', 'pip3', 'python', 'python3', 'pipenv', 'poetry'];
const NPM_TOOLS = ['npm', 'npx', 'yarn', 'pnpm', 'corepack'];

/** Places whose contents are caches or downloads, as `rm` targets (a trailing `/*` or `/` is allowed). */
const KNOWN_PLACES: { pattern: RegExp; area: string; tools: string[] }[] = [
  { pattern: /^\/var\/lib\/apt\/lists$/, area: '/var/lib/apt/lists', tools: APT_TOOLS },
  { pattern: /^\/var\/cache\/apt(\/archives)?$/, area: '/var/cache/apt', tools: APT_TOOLS },
  { pattern: /^\/var\/cache\/apt\/\*\.bin$/, area: '/var/cache/apt', tools: APT_TOOLS },
  { pattern: /^(\/root|~|\$HOME|\$\{HOME\})\/\.cache(\/pip)?$/, area: '.cache', tools: PIP_TOOLS },
  { pattern: /^(\/root|~|\$HOME|\$\{HOME\})\/\.npm(\/_cacache)?$/, area: '.npm', tools: NPM_TOOLS },
  {
    pattern: /^(\/usr\/local\/share|\/root|~|\$HOME|\$\{HOME\})\/\.cache\/yarn$/,
    area: 'yarn',
    tools: NPM_TOOLS,
  },
  { pattern: /^\/(var\/)?tmp$/, area: '/tmp', tools: [] },
];

const ARCHIVE =
  /\.(tar|tar\.gz|tgz|tar\.xz|txz|tar\.bz2|tbz2?|tar\.zst|zip|gz|xz|bz2|zst|7z|deb|rpm|apk|whl|jar)$/i;
const RM_FLAGS = /^-[rRfv]+$/;
const RM_LONG_FLAGS = new Set(['--recursive', '--force', '--verbose', '--']);

/** The command as a cleanup, or null when it does anything else (or anything in a way not recognised). */
export function cleanupCommand(command: ShellCommand, wastedPaths: readonly string[]): CleanupCommand | null {
  const invocation = commandInvocation(command);
  // Prefixes (`sudo`, `VAR=x`, `then`) change what the command means: not a plain cleanup.
  if (!invocation || invocation.nameWord !== command.words[0]) return null;
  const args = invocation.args.map((word) => word.value);
  if (args.some((arg) => /[<>|&;`]|\$\(/.test(arg))) return null;
  switch (invocation.name) {
    case 'rm':
      return removal(command, args, wastedPaths);
    case 'apt-get':
    case 'apt': {
      const rest = args.filter((arg) => !/^-(y|q+|qq|-yes|-quiet)$/.test(arg));
      return rest.length === 1 && rest[0] === 'clean'
        ? { command, areas: ['/var/cache/apt'], tools: APT_TOOLS, dependsOnEnvironment: false }
        : null;
    }
    case 'npm':
    case 'yarn': {
      const sub = subcommandOf(invocation.args)?.value;
      const clean = args.join(' ');
      return sub === 'cache' && /^cache clean( --force)?$/.test(clean)
        ? { command, areas: ['.npm', 'yarn'], tools: NPM_TOOLS, dependsOnEnvironment: true }
        : null;
    }
    case 'pip':
    case 'pip3':
      return args.join(' ') === 'cache purge'
        ? { command, areas: ['.cache'], tools: PIP_TOOLS, dependsOnEnvironment: true }
        : null;
    default:
      return null;
  }
}

function removal(
  command: ShellCommand,
  args: string[],
  wastedPaths: readonly string[],
): CleanupCommand | null {
  const targets = args.filter((arg) => !RM_FLAGS.test(arg) && !RM_LONG_FLAGS.has(arg));
  if (targets.length === 0 || targets.some((arg) => arg.startsWith('-'))) return null;
  const areas: string[] = [];
  const tools = new Set<string>();
  let dependsOnEnvironment = false;
  for (const target of targets) {
    const place = target.replace(/\/\*$/, '').replace(/(.)\/+$/, '$1');
    const known = KNOWN_PLACES.find((candidate) => candidate.pattern.test(place));
    if (known) {
      areas.push(known.area);
      for (const tool of known.tools) tools.add(tool);
    } else if (ARCHIVE.test(target) || wastedPaths.includes(target)) {
      const name = target.slice(target.lastIndexOf('/') + 1);
      // A glob (`/tmp/*.tar.gz`) is named by what follows its last `*`.
      areas.push(name.includes('*') ? name.slice(name.lastIndexOf('*') + 1) : name);
    } else {
      return null;
    }
    if (!target.startsWith('/') || target.includes('$')) dependsOnEnvironment = true;
  }
  return { command, areas, tools: [...tools], dependsOnEnvironment };
}

/** The first command of `script` (not one of `skip`) that may read or rewrite what `cleanups` delete. */
export function commandNeedingCleanedFiles(
  script: ShellScript,
  cleanups: readonly CleanupCommand[],
  skip: ReadonlySet<ShellCommand> = new Set(),
): ShellCommand | null {
  for (const command of script.commands) {
    if (skip.has(command)) continue;
    const name = commandInvocation(command)?.name ?? command.words[0]?.value ?? '';
    const words = command.words.map((word) => word.value);
    if (cleanups.some((cleanup) => needs(cleanup, name, words))) return command;
  }
  return null;
}

/** Whether text that cannot be read as commands (exec form, heredocs) names a cleaned place or tool. */
export function textMentionsCleanedFiles(text: string, cleanups: readonly CleanupCommand[]): boolean {
  return cleanups.some(
    (cleanup) =>
      cleanup.areas.some((area) => area !== '' && text.includes(area)) ||
      cleanup.tools.some((tool) => new RegExp(`(^|[^\\w-])${escapeRegExp(tool)}($|[^\\w-])`).test(text)),
  );
}

function needs(cleanup: CleanupCommand, name: string, words: string[]): boolean {
  if (cleanup.tools.includes(name)) return true;
  return words.some((word) => cleanup.areas.some((area) => area !== '' && word.includes(area)));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
