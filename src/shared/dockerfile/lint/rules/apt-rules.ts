/**
 * DW005–DW008: apt-get in RUN lines — answer its question, skip recommended extras, leave no
 * package lists in the layer, and don't upgrade the base image's packages.
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
  wholeInstruction,
  type LintRule,
} from '../lint-rule';
import type { LintDiagnostic, LintEdit } from '../lint-types';
import { hasOption, packageCommands, removesPath, type PackageCommand } from '../package-commands';
import type { ShellScript } from '../shell-script';

const APT_LISTS = '/var/lib/apt/lists';

/** DW005: `apt-get install` without `-y`. */
export const aptYesRule: LintRule = {
  id: 'DW005',
  title: 'Answer apt-get with -y',
  why: 'A build cannot answer apt-get\'s "Do you want to continue?", so apt-get aborts and the build fails.',
  severity: 'warning',
  fixable: true,
  check: (source) =>
    aptInstallCheck(source, aptYesRule, ' -y', (command) => !answersYes(command), {
      message: 'apt-get install has no -y: it stops at its confirmation question.',
      fixTitle: 'Add -y',
    }),
};

/** DW006: `apt-get install` without `--no-install-recommends`. */
export const aptRecommendsRule: LintRule = {
  id: 'DW006',
  title: 'Install without recommended extras',
  why: 'Without --no-install-recommends apt also installs "recommended" packages you did not ask for, often tens of megabytes.',
  severity: 'warning',
  fixable: true,
  check: (source) =>
    aptInstallCheck(
      source,
      aptRecommendsRule,
      ' --no-install-recommends',
      (command) => !skipsRecommends(command),
      {
        message: 'apt-get install without --no-install-recommends pulls in extra packages.',
        fixTitle: 'Add --no-install-recommends',
      },
    ),
};

/** DW007: `apt-get update` without removing the package lists in the same RUN. */
export const aptListsRule: LintRule = {
  id: 'DW007',
  title: 'Remove apt package lists in the same RUN',
  why: 'apt-get update downloads package lists (tens of MB); removed in a later RUN they still weigh in the earlier layer.',
  severity: 'warning',
  fixable: true,
  check(source) {
    const diagnostics: LintDiagnostic[] = [];
    for (const instruction of finalImageRuns(source)) {
      const script = runScript(instruction);
      // A cache or tmpfs mount over the lists keeps them out of the layer; one elsewhere does not.
      if (!script || mountCovers(instruction, holds(APT_LISTS))) continue;
      const update = packageCommands(script).find(
        (command) =>
          (command.tool === 'apt' || command.tool === 'aptitude') && command.subcommand.value === 'update',
      );
      if (!update || removesPath(script, APT_LISTS)) continue;
      const program = update.tool === 'aptitude' ? 'aptitude' : 'apt-get';
      const diagnostic = finding(aptListsRule, wholeInstruction(instruction), {
        message: `${program} update without \`rm -rf /var/lib/apt/lists/*\` in the same RUN leaves the lists in the image.`,
      });
      const edit = appendCommandEdit(source, instruction, script, `rm -rf ${APT_LISTS}/*`);
      if (edit) diagnostic.fix = { title: `Append && rm -rf ${APT_LISTS}/*`, edits: [edit] };
      diagnostics.push(diagnostic);
    }
    return diagnostics;
  },
};

/** DW008: `apt-get upgrade` / `dist-upgrade`. */
export const aptUpgradeRule: LintRule = {
  id: 'DW008',
  title: "Don't upgrade the base image's packages",
  why: 'Upgrading in a build makes the image depend on the day it was built; a newer base image tag brings the same fixes, tested.',
  severity: 'warning',
  fixable: false,
  check(source) {
    const diagnostics: LintDiagnostic[] = [];
    for (const instruction of source.instructions) {
      const script = runScript(instruction);
      if (!script) continue;
      for (const command of packageCommands(script)) {
        if (command.tool !== 'apt' || !/^(dist-|full-)?upgrade$/.test(command.subcommand.value)) continue;
        diagnostics.push(
          finding(
            aptUpgradeRule,
            contentRange(instruction, command.subcommand.start, command.subcommand.end),
            {
              message: `apt-get ${command.subcommand.value} upgrades the base image's packages inside your build.`,
            },
          ),
        );
      }
    }
    return diagnostics;
  },
};

function aptInstallCheck(
  source: DockerfileSource,
  rule: LintRule,
  option: string,
  isMissing: (command: PackageCommand) => boolean,
  words: { message: string; fixTitle: string },
): LintDiagnostic[] {
  const diagnostics: LintDiagnostic[] = [];
  for (const instruction of source.instructions) {
    const script = runScript(instruction);
    if (!script) continue;
    const missing = packageCommands(script).filter(
      (command) => command.tool === 'apt' && command.subcommand.value === 'install' && isMissing(command),
    );
    const first = missing[0];
    if (!first) continue;
    const insertions = missing.map((command) => ({
      at: rawOffsetAfter(instruction.content, command.subcommand.end),
      text: option,
    }));
    diagnostics.push(
      finding(rule, contentRange(instruction, first.subcommand.start, first.subcommand.end), {
        message: words.message,
        fix: { title: words.fixTitle, edits: [insertionEdit(instruction, insertions)] },
      }),
    );
  }
  return diagnostics;
}

function answersYes({ args }: PackageCommand): boolean {
  // apt-get(8) on -q: "Quiet level 2 implies -y".
  if (quietLevel(args) >= 2) return true;
  return args.some(
    ({ value }) =>
      value === '--yes' ||
      value === '--assume-yes' ||
      /^-[a-zA-Z]*y[a-zA-Z]*$/.test(value) ||
      /APT::Get::Assume-Yes=(true|1|yes)/i.test(value),
  );
}

/** apt-get's quiet level: `-q` and `--quiet` add one each (`-qq` two), `-q=N` sets it. */
function quietLevel(args: PackageCommand['args']): number {
  let level = 0;
  for (const { value } of args) {
    const set = /^(?:-q|--quiet)=(\d+)$/.exec(value);
    if (set) level = Number(set[1]);
    else if (value === '--quiet') level++;
    else if (/^-[a-zA-Z]+$/.test(value)) level += value.split('q').length - 1;
  }
  return level;
}

function skipsRecommends({ args }: PackageCommand): boolean {
  return (
    hasOption(args, ['--no-install-recommends']) ||
    args.some(({ value }) => /APT::Install-Recommends=(false|0|no)/i.test(value))
  );
}

/**
 * Appends `&& <command>` to the end of a RUN, on a new continued line when the RUN already spans
 * several. Null when the script ends in a comment or a dangling operator, where appending is unsafe.
 */
export function appendCommandEdit(
  source: DockerfileSource,
  instruction: SourceInstruction,
  script: ShellScript,
  command: string,
): LintEdit | null {
  if (script.commentStart !== null) return null;
  const text = instruction.content.text.trimEnd();
  if (text === '' || /[&|\\]$/.test(text)) return null;
  const operator = text.endsWith(';') ? '' : '&& ';
  const at = rawOffsetAfter(instruction.content, text.length);
  if (!instruction.raw.includes('\n'))
    return insertionEdit(instruction, [{ at, text: ` ${operator}${command}` }]);
  const lastLine = instruction.raw.slice(instruction.raw.lastIndexOf('\n') + 1);
  const indent = /^\s*/.exec(lastLine)?.[0] || '    ';
  const continuation = ` ${source.escape}\n${indent}${operator}${command}`;
  return insertionEdit(instruction, [{ at, text: continuation }]);
}
