/**
 * DW028–DW029: yum, dnf, microdnf and zypper in RUN lines — answer their question, and leave no
 * package cache in the layer. (DW030, their version pins, lives with the other pin rules.)
 */
import { insertionEdit, rawOffsetAfter, type DockerfileSource } from '../dockerfile-source';
import { contentRange, finding, type LintRule } from '../lint-rule';
import type { LintDiagnostic } from '../lint-types';
import { hasToolOption, toolAction, toolCommands, type ToolCommand } from '../package-installs';
import { mountsOver, runCommands, runShells, type RunShell } from '../run-shells';
import { appendCommandEdit } from './apt-rules';

// Subcommands that change packages and so ask "Is this ok [y/N]" first.
const ASKING = new Set([
  'install',
  'in',
  'groupinstall',
  'localinstall',
  'reinstall',
  'rei',
  'remove',
  'rm',
  'erase',
  'autoremove',
  'upgrade',
  'up',
  'update',
  'upgrade-minimal',
  'up-min',
  'update-minimal',
  'downgrade',
  'distro-sync',
  'swap',
  'source-install',
  'si',
  'patch',
  'dist-upgrade',
  'dup',
  'install-new-recommends',
  'inr',
  'module install',
  'module remove',
  'module enable',
  'module disable',
  'module reset',
  'module update',
  'group install',
  'group remove',
  'group upgrade',
  'groups install',
]);

// Subcommands that download packages and metadata into the cache.
const DOWNLOADING = new Set([
  'install',
  'in',
  'groupinstall',
  'localinstall',
  'reinstall',
  'rei',
  'upgrade',
  'up',
  'update',
  'upgrade-minimal',
  'up-min',
  'update-minimal',
  'downgrade',
  'distro-sync',
  'dist-upgrade',
  'dup',
  'patch',
  'module install',
  'group install',
  'groups install',
]);

const RPM_CACHES = ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'];
const ZYPPER_CACHE = '/var/cache/zypp';

/** DW028: yum/dnf/microdnf/zypper changing packages without `-y` (hadolint DL3030, DL3038, DL3034). */
export const rpmYesRule: LintRule = {
  id: 'DW028',
  title: 'Answer yum, dnf and zypper with -y',
  why: 'A build cannot answer "Is this ok [y/N]", so the package manager stops and the build fails or installs nothing.',
  severity: 'warning',
  fixable: true,
  check(source) {
    const diagnostics: LintDiagnostic[] = [];
    for (const shell of runShells(source)) {
      const asking = toolCommands(shell).filter(
        (command) => isRpmTool(command) && ASKING.has(toolAction(command)) && !answersYes(command),
      );
      const first = asking[0];
      if (!first) continue;
      const insertions = asking.map((command) => ({
        at: rawOffsetAfter(shell.instruction.content, command.command.nameWord.end),
        text: command.tool === 'zypper' ? ' --non-interactive' : ' -y',
      }));
      const { nameWord } = first.command;
      const option = first.tool === 'zypper' ? '--non-interactive' : '-y';
      diagnostics.push(
        finding(rpmYesRule, contentRange(shell.instruction, nameWord.start, nameWord.end), {
          message: `${first.command.name} ${toolAction(first)} has no ${option}: it stops at its confirmation question.`,
          fix: {
            title: asking.every((command) => command.tool === 'zypper') ? 'Add --non-interactive' : 'Add -y',
            edits: [insertionEdit(shell.instruction, insertions)],
          },
        }),
      );
    }
    return diagnostics;
  },
};

/** DW029: yum/dnf/microdnf/zypper installs without cleaning the cache in the same RUN (hadolint DL3032, DL3040, DL3036). */
export const rpmCacheRule: LintRule = {
  id: 'DW029',
  title: 'Clean the yum, dnf or zypper cache in the same RUN',
  why: 'yum, dnf and zypper keep repository metadata and packages in /var/cache, often over 100 MB; cleaned in a later RUN it still weighs in the earlier layer.',
  severity: 'warning',
  fixable: true,
  check(source) {
    const diagnostics: LintDiagnostic[] = [];
    for (const shell of runShells(source, true)) {
      const commands = toolCommands(shell).filter(isRpmTool);
      const programs = [...new Set(commands.map((command) => command.command.name))];
      for (const program of programs) {
        const installs = commands.filter(
          (command) => command.command.name === program && DOWNLOADING.has(toolAction(command)),
        );
        const last = installs.at(-1);
        if (!last || cleansAfter(shell, program, last.command.index)) continue;
        const caches = program === 'zypper' ? [ZYPPER_CACHE] : RPM_CACHES;
        if (caches.some((cache) => mountsOver(shell, cache))) continue;
        diagnostics.push(cacheFinding(source, shell, last, program));
      }
    }
    return diagnostics;
  },
};

function isRpmTool(command: ToolCommand): boolean {
  return command.tool === 'yum' || command.tool === 'dnf' || command.tool === 'zypper';
}

function answersYes(command: ToolCommand): boolean {
  if (command.tool === 'zypper')
    return hasToolOption(command, ['-n', '-y', '--non-interactive', '--no-confirm']);
  return (
    hasToolOption(command, ['-y', '--assumeyes']) ||
    command.options.some(({ value }) => /assumeyes=(1|true|yes|on)$/i.test(value))
  );
}

function cleanCommand(program: string): string {
  return program === 'zypper' ? 'zypper clean --all' : `${program} clean all`;
}

function cleansAfter(shell: RunShell, program: string, after: number): boolean {
  const caches = program === 'zypper' ? [ZYPPER_CACHE] : RPM_CACHES;
  return runCommands(shell).some((command) => {
    if (command.index <= after) return false;
    if (command.name === 'rm')
      return command.args.some(({ value }) => caches.some((cache) => value.startsWith(cache)));
    if (command.name !== program) return false;
    const words = command.args.filter(({ value }) => !value.startsWith('-')).map(({ value }) => value);
    if (program === 'zypper') return words[0] === 'clean' || words[0] === 'cc';
    return words[0] === 'clean' && words[1] === 'all';
  });
}

function cacheFinding(
  source: DockerfileSource,
  shell: RunShell,
  install: ToolCommand,
  program: string,
): LintDiagnostic {
  const { nameWord } = install.command;
  const clean = cleanCommand(program);
  const diagnostic = finding(rpmCacheRule, contentRange(shell.instruction, nameWord.start, nameWord.end), {
    message: `${program} ${toolAction(install)} without \`${clean}\` after it in the same RUN leaves its cache in the image.`,
  });
  // Cleaning as another user than the install (sudo yum …) could fail, so no fix there.
  const prefixed = install.command.nameWord !== shell.script.commands[install.command.index]?.words[0];
  const edit = prefixed ? null : appendCommandEdit(source, shell.instruction, shell.script, clean);
  if (edit) diagnostic.fix = { title: `Append && ${clean}`, edits: [edit] };
  return diagnostic;
}
