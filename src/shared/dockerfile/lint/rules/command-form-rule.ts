/**
 * DW003: CMD and ENTRYPOINT in shell form run the program under `/bin/sh -c`.
 */
import { splitCommandLine } from '../../../containers';
import type { DockerfileSource, SourceInstruction } from '../dockerfile-source';
import { shellInForce } from '../state-before';
import { finding, wholeInstruction, type LintRule } from '../lint-rule';
import type { LintDiagnostic, LintFix } from '../lint-types';

// Anything the shell would expand or interpret: converting such a line would change what runs.
const SHELL_SYNTAX = /[$`|&;<>(){}*?[\]~#!\\\n]/;
const SHELL_BUILTINS = new Set([
  'cd',
  'export',
  'set',
  'source',
  '.',
  'if',
  'for',
  'while',
  'until',
  'case',
  'exit',
  'ulimit',
  'umask',
  'alias',
  'eval',
  'trap',
  'wait',
  'read',
  'test',
  'true',
  'false',
]);

/** DW003: shell-form CMD or ENTRYPOINT. */
export const commandFormRule: LintRule = {
  id: 'DW003',
  title: 'Use the exec form for CMD and ENTRYPOINT',
  why: 'In shell form /bin/sh is PID 1 and does not pass SIGTERM on, so `docker stop` waits 10 seconds and then kills your app.',
  severity: 'warning',
  fixable: true,
  check(source) {
    const diagnostics: LintDiagnostic[] = [];
    for (const instruction of source.instructions) {
      const { keyword } = instruction;
      if (keyword !== 'CMD' && keyword !== 'ENTRYPOINT') continue;
      if (instruction.execForm || instruction.content.text.trim() === '') continue;
      const diagnostic = finding(commandFormRule, wholeInstruction(instruction), {
        message:
          keyword === 'CMD'
            ? 'CMD is in shell form: write it as a JSON list, e.g. CMD ["python", "app.py"].'
            : 'ENTRYPOINT is in shell form: it ignores CMD and `docker run` arguments; write it as a JSON list.',
      });
      const fix = execFormFix(source, instruction);
      if (fix) diagnostic.fix = fix;
      diagnostics.push(diagnostic);
    }
    return diagnostics;
  },
};

function execFormFix(source: DockerfileSource, instruction: SourceInstruction): LintFix | null {
  // Exec form bypasses SHELL; with a custom SHELL the shell form may mean something else.
  if (shellInForce(source, instruction)) return null;
  const text = instruction.content.text.trim();
  if (SHELL_SYNTAX.test(text)) return null;
  const split = splitCommandLine(text);
  if (!split.ok) return null;
  const words = split.words[0] === 'exec' ? split.words.slice(1) : split.words;
  const program = words[0];
  if (program === undefined || program.includes('=') || SHELL_BUILTINS.has(program)) return null;
  const newText = `${instruction.keyword} [${words.map((word) => JSON.stringify(word)).join(', ')}]`;
  return {
    title: `Convert to ${newText}`,
    edits: [{ line: instruction.line, endLine: instruction.endLine, newText }],
  };
}
