/**
 * DW011–DW013: how RUN lines are shaped — consecutive RUNs that could be one layer, `cd` instead
 * of WORKDIR, and pipes whose failures the default shell hides.
 */
import { rawOffsetAt, type DockerfileSource, type SourceInstruction } from '../dockerfile-source';
import { contentRange, finding, runScript, type LintRule } from '../lint-rule';
import type { LintDiagnostic, LintFix } from '../lint-types';
import { commandInvocation, type ShellScript } from '../shell-script';
import { shellInForce } from '../state-before';

// Commands whose effect outlives them in the same shell: after a merge they would change what the
// next RUN's commands do (a `cd` moves them, an `export` changes their environment).
const STATE_CHANGING = new Set([
  'cd',
  'pushd',
  'popd',
  'export',
  'unset',
  'set',
  'source',
  '.',
  'alias',
  'unalias',
  'umask',
  'ulimit',
  'shopt',
  'exit',
  'exec',
  'trap',
  'readonly',
  'declare',
  'typeset',
  'local',
  'eval',
  'return',
  'shift',
  'function',
]);
const RESERVED_WORDS = new Set(['if', 'then', 'do', 'else', 'elif', 'while', 'until', '!', '{', 'time']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** DW011: consecutive RUN instructions that could be merged. */
export const mergeRunsRule: LintRule = {
  id: 'DW011',
  title: 'Merge consecutive RUN instructions',
  why: 'Each RUN adds a layer; one RUN joined with && makes one, and a file deleted in a later RUN still weighs in the earlier layer.',
  severity: 'info',
  fixable: true,
  check(source) {
    const diagnostics: LintDiagnostic[] = [];
    for (const stage of source.stages) {
      const { instructions } = stage;
      let start = 0;
      while (start < instructions.length) {
        let end = start;
        while (end + 1 < instructions.length && canMerge(source, instructions[end]!, instructions[end + 1]!))
          end++;
        if (end > start) {
          const group = instructions.slice(start, end + 1);
          const fix = mergeFix(source, group);
          diagnostics.push(
            finding(
              mergeRunsRule,
              { line: group[0]!.line, endLine: group.at(-1)!.endLine },
              {
                message: `${group.length} consecutive RUN instructions could be one RUN joined with &&.`,
                ...(fix ? { fix } : {}),
              },
            ),
          );
        }
        start = end + 1;
      }
    }
    return diagnostics;
  },
};

/** DW012: `cd` inside RUN. */
export const cdRule: LintRule = {
  id: 'DW012',
  title: 'Use WORKDIR instead of cd',
  why: 'A cd lasts only until the end of its RUN; WORKDIR applies to every following instruction and shows in the file at a glance.',
  severity: 'warning',
  fixable: false,
  check(source) {
    const diagnostics: LintDiagnostic[] = [];
    for (const instruction of source.instructions) {
      const script = runScript(instruction);
      const cd = script?.commands.map(commandInvocation).find((invocation) => invocation?.name === 'cd');
      if (!cd) continue;
      diagnostics.push(
        finding(cdRule, contentRange(instruction, cd.nameWord.start, cd.nameWord.end), {
          message: 'cd in a RUN: set the directory with WORKDIR instead.',
        }),
      );
    }
    return diagnostics;
  },
};

const PIPEFAIL_WHY =
  'Without pipefail a pipe reports only its last command: in `curl … | tar x` a failed download still passes the build.';

/** DW013: a pipe without `pipefail`. */
export const pipefailRule: LintRule = {
  id: 'DW013',
  title: 'Set pipefail before piping',
  why: PIPEFAIL_WHY,
  severity: 'warning',
  fixable: true,
  check(source) {
    const diagnostics: LintDiagnostic[] = [];
    for (const instruction of source.instructions) {
      const script = runScript(instruction);
      if (!script) continue;
      const pipeIndex = script.commands.findIndex((command) => command.operatorBefore === '|');
      if (pipeIndex < 0 || setsPipefail(script, pipeIndex)) continue;
      const shell = shellInForce(source, instruction);
      if (shell && isWindowsShell(shell)) continue;
      const pipe = script.commands[pipeIndex]!.words[0]!;
      const place = contentRange(instruction, pipe.start, pipe.end);
      const { family } = source.stages[instruction.stageIndex] ?? { family: 'unknown' };
      const busyboxSh = family === 'alpine' || family === 'busybox';
      if (shell?.some((word) => word.includes('pipefail'))) {
        const program = shell[0] ?? '';
        // Plain sh is only known to take -o pipefail where it is busybox ash.
        if (!/(^|\/)(sh|dash)$/.test(program) || busyboxSh) continue;
        diagnostics.push(
          finding(pipefailRule, place, {
            message: `The SHELL runs ${program} with pipefail, which only some sh accept: use "/bin/bash" where bash exists.`,
            why: `${program} may be dash (Debian's and Ubuntu's /bin/sh), which rejects -o pipefail before version 0.5.13; bash and busybox sh have it.`,
          }),
        );
        continue;
      }
      if (shell) {
        const program = shell[0] ?? '';
        const bashLike = /(^|\/)(bash|ash|zsh|ksh)$/.test(program);
        diagnostics.push(
          finding(pipefailRule, place, {
            message: bashLike
              ? `The SHELL (${program}) runs without pipefail: add "-o", "pipefail" before "-c".`
              : `This RUN pipes, and its SHELL (${program}) is not bash: use SHELL ["/bin/bash", "-o", "pipefail", "-c"] where bash exists.`,
            why: bashLike
              ? PIPEFAIL_WHY
              : `${program} may be dash (Debian's /bin/sh), which has no pipefail; bash and busybox sh have it.`,
          }),
        );
        continue;
      }
      // A SHELL inserted before an ONBUILD trigger would also change this image's own RUNs.
      const fix = instruction.keyword === 'RUN' ? pipefailFix(source, instruction) : null;
      diagnostics.push(
        finding(pipefailRule, place, {
          message: 'This RUN pipes without pipefail: a failure before the last | goes unnoticed.',
          why: fix
            ? PIPEFAIL_WHY
            : 'Debian and Ubuntu\'s /bin/sh (dash) has no pipefail: add SHELL ["/bin/bash", "-o", "pipefail", "-c"]; on Alpine use /bin/sh instead of bash.',
          ...(fix ? { fix } : {}),
        }),
      );
    }
    return diagnostics;
  },
};

function canMerge(source: DockerfileSource, first: SourceInstruction, second: SourceInstruction): boolean {
  if (first.keyword !== 'RUN' || second.keyword !== 'RUN') return false;
  if (JSON.stringify(first.flags) !== JSON.stringify(second.flags)) return false;
  const firstScript = runScript(first);
  if (!firstScript || !runScript(second)) return false;
  // Comments between the two belong to the author's layout; a merge would have to drop them.
  const between = source.lines.slice(first.endLine, second.line - 1);
  if (between.some((line) => line.trim() !== '')) return false;
  if (firstScript.commentStart !== null) return false;
  if (/[&|\\]$/.test(first.content.text.trimEnd())) return false;
  return firstScript.commands.every((command) => {
    if (command.operatorBefore === '&') return false;
    const words = command.words.filter((word) => !RESERVED_WORDS.has(word.value));
    const program = words[0]?.value ?? '';
    if (STATE_CHANGING.has(program)) return false;
    return !words.every((word) => ASSIGNMENT.test(word.value));
  });
}

function mergeFix(source: DockerfileSource, group: SourceInstruction[]): LintFix | null {
  const parts: string[] = [];
  for (const [index, instruction] of group.entries()) {
    const from = index === 0 ? 0 : rawOffsetAt(instruction.content, 0);
    let part = instruction.raw.slice(from).trimEnd();
    // `x && a || b` or `x && a; b` would run b after x failed: a later RUN with ; or || becomes
    // one group so that a failure anywhere still stops the build, as it did between two RUNs.
    const script = runScript(instruction)!;
    const grouped =
      index > 0 &&
      script.commands.some(({ operatorBefore }) => operatorBefore === ';' || operatorBefore === '||');
    if (grouped && script.commentStart !== null) return null;
    if ((index < group.length - 1 || grouped) && part.endsWith(';')) part = part.slice(0, -1).trimEnd();
    parts.push(grouped ? `{ ${part}; }` : part);
  }
  return {
    title: `Merge the ${group.length} RUN instructions`,
    edits: [
      {
        line: group[0]!.line,
        endLine: group.at(-1)!.endLine,
        newText: parts.join(` && ${source.escape}\n    `),
      },
    ],
  };
}

function setsPipefail(script: ShellScript, before: number): boolean {
  return script.commands.slice(0, before).some((command) => {
    const invocation = commandInvocation(command);
    return invocation?.name === 'set' && invocation.args.some((arg) => arg.value === 'pipefail');
  });
}

function isWindowsShell(shell: string[]): boolean {
  return /(powershell|pwsh|cmd)(\.exe)?$/i.test(shell[0] ?? '');
}

function pipefailFix(source: DockerfileSource, instruction: SourceInstruction): LintFix | null {
  const { family } = source.stages[instruction.stageIndex] ?? { family: 'unknown' };
  // Debian's /bin/sh is dash (no pipefail) but bash is always there; Alpine and busybox sh support it.
  const shell =
    family === 'debian'
      ? '["/bin/bash", "-o", "pipefail", "-c"]'
      : family === 'alpine' || family === 'busybox'
        ? '["/bin/sh", "-o", "pipefail", "-c"]'
        : null;
  if (!shell) return null;
  const indent = /^\s*/.exec(instruction.raw)?.[0] ?? '';
  return {
    title: `Insert SHELL ${shell} before this RUN`,
    edits: [
      {
        line: instruction.line,
        endLine: instruction.endLine,
        newText: `${indent}SHELL ${shell}\n${instruction.raw}`,
      },
    ],
  };
}
