/**
 * DW015–DW016: how the build context is used — copying everything before installing
 * dependencies, and sending a big context without a .dockerignore.
 */
import { formatSize } from '../../../format-size';
import type { SourceInstruction } from '../dockerfile-source';
import { finding, runScript, wholeInstruction, type LintRule } from '../lint-rule';
import type { LintDiagnostic } from '../lint-types';
import { commandInvocation, subcommandOf, type ShellInvocation } from '../shell-script';

/** From this many bytes a context without .dockerignore gets a warning (10 MB, as `docker images` counts). */
export const LARGE_CONTEXT_BYTES = 10_000_000;

const WHOLE_CONTEXT = new Set(['.', './', '*', './*', './.']);

/** DW015: `COPY . .` before the dependency install. */
export const copyBeforeInstallRule: LintRule = {
  id: 'DW015',
  title: 'Copy dependency files before the sources',
  why: 'Any edit to any file invalidates COPY . ., so every later step — the whole dependency download — runs again on each build.',
  severity: 'warning',
  fixable: false,
  check(source) {
    const diagnostics: LintDiagnostic[] = [];
    for (const stage of source.stages) {
      const installed = new Set<string>();
      let wholeCopy: {
        instruction: SourceInstruction;
        installedBefore: Set<string>;
        reported: boolean;
      } | null = null;
      for (const instruction of stage.instructions) {
        if (!wholeCopy && copiesWholeContext(instruction)) {
          wholeCopy = { instruction, installedBefore: new Set(installed), reported: false };
          continue;
        }
        // An ONBUILD trigger installs in another build, after this stage's COPY is long cached.
        const script = instruction.keyword === 'RUN' ? runScript(instruction) : null;
        if (!script) continue;
        for (const command of script.commands) {
          const invocation = commandInvocation(command);
          const ecosystem = invocation ? dependencyEcosystem(invocation) : null;
          if (!ecosystem) continue;
          if (wholeCopy && !wholeCopy.reported && !wholeCopy.installedBefore.has(ecosystem)) {
            wholeCopy.reported = true;
            const words = command.words
              .slice(0, 4)
              .map((word) => word.value)
              .join(' ');
            diagnostics.push(
              finding(copyBeforeInstallRule, wholeInstruction(wholeCopy.instruction), {
                message: `This copies the whole project before \`${words}\` (line ${instruction.line}): copy the dependency files first, install, then copy the rest.`,
              }),
            );
          }
          installed.add(ecosystem);
        }
      }
    }
    return diagnostics;
  },
};

/** DW016: a big context without .dockerignore. */
export const dockerignoreRule: LintRule = {
  id: 'DW016',
  title: 'Add a .dockerignore to a big context',
  why: 'Without .dockerignore the engine receives everything (.git, node_modules, .env) on every build, and COPY . . puts it in the image.',
  severity: 'warning',
  fixable: false,
  check(source, options) {
    const bytes = options.contextBytes;
    if (options.contextHasDockerignore !== false || bytes === undefined || bytes < LARGE_CONTEXT_BYTES)
      return [];
    const anchor = source.instructions.find(copiesWholeContext) ?? source.instructions[0];
    const place = anchor ? wholeInstruction(anchor) : { line: 1, endLine: 1 };
    return [
      finding(dockerignoreRule, place, {
        message: `The build context is ${formatSize(bytes)} and has no .dockerignore: list what the image does not need.`,
      }),
    ];
  },
};

function copiesWholeContext(instruction: SourceInstruction): boolean {
  if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') return false;
  if (instruction.heredoc || instruction.flags.some((flag) => flag.name === 'from')) return false;
  const words = instruction.execForm ?? instruction.content.text.trim().split(/\s+/);
  return words.slice(0, -1).some((path) => WHOLE_CONTEXT.has(path));
}

/** Which ecosystem's dependencies a command downloads, or null. */
function dependencyEcosystem({ name, args }: ShellInvocation): string | null {
  const subcommand = subcommandOf(args)?.value ?? null;
  const global = args.some(({ value }) => value === '-g' || value === '--global');
  if (name === 'npm' && ['install', 'i', 'ci', 'add'].includes(subcommand ?? '') && !global) return 'node';
  if (name === 'yarn' && (subcommand === null || subcommand === 'install' || subcommand === 'add') && !global)
    return 'node';
  if (name === 'pnpm' && ['install', 'i', 'add'].includes(subcommand ?? '') && !global) return 'node';
  if (/^pip(\d+(\.\d+)*)?$/.test(name) && subcommand === 'install') return 'python';
  if (/^python(\d+(\.\d+)*)?$/.test(name) && args[0]?.value === '-m' && args[1]?.value === 'pip') {
    return subcommandOf(args.slice(2))?.value === 'install' ? 'python' : null;
  }
  if ((name === 'poetry' || name === 'pipenv') && (subcommand === 'install' || subcommand === 'sync'))
    return 'python';
  if (name === 'uv' && (subcommand === 'sync' || subcommand === 'pip')) return 'python';
  if (name === 'go' && (subcommand === 'build' || subcommand === 'install' || subcommand === 'get'))
    return 'go';
  if (name === 'go' && subcommand === 'mod' && subcommandOf(args.slice(1))?.value === 'download') return 'go';
  if (name === 'mvn' || name === 'mvnw') return 'maven';
  if (name === 'gradle' || name === 'gradlew') return 'gradle';
  if (name === 'bundle' && subcommand === 'install') return 'ruby';
  if (name === 'composer' && (subcommand === 'install' || subcommand === 'update')) return 'php';
  return null;
}
