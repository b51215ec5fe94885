/**
 * Finds package-manager commands (apt-get/apt, aptitude, apk, pip) in a RUN script, with the subcommand
 * word so a fix can insert an option right after it.
 */
import { commandInvocation, subcommandOf, type ShellScript, type ShellWord } from './shell-script';

/** A package-manager command of a RUN line. */
export interface PackageCommand {
  /** `apt` stands for apt-get and apt, which take the same options; aptitude has its own. */
  tool: 'apt' | 'aptitude' | 'apk' | 'pip';
  /** `install`, `add`, `update`… as written. */
  subcommand: ShellWord;
  /** All arguments after the program (for pip run as `python -m pip`, after `pip`). */
  args: ShellWord[];
}

const APT_OPTIONS_WITH_VALUE = new Set([
  '-o',
  '-c',
  '-t',
  '-a',
  '--option',
  '--config-file',
  '--target-release',
  '--host-architecture',
]);
const APTITUDE_OPTIONS_WITH_VALUE = new Set([
  '-o',
  '-t',
  '-F',
  '-w',
  '-S',
  '--target-release',
  '--display-format',
  '--width',
  '--sort',
]);
const APK_OPTIONS_WITH_VALUE = new Set([
  '-X',
  '-p',
  '--repository',
  '--root',
  '--repositories-file',
  '--cache-dir',
  '--arch',
]);
const PIP_OPTIONS_WITH_VALUE = new Set([
  '--log',
  '--proxy',
  '--retries',
  '--timeout',
  '--cert',
  '--cache-dir',
  '--python',
]);

/** Every apt-get/apt, aptitude, apk and pip command of a script, in order (shared: do not change the list). */
export function packageCommands(script: ShellScript): PackageCommand[] {
  // Read once per script: several rules ask for the same RUN's commands.
  const cached = packageCommandCache.get(script);
  if (cached) return cached;
  const found = findPackageCommands(script);
  packageCommandCache.set(script, found);
  return found;
}

const packageCommandCache = new WeakMap<ShellScript, PackageCommand[]>();

function findPackageCommands(script: ShellScript): PackageCommand[] {
  const found: PackageCommand[] = [];
  for (const command of script.commands) {
    const invocation = commandInvocation(command);
    if (!invocation) continue;
    const { name } = invocation;
    let tool: PackageCommand['tool'] | null = null;
    let args = invocation.args;
    let optionsWithValue: ReadonlySet<string> = new Set();
    if (name === 'apt-get' || name === 'apt') {
      tool = 'apt';
      optionsWithValue = APT_OPTIONS_WITH_VALUE;
    } else if (name === 'aptitude') {
      tool = 'aptitude';
      optionsWithValue = APTITUDE_OPTIONS_WITH_VALUE;
    } else if (name === 'apk') {
      tool = 'apk';
      optionsWithValue = APK_OPTIONS_WITH_VALUE;
    } else if (/^pip(\d+(\.\d+)*)?$/.test(name)) {
      tool = 'pip';
      optionsWithValue = PIP_OPTIONS_WITH_VALUE;
    } else if (/^python(\d+(\.\d+)*)?$/.test(name) && args[0]?.value === '-m' && args[1]?.value === 'pip') {
      tool = 'pip';
      optionsWithValue = PIP_OPTIONS_WITH_VALUE;
      args = args.slice(2);
    }
    if (!tool) continue;
    const subcommand = subcommandOf(args, optionsWithValue);
    if (subcommand) found.push({ tool, subcommand, args });
  }
  return found;
}

/** Whether any argument of a command is one of `names` (also as `--name=value`). */
export function hasOption(args: ShellWord[], names: readonly string[]): boolean {
  return args.some(({ value }) => names.some((name) => value === name || value.startsWith(`${name}=`)));
}

/** Whether some `rm` in the script removes a path under `directory`. */
export function removesPath(script: ShellScript, directory: string): boolean {
  return script.commands.some((command) => {
    const invocation = commandInvocation(command);
    return invocation?.name === 'rm' && invocation.args.some(({ value }) => value.startsWith(directory));
  });
}
