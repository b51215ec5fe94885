/**
 * DW023–DW025: habits from an interactive terminal that do not belong in a RUN — sudo, the `apt`
 * front end, and two download tools where one does.
 */
import {
  insertionEdit,
  rawOffsetAfter,
  rawOffsetAt,
  replacementEdit,
  type DockerfileSource,
  type SourceInstruction,
} from '../dockerfile-source';
import { parseImageName, setsNonRootUser } from '../image-family';
import { contentRange, finding, type LintRule } from '../lint-rule';
import type { LintDiagnostic, LintFix } from '../lint-types';
import { toolCommands } from '../package-installs';
import { runCommands, runShells, type RunShell } from '../run-shells';
import type { ShellWord } from '../shell-script';
import { stateBefore, userBefore, type ChainFold } from '../state-before';

// Official images known to start as root.
const ROOT_BY_DEFAULT = new Set([
  'debian',
  'ubuntu',
  'alpine',
  'busybox',
  'fedora',
  'rockylinux',
  'almalinux',
  'amazonlinux',
  'oraclelinux',
  'python',
  'node',
  'golang',
  'ruby',
  'php',
  'perl',
  'rust',
  'eclipse-temurin',
  'buildpack-deps',
]);
const RESERVED_WORDS = new Set(['if', 'then', 'do', 'else', 'elif', 'while', 'until', '!', '{', 'time']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** DW023: `sudo` in a RUN (hadolint DL3004). */
export const sudoRule: LintRule = {
  id: 'DW023',
  title: "Don't use sudo in RUN",
  why: 'A build runs RUN as root unless a USER line says otherwise, and most images have no sudo: it fails the build or hides which user really runs the command.',
  severity: 'warning',
  fixable: true,
  check(source) {
    const diagnostics: LintDiagnostic[] = [];
    for (const shell of runShells(source)) {
      // Where the RUN first mentions sudo: a sudo after that may be one this RUN installs.
      let firstSudo: number | null = null;
      for (const command of shell.script.commands) {
        const words = command.words;
        let position = 0;
        while (position < words.length && isPrefixWord(words[position]!.value)) position++;
        const sudo = words[position];
        if (!sudo || baseName(sudo.value) !== 'sudo') continue;
        firstSudo ??= shell.instruction.content.text.search(/\bsudo\b/);
        const fix = removeSudoFix(source, shell, sudo, words[position + 1], firstSudo);
        diagnostics.push(
          finding(sudoRule, contentRange(shell.instruction, sudo.start, sudo.end), {
            message: fix
              ? 'sudo in a RUN: this step already runs as root, so sudo only adds a tool the image may lack.'
              : 'sudo in a RUN: switch users with a USER line instead (USER root before, USER <name> after).',
            ...(fix ? { fix } : {}),
          }),
        );
      }
    }
    return diagnostics;
  },
};

// apt subcommands that apt-get runs the same way; `apt upgrade` also installs new dependencies and
// `search`, `show`, `list` belong to apt-cache, so those get no fix.
const SAME_IN_APT_GET = new Set([
  'install',
  'remove',
  'purge',
  'autoremove',
  'update',
  'clean',
  'autoclean',
  'source',
  'build-dep',
  'download',
  'satisfy',
]);

/** DW024: `apt` instead of `apt-get` (hadolint DL3027). */
export const aptFrontEndRule: LintRule = {
  id: 'DW024',
  title: 'Use apt-get instead of apt in scripts',
  why: 'apt is made for people at a terminal: its output and options may change between releases and it warns that its interface is not stable; apt-get and apt-cache are meant for scripts.',
  severity: 'warning',
  fixable: true,
  check(source) {
    const diagnostics: LintDiagnostic[] = [];
    for (const shell of runShells(source)) {
      for (const command of toolCommands(shell)) {
        const { nameWord } = command.command;
        if (command.command.name !== 'apt') continue;
        const action = command.positionals[0]?.value ?? '';
        const text = shell.instruction.content.text.slice(nameWord.start, nameWord.end);
        const fixable = SAME_IN_APT_GET.has(action) && text === nameWord.value;
        const alternative = ['search', 'show', 'policy', 'depends', 'rdepends'].includes(action)
          ? 'apt-cache'
          : 'apt-get';
        diagnostics.push(
          finding(aptFrontEndRule, contentRange(shell.instruction, nameWord.start, nameWord.end), {
            message: `apt ${action} in a RUN: use ${alternative}${action ? ` ${action}` : ''}, the version meant for scripts.`,
            ...(fixable
              ? {
                  fix: {
                    title: `Replace apt with apt-get`,
                    edits: [
                      insertionEdit(shell.instruction, [
                        { at: rawOffsetAfter(shell.instruction.content, nameWord.end), text: '-get' },
                      ]),
                    ],
                  },
                }
              : {}),
          }),
        );
      }
    }
    return diagnostics;
  },
};

/** DW025: both curl and wget in one stage (hadolint DL4001). */
export const curlWgetRule: LintRule = {
  id: 'DW025',
  title: 'Use either curl or wget, not both',
  why: 'curl and wget do the same job; keeping one of them makes the image smaller and leaves one tool less to keep patched.',
  severity: 'info',
  fixable: false,
  check(source) {
    const diagnostics: LintDiagnostic[] = [];
    const usedByStage = new Map<number, Set<string>>();
    for (const shell of runShells(source)) {
      const downloads = runCommands(shell).filter(({ name }) => name === 'curl' || name === 'wget');
      const first = downloads[0];
      if (!first) continue;
      const stage = shell.instruction.stageIndex;
      const used = usedByStage.get(stage) ?? new Set<string>();
      for (const { name } of downloads) used.add(name);
      usedByStage.set(stage, used);
      if (used.size < 2) continue;
      const other = first.name === 'curl' ? 'wget' : 'curl';
      diagnostics.push(
        finding(curlWgetRule, contentRange(shell.instruction, first.nameWord.start, first.nameWord.end), {
          message: `This stage uses both curl and wget: do this download with ${other} too, or the others with ${first.name}, and install only one.`,
        }),
      );
    }
    return diagnostics;
  },
};

function isPrefixWord(value: string): boolean {
  return RESERVED_WORDS.has(value) || ASSIGNMENT.test(value);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

// Whether a RUN before (its FROM chain included) mentions sudo: then the file may install it.
const SUDO_MENTIONED: ChainFold<boolean> = {
  initial: false,
  step: (mentioned, instruction) =>
    mentioned || (instruction.keyword === 'RUN' && /\bsudo\b/.test(instruction.content.text)),
};

/**
 * Removing sudo is safe only where the step provably runs as root (no USER but a root-by-default
 * official image, or USER root) and sudo is not installed by this file: then `sudo x` either fails
 * (no sudo) or does what `x` does.
 */
function removeSudoFix(
  source: DockerfileSource,
  shell: RunShell,
  sudo: ShellWord,
  next: ShellWord | undefined,
  firstSudo: number,
): LintFix | null {
  const { instruction } = shell;
  if (shell.onbuild || !next || next.value.startsWith('-')) return null;
  const from = rawOffsetAt(instruction.content, sudo.start);
  const to = rawOffsetAt(instruction.content, next.start);
  if (instruction.raw.slice(from, to).includes('\n')) return null;
  if (!runsAsRoot(source, instruction)) return null;
  if (stateBefore(source, SUDO_MENTIONED, instruction)) return null;
  if (firstSudo >= 0 && firstSudo < sudo.start) return null;
  return { title: 'Remove sudo', edits: [replacementEdit(instruction, from, to, '')] };
}

function runsAsRoot(source: DockerfileSource, instruction: SourceInstruction): boolean {
  const user = userBefore(source, instruction);
  if (user) return /^(root|0)(:|$)/.test(user.content.text.trim());
  const image = source.stages[instruction.stageIndex]?.rootImage ?? '';
  if (image === '' || image.includes('$') || setsNonRootUser(image)) return false;
  // Other images may set a USER of their own (solr, jetty, CI images), which a Dockerfile cannot see.
  return ROOT_BY_DEFAULT.has(parseImageName(image).path);
}
