/**
 * DW009–DW010: package caches left in the final image's layers by `apk add` and `pip install`.
 * Only the stages that make up the final image are checked: a builder stage's layers never ship.
 */
import {
  insertionEdit,
  instructionsBefore,
  rawOffsetAfter,
  type DockerfileSource,
} from '../dockerfile-source';
import { contentRange, finalImageRuns, finding, mountsCache, runScript, type LintRule } from '../lint-rule';
import type { LintDiagnostic } from '../lint-types';
import { hasOption, packageCommands, removesPath, type PackageCommand } from '../package-commands';

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
      hasFlag: (command) => hasOption(command.args, ['--no-cache']),
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
  check: (source) =>
    cacheCheck(source, pipCacheRule, {
      matches: (command) => command.tool === 'pip' && command.subcommand.value === 'install',
      hasFlag: (command) => hasOption(command.args, ['--no-cache-dir']),
      cleanedDirectory: null,
      option: ' --no-cache-dir',
      message: 'pip install without --no-cache-dir keeps its download cache in the image.',
      // PIP_NO_CACHE_DIR set by ENV turns the cache off for every pip command after it.
      disabledByEnv: 'PIP_NO_CACHE_DIR',
    }),
};

interface CacheCheck {
  matches: (command: PackageCommand) => boolean;
  hasFlag: (command: PackageCommand) => boolean;
  cleanedDirectory: string | null;
  option: string;
  message: string;
  disabledByEnv?: string;
}

function cacheCheck(source: DockerfileSource, rule: LintRule, check: CacheCheck): LintDiagnostic[] {
  const diagnostics: LintDiagnostic[] = [];
  for (const instruction of finalImageRuns(source)) {
    const script = runScript(instruction);
    if (!script || mountsCache(instruction)) continue;
    if (check.cleanedDirectory && removesPath(script, check.cleanedDirectory)) continue;
    const { disabledByEnv } = check;
    if (
      disabledByEnv &&
      instructionsBefore(source, instruction).some(
        (other) =>
          other.keyword === 'ENV' &&
          new RegExp(`(^|\\s)${disabledByEnv}[=\\s]`).test(`${other.content.text} `),
      )
    ) {
      continue;
    }
    const missing = packageCommands(script).filter(
      (command) => check.matches(command) && !check.hasFlag(command),
    );
    const first = missing[0];
    if (!first) continue;
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
