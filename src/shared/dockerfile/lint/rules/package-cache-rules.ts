/**
 * DW009–DW010: package caches left in the final image's layers by `apk add` and `pip install`.
 * Only the stages that make up the final image are checked: a builder stage's layers never ship.
 */
import {
  insertionEdit,
  rawOffsetAfter,
  type DockerfileSource,
  type SourceInstruction,
} from '../dockerfile-source';
import {
  contentRange,
  finalImageRuns,
  finding,
  holds,
  mountCovers,
  runScript,
  type LintRule,
} from '../lint-rule';
import type { LintDiagnostic } from '../lint-types';
import { hasOption, packageCommands, removesPath, type PackageCommand } from '../package-commands';
import { commandInvocation, type ShellScript } from '../shell-script';
import { stateBefore, variableSettings, type ChainFold } from '../state-before';

/** DW009: `apk add` without `--no-cache`. */
export const apkCacheRule: LintRule = {
  id: 'DW009',
  title: 'Use apk add --no-cache',
  why: 'Without --no-cache apk keeps its package index in /var/cache/apk, a few MB in every image you ship.',
  severity: 'warning',
  fixable: true,
  check: (source) =>
    cacheCheck(source, apkCacheRule, {
      matches: (command) => command.tool === 'apk' && command.subcommand.value === 'add',
      excused: (command) => hasOption(command.args, ['--no-cache']),
      cacheDirectory: holds('/var/cache/apk'),
      cleanedDirectory: '/var/cache/apk',
      option: ' --no-cache',
      message: 'apk add without --no-cache leaves the package index in the image.',
    }),
};

/** DW010: `pip install` without `--no-cache-dir`. */
export const pipCacheRule: LintRule = {
  id: 'DW010',
  title: 'Use pip install --no-cache-dir',
  why: 'pip keeps every downloaded wheel in ~/.cache/pip; in an image nobody reuses that cache, it only adds megabytes.',
  severity: 'warning',
  fixable: true,
  check(source) {
    return cacheCheck(source, pipCacheRule, {
      matches: (command) => command.tool === 'pip' && command.subcommand.value === 'install',
      excused: (command, script) =>
        hasOption(command.args, ['--no-cache-dir']) || setsPipNoCacheDir(script, command),
      // pip's cache is ~/.cache/pip of whoever runs it; a mount there (or on ~/.cache) holds it.
      cacheDirectory: (target) => /(^|\/)\.cache(\/pip)?$/.test(target),
      cleanedDirectory: null,
      option: ' --no-cache-dir',
      message: 'pip install without --no-cache-dir keeps its download cache in the image.',
      excusedInstruction: (instruction) => pipNoCacheDirInherited(source, instruction),
    });
  },
};

interface CacheCheck {
  matches: (command: PackageCommand) => boolean;
  /** Whether this command leaves no cache anyway (its option, its environment). */
  excused: (command: PackageCommand, script: ShellScript) => boolean;
  /** Whether a cache or tmpfs mount at this target holds the tool's cache. */
  cacheDirectory: (target: string) => boolean;
  cleanedDirectory: string | null;
  option: string;
  message: string;
  excusedInstruction?: (instruction: SourceInstruction) => boolean;
}

function cacheCheck(source: DockerfileSource, rule: LintRule, check: CacheCheck): LintDiagnostic[] {
  const diagnostics: LintDiagnostic[] = [];
  for (const instruction of finalImageRuns(source)) {
    const script = runScript(instruction);
    if (!script || mountCovers(instruction, check.cacheDirectory)) continue;
    if (check.cleanedDirectory && removesPath(script, check.cleanedDirectory)) continue;
    const missing = packageCommands(script).filter(
      (command) => check.matches(command) && !check.excused(command, script),
    );
    const first = missing[0];
    if (!first || check.excusedInstruction?.(instruction)) continue;
    const insertions = missing.map((command) => ({
      at: rawOffsetAfter(instruction.content, command.subcommand.end),
      text: check.option,
    }));
    diagnostics.push(
      finding(rule, contentRange(instruction, first.subcommand.start, first.subcommand.end), {
        message: check.message,
        fix: { title: `Add ${check.option.trim()}`, edits: [insertionEdit(instruction, insertions)] },
      }),
    );
  }
  return diagnostics;
}

// pip turns the cache off for any value its strtobool accepts, "false" and "0" included (a
// backwards-compatible quirk, pip/_internal/cli/cmdoptions.py `_handle_no_cache_dir`); any other
// value makes pip exit with an error, so only these count.
const PIP_BOOLEAN = /^(y|yes|t|true|on|1|n|no|f|false|off|0)$/i;
const PIP_NO_CACHE_DIR = 'PIP_NO_CACHE_DIR';

/** Whether the environment pip runs with sets PIP_NO_CACHE_DIR: a prefix assignment or an earlier `export`. */
function setsPipNoCacheDir(script: ShellScript, command: PackageCommand): boolean {
  const { commandAt, firstExport } = pipEnvironmentOf(script);
  const index = commandAt.get(command.subcommand.start);
  if (index === undefined) return false;
  const own = script.commands[index]!;
  const program = commandInvocation(own)?.nameWord.start ?? Infinity;
  if (own.words.some((word) => word.start < program && isPipNoCacheDir(word.value))) return true;
  return firstExport < index;
}

interface PipEnvironment {
  /** The index of the command each word starts, by the word's start. */
  commandAt: Map<number, number>;
  /** The index of the first `export PIP_NO_CACHE_DIR=…`, or Infinity. */
  firstExport: number;
}

const pipEnvironments = new WeakMap<ShellScript, PipEnvironment>();

// Read once per script: a 10,000-line RUN can hold thousands of pip commands.
function pipEnvironmentOf(script: ShellScript): PipEnvironment {
  const cached = pipEnvironments.get(script);
  if (cached) return cached;
  const commandAt = new Map<number, number>();
  let firstExport = Infinity;
  script.commands.forEach((shell, index) => {
    for (const word of shell.words) if (!commandAt.has(word.start)) commandAt.set(word.start, index);
    if (firstExport !== Infinity) return;
    const invocation = commandInvocation(shell);
    if (invocation?.name === 'export' && invocation.args.some((arg) => isPipNoCacheDir(arg.value)))
      firstExport = index;
  });
  const environment = { commandAt, firstExport };
  pipEnvironments.set(script, environment);
  return environment;
}

function isPipNoCacheDir(assignment: string): boolean {
  return (
    assignment.startsWith(`${PIP_NO_CACHE_DIR}=`) &&
    PIP_BOOLEAN.test(assignment.slice(PIP_NO_CACHE_DIR.length + 1))
  );
}

// An ARG without a default sets nothing unless someone passes it; ENV always sets.
const PIP_NO_CACHE_DIR_FOLD: ChainFold<string | null> = {
  initial: null,
  step(value, instruction) {
    // Most ENV and ARG lines never name it: skip reading their nodes.
    if (!instruction.content.text.includes(PIP_NO_CACHE_DIR)) return value;
    let last = value;
    for (const setting of variableSettings(instruction)) {
      if (setting.name !== PIP_NO_CACHE_DIR) continue;
      if (instruction.keyword === 'ENV') last = setting.value ?? '';
      else if (setting.value !== null) last = setting.value;
    }
    return last;
  },
};

/** Whether the last ENV or ARG default before the RUN (its FROM chain included) sets PIP_NO_CACHE_DIR. */
function pipNoCacheDirInherited(source: DockerfileSource, instruction: SourceInstruction): boolean {
  const value = stateBefore(source, PIP_NO_CACHE_DIR_FOLD, instruction);
  return value !== null && PIP_BOOLEAN.test(value);
}
