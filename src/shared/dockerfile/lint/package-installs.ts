/**
 * Reads package-manager commands of any kind (apt-get, apk, pip, npm, gem, go, yum, dnf, zypper):
 * which tool, its options, and its positional arguments — the subcommand, then the packages.
 * Knowing which options take a value keeps `-t bookworm-backports` from reading as a package.
 */
import { runCommands, type RunCommand, type RunShell } from './run-shells';
import type { ShellScript, ShellWord } from './shell-script';

/** A package manager the rules know. `dnf` covers microdnf and dnf5, `apt` covers apt-get and apt. */
export type PackageTool = 'apt' | 'apk' | 'pip' | 'npm' | 'gem' | 'go' | 'yum' | 'dnf' | 'zypper';

/** A command of a package manager, its arguments sorted into options and positionals. */
export interface ToolCommand {
  tool: PackageTool;
  command: RunCommand;
  /** Option words (`-y`, `--target-release=x`, `-t`); a value written apart is left out of both lists. */
  options: ShellWord[];
  /** The other arguments in order: the subcommand first (`install`), then what it acts on. */
  positionals: ShellWord[];
}

const VALUE_OPTIONS: Record<Exclude<PackageTool, 'gem'>, ReadonlySet<string>> = {
  apt: new Set([
    '-o',
    '-c',
    '-t',
    '-a',
    '--option',
    '--config-file',
    '--target-release',
    '--host-architecture',
  ]),
  apk: new Set([
    '-X',
    '-p',
    '-t',
    '--repository',
    '--root',
    '--repositories-file',
    '--cache-dir',
    '--arch',
    '--virtual',
    '--keys-dir',
  ]),
  pip: new Set([
    '-r',
    '-c',
    '-e',
    '-b',
    '-f',
    '-i',
    '-t',
    '-C',
    '--requirement',
    '--constraint',
    '--editable',
    '--abi',
    '--build',
    '--extra-index-url',
    '--find-links',
    '--index-url',
    '--implementation',
    '--no-binary',
    '--only-binary',
    '--platform',
    '--prefix',
    '--progress-bar',
    '--proxy',
    '--python',
    '--python-version',
    '--root',
    '--root-user-action',
    '--src',
    '--target',
    '--trusted-host',
    '--upgrade-strategy',
    '--log',
    '--retries',
    '--timeout',
    '--cert',
    '--client-cert',
    '--cache-dir',
    '--report',
    '--config-settings',
    '--exists-action',
    '--pip-args',
  ]),
  npm: new Set([
    '-w',
    '--loglevel',
    '--registry',
    '--prefix',
    '--cache',
    '--userconfig',
    '--tag',
    '--workspace',
    '--omit',
    '--include',
    '--before',
  ]),
  go: new Set([
    '-ldflags',
    '-gcflags',
    '-asmflags',
    '-gccgoflags',
    '-tags',
    '-o',
    '-mod',
    '-modfile',
    '-p',
    '-C',
    '-pkgdir',
    '-toolexec',
    '-overlay',
    '-buildmode',
    '-compiler',
    '-installsuffix',
    '-exec',
    '-pgo',
    '-coverpkg',
    '-covermode',
  ]),
  yum: new Set([
    '-c',
    '-d',
    '-e',
    '-x',
    '-R',
    '--config',
    '--releasever',
    '--installroot',
    '--enablerepo',
    '--disablerepo',
    '--repo',
    '--repoid',
    '--exclude',
    '--setopt',
    '--debuglevel',
    '--errorlevel',
    '--rpmverbosity',
    '--forcearch',
    '--downloaddir',
    '--destdir',
    '--color',
    '--disableplugin',
    '--enableplugin',
    '--advisory',
    '--cve',
    '--repofrompath',
    '--comment',
  ]),
  dnf: new Set(),
  zypper: new Set([
    '-r',
    '-t',
    '-R',
    '-D',
    '-C',
    '-c',
    '--repo',
    '--from',
    '--type',
    '--root',
    '--reposd-path',
    '--cache-dir',
    '--raw-cache-dir',
    '--solv-cache-dir',
    '--pkg-cache-dir',
    '--config',
  ]),
};

// gem's options mostly take a value; these are the common ones that do not (hadolint's reading of
// gem treats every option as taking one, which hides `gem install --no-document rails`).
const GEM_FLAGS = new Set([
  '-N',
  '-E',
  '-f',
  '-l',
  '-r',
  '-b',
  '-q',
  '-V',
  '--no-document',
  '--no-ri',
  '--no-rdoc',
  '--user-install',
  '--no-user-install',
  '--conservative',
  '--minimal-deps',
  '--force',
  '--no-force',
  '--local',
  '--remote',
  '--both',
  '--clear-sources',
  '--ignore-dependencies',
  '--development',
  '--development-all',
  '--prerelease',
  '--pre',
  '--verbose',
  '--quiet',
  '--silent',
  '--env-shebang',
  '--no-env-shebang',
  '--wrappers',
  '--no-wrappers',
  '--default',
  '--explain',
  '--lock',
  '--no-lock',
  '--suggestions',
  '--no-suggestions',
  '--vendor',
  '--norc',
  '--backtrace',
  '--debug',
  '--update-sources',
  '--no-update-sources',
  '--post-install-message',
  '--no-post-install-message',
]);

/** Every package-manager command of a RUN, in order (shared between rules: do not change the list). */
export function toolCommands(shell: RunShell): ToolCommand[] {
  // Read once per script: a dozen rules ask for the same RUN's commands.
  const cached = toolCommandCache.get(shell.script);
  if (cached) return cached;
  const found = findToolCommands(shell);
  toolCommandCache.set(shell.script, found);
  return found;
}

const toolCommandCache = new WeakMap<ShellScript, ToolCommand[]>();

function findToolCommands(shell: RunShell): ToolCommand[] {
  const found: ToolCommand[] = [];
  for (const command of runCommands(shell)) {
    const tool = toolOf(command.name, command.args);
    if (!tool) continue;
    const args = tool === 'pip' && command.args[0]?.value === '-m' ? command.args.slice(2) : command.args;
    found.push({ tool, command, ...sortArguments(tool, args) });
  }
  return found;
}

function toolOf(name: string, args: ShellWord[]): PackageTool | null {
  if (name === 'apt-get' || name === 'apt') return 'apt';
  if (name === 'apk' || name === 'npm' || name === 'gem' || name === 'go' || name === 'yum') return name;
  if (name === 'zypper') return 'zypper';
  if (name === 'dnf' || name === 'dnf5' || name === 'microdnf') return 'dnf';
  // pip, pip3, pip3.12 and pipx (which hadolint also reads as pip); pipenv is another tool.
  if (/^pip(x|\d+(\.\d+)*)?$/.test(name)) return 'pip';
  if (/^python(\d+(\.\d+)*)?$/.test(name) && args[0]?.value === '-m' && args[1]?.value === 'pip')
    return 'pip';
  return null;
}

function sortArguments(
  tool: PackageTool,
  args: ShellWord[],
): { options: ShellWord[]; positionals: ShellWord[] } {
  const options: ShellWord[] = [];
  const positionals: ShellWord[] = [];
  for (let position = 0; position < args.length; position++) {
    const word = args[position]!;
    const { value } = word;
    if (value === '--') {
      // gem hands what follows `--` to the gem's build; elsewhere it ends the options.
      if (tool !== 'gem') positionals.push(...args.slice(position + 1));
      break;
    }
    if (!value.startsWith('-') || value === '-') {
      positionals.push(word);
      continue;
    }
    options.push(word);
    if (!value.includes('=') && takesValue(tool, value)) position++;
  }
  return { options, positionals };
}

function takesValue(tool: PackageTool, option: string): boolean {
  if (tool === 'gem') return !GEM_FLAGS.has(option);
  // go accepts `--tags` as well as `-tags`; dnf and microdnf share yum's options.
  const name = tool === 'go' && option.startsWith('--') ? option.slice(1) : option;
  return VALUE_OPTIONS[tool === 'dnf' ? 'yum' : tool].has(name);
}

/** Whether an option is among `names` (`--name=value` and, for one-letter names, `-xyz` clusters, count). */
export function hasToolOption(command: ToolCommand, names: readonly string[]): boolean {
  return command.options.some(({ value }) =>
    names.some((name) =>
      name.length === 2
        ? value === name || (/^-[a-zA-Z]+$/.test(value) && value.includes(name[1]!))
        : value === name || value.startsWith(`${name}=`),
    ),
  );
}

/** The subcommand (`install`), and for `module install` / `group install` the pair joined by a space. */
export function toolAction(command: ToolCommand): string {
  const [first, second] = command.positionals;
  if (!first) return '';
  if (['module', 'group', 'groups'].includes(first.value) && second) return `${first.value} ${second.value}`;
  return first.value;
}
