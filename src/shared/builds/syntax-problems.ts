import { lintDockerfile } from '../dockerfile/lint/lint-dockerfile';
import { closestInstruction } from './summarize-build-error';

/**
 * The linter's syntax errors (DW000): the builder refuses the file before any step runs. An
 * unknown instruction gets the one it was probably meant to be.
 */
export function syntaxProblems(text: string): { line: number; message: string }[] {
  return lintDockerfile(text)
    .filter((problem) => problem.ruleId === 'DW000' && problem.severity === 'error')
    .map((problem) => {
      const unknown = /^Unknown instruction: (\S+)/i.exec(problem.message)?.[1];
      const closest = unknown ? closestInstruction(unknown) : null;
      return {
        line: problem.line,
        message: closest ? `${problem.message} — did you mean ${closest}?` : problem.message,
      };
    });
}
