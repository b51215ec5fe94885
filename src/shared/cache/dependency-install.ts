/**
 * Recognises a RUN that installs dependencies from manifests only (`pip install -r
 * requirements.txt`, `npm ci`, `go mod download`…): the step the cache lesson is about, which can
 * move above the COPY of the sources because it reads nothing but its manifests.
 */

/** A file the install reads, relative to the directory the RUN starts in (or absolute). */
export interface InstallManifest {
  path: string;
  /** The install fails without it (a lock file is optional: used when present). */
  required: boolean;
}

type Verdict = InstallManifest[] | 'harmless' | null;

/**
 * The manifests a RUN's dependency install reads, or null when the RUN is not a dependency
 * install or also needs other files (`pip install .`, `npm run build`, an unknown command).
 *
 * `words` and `json` are the RUN's parsed arguments (shell form: one string; exec form: argv).
 * Commands that need no file of the context (apt-get, `pip install --upgrade pip`, `cd`) may sit
 * beside the install; a `cd` moves where the manifests are looked up.
 */
export function dependencyInstallOf(words: string[], json: boolean): InstallManifest[] | null {
  const commands = json ? [words] : splitShell(words.join(' '));
  if (commands === null) return null;
  const manifests = new Map<string, InstallManifest>();
  let directory = '';
  for (const command of commands) {
    const argv = dropAssignments(command);
    if (argv.length === 0) continue;
    if (argv[0] === 'cd') {
      if (argv.length !== 2) return null;
      directory = argv[1]!.startsWith('/') ? argv[1]! : joinRelative(directory, argv[1]!);
      continue;
    }
    const verdict = commandVerdict(argv);
    if (verdict === null) return null;
    if (verdict === 'harmless') continue;
    for (const manifest of verdict) {
      const path = manifest.path.startsWith('/') ? manifest.path : joinRelative(directory, manifest.path);
      const known = manifests.get(path);
      manifests.set(path, { path, required: manifest.required || (known?.required ?? false) });
    }
  }
  return manifests.size > 0 ? [...manifests.values()] : null;
}

function joinRelative(directory: string, path: string): string {
  return directory === '' ? path : `${directory.replace(/\/+$/, '')}/${path}`;
}

/** Leading `NAME=value` words set the environment of the command; they are not the command. */
function dropAssignments(argv: string[]): string[] {
  let start = 0;
  while (start < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[start]!)) start++;
  if (argv[start] === 'sudo' || argv[start] === 'exec') start++;
  return argv.slice(start);
}

/**
 * The simple commands of a shell line, each as its words (quotes removed), or null when the line
 * uses what cannot be read without running it (command substitution, subshells, redirections
 * into files, functions).
 */
export function splitShell(line: string): string[][] | null {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (): void => {
    endWord();
    commands.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else word += ch;
      continue;
    }
    if (ch === '`' || (ch === '$' && line[i + 1] === '(')) return null;
    if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) word += line[++i];
      else word += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (ch === ' ' || ch === '\t') endWord();
    else if (ch === '\n' || ch === ';' || ch === '|' || ch === '&') {
      if ((ch === '&' || ch === '|') && line[i + 1] === ch) i++;
      endCommand();
    } else if ('(){}<>'.includes(ch)) return null;
    else {
      word += ch;
      inWord = true;
    }
  }
  if (quote !== null) return null;
  endCommand();
  return commands.filter((command) => command.length > 0);
}

/** Commands that read no file of the build context. */
const HARMLESS = new Set([
  'apt-get',
  'apt',
  'apk',
  'yum',
  'dnf',
  'microdnf',
  'rm',
  'mkdir',
  'echo',
  'true',
  'set',
  'export',
  'corepack',
  'gem',
  'useradd',
  'adduser',
  'groupadd',
  'addgroup',
]);
/** Sub-commands of a package manager that touch only its own settings or cache. */
const HOUSEKEEPING = new Set([
  'cache',
  'config',
  'set',
  '--version',
  '-v',
  'list',
  'freeze',
  'check',
  'help',
]);

const opt = (path: string): InstallManifest => ({ path, required: false });
const req = (path: string): InstallManifest => ({ path, required: true });

function commandVerdict(argv: string[]): Verdict {
  const [tool, ...rest] = argv as [string, ...string[]];
  const name = tool.replace(/^.*\//, '');
  if (HARMLESS.has(name)) return 'harmless';
  if (/^pip[0-9.]*$/.test(name)) return pipVerdict(rest);
  if (/^python[0-9.]*$/.test(name) && rest[0] === '-m' && /^pip[0-9.]*$/.test(rest[1] ?? '')) {
    return pipVerdict(rest.slice(2));
  }
  if (name === 'uv' && rest[0] === 'pip') return pipVerdict(rest.slice(1));
  const sub = rest[0] ?? '';
  if (HOUSEKEEPING.has(sub)) return 'harmless';
  const flagsOnly = rest.slice(1).every((word) => word.startsWith('-'));
  const global = rest.includes('-g') || rest.includes('--global');
  switch (name) {
    case 'npm':
      if (['ci', 'clean-install', 'install-clean', 'ic'].includes(sub) && flagsOnly) return NPM;
      if (['install', 'i'].includes(sub)) return global ? 'harmless' : flagsOnly ? NPM : null;
      return null;
    case 'yarn':
      if (global || sub === 'global') return 'harmless';
      return (sub === '' || sub === 'install' || sub.startsWith('-')) &&
        rest.every((w) => w === 'install' || w.startsWith('-'))
        ? [req('package.json'), opt('yarn.lock'), opt('.yarnrc.yml')]
        : null;
    case 'pnpm':
      if (global) return 'harmless';
      if (['install', 'i'].includes(sub) && flagsOnly) {
        return [req('package.json'), opt('pnpm-lock.yaml'), opt('pnpm-workspace.yaml')];
      }
      return sub === 'fetch' && flagsOnly ? [req('pnpm-lock.yaml')] : null;
    case 'go':
      if (sub === 'mod' && rest[1] === 'download') return [req('go.mod'), opt('go.sum')];
      if (
        sub === 'env' ||
        (sub === 'install' && rest.slice(1).every((w) => w.startsWith('-') || w.includes('@')))
      ) {
        return 'harmless';
      }
      return null;
    case 'bundle':
    case 'bundler':
      return sub === 'install' && flagsOnly ? [req('Gemfile'), opt('Gemfile.lock')] : null;
    case 'composer':
      return sub === 'install' && flagsOnly ? [req('composer.json'), opt('composer.lock')] : null;
    case 'poetry':
      return sub === 'install' && flagsOnly && rest.includes('--no-root')
        ? [req('pyproject.toml'), opt('poetry.lock')]
        : null;
    case 'pipenv':
      if (sub === 'install' && flagsOnly) return [req('Pipfile'), opt('Pipfile.lock')];
      return sub === 'sync' && flagsOnly ? [req('Pipfile.lock'), opt('Pipfile')] : null;
    case 'mvn':
      return mavenVerdict(rest);
    default:
      return null;
  }
}

const NPM: InstallManifest[] = [req('package.json'), opt('package-lock.json'), opt('npm-shrinkwrap.json')];

/** pip options whose value is the next word (so that word is no package). */
const PIP_VALUE_OPTIONS = new Set([
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '--trusted-host',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--upgrade-strategy',
  '--progress-bar',
  '--cache-dir',
  '--log',
  '--retries',
  '--timeout',
  '--exists-action',
  '--cert',
  '--client-cert',
  '--proxy',
  '-C',
  '--config-settings',
  '--only-binary',
  '--no-binary',
  '--root-user-action',
]);

function pipVerdict(args: string[]): Verdict {
  if (args[0] !== 'install') return HOUSEKEEPING.has(args[0] ?? '') ? 'harmless' : null;
  const manifests: InstallManifest[] = [];
  for (let i = 1; i < args.length; i++) {
    const word = args[i]!;
    const file = /^(?:-r|-c|--requirement|--constraint)(?:=(.+))?$/.exec(word) ?? /^-[rc](.+)$/.exec(word);
    if (file) {
      const path = file[1] ?? args[++i];
      if (path === undefined) return null;
      manifests.push(req(path));
    } else if (word === '-e' || word === '--editable' || word.startsWith('--editable=')) return null;
    else if (PIP_VALUE_OPTIONS.has(word)) i++;
    else if (word.startsWith('-')) continue;
    // A path (`.`, `./pkg`, `dist/x.whl`) needs the sources; a name or URL comes from an index.
    else if (!word.includes('://') && /^[.~/]|\//.test(word)) return null;
  }
  return manifests.length > 0 ? manifests : 'harmless';
}

const MAVEN_DEPENDENCY_GOALS = new Set([
  'dependency:go-offline',
  'dependency:resolve',
  'dependency:resolve-plugins',
]);
const MAVEN_VALUE_OPTIONS = new Set([
  '-s',
  '--settings',
  '-gs',
  '--global-settings',
  '-P',
  '-pl',
  '-T',
  '-t',
]);

function mavenVerdict(args: string[]): Verdict {
  let pom = 'pom.xml';
  let goals = 0;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === '-f' || word === '--file') pom = args[++i] ?? pom;
    else if (MAVEN_VALUE_OPTIONS.has(word)) i++;
    else if (word.startsWith('-')) continue;
    else if (MAVEN_DEPENDENCY_GOALS.has(word)) goals++;
    else return null;
  }
  return goals > 0 ? [req(pom)] : null;
}
