/**
 * The Dockerfile a debug shell is built from (issue #18): the same file cut just before the step
 * that failed (or just after a step of a build that succeeded), so every step left in it comes
 * from the cache and the image it makes is the filesystem, WORKDIR, ENV and USER that step saw.
 * Cut at instruction boundaries only: continuation lines and heredoc bodies stay whole, the parser
 * directives at the top stay. The stage of the step is the cut file's last stage, so it is what
 * both builders build by default (no target needed).
 */
import { analyzeDockerfile } from '../dockerfile/analyze-dockerfile';
import { fail, ok, type Result } from '../result';
import type { BuildSummary } from './build-record';

/** `debug:start`'s answer: the debug build started, and what to open the shell with when it succeeds. */
export interface DebugBuild {
  build: BuildSummary;
  /** The tag the debug image gets. */
  image: string;
  /** The instruction left out (shown in the shell, not run); null for a shell after a step. */
  pending: string | null;
  pendingCommand: string | null;
  line: number;
}

/** What to build for the shell, and what to show in it. */
export interface DebugDockerfile {
  /** The cut Dockerfile. */
  text: string;
  /** 1-based line of the step the shell is at (its first line). */
  line: number;
  /** The instruction left out, shown in the shell and not run (null after a step). */
  pending: string | null;
  /** The command a RUN would have run, ready to paste (null for other instructions). */
  pendingCommand: string | null;
}

/**
 * `before`: a shell where the instruction at `line` was about to run; `after`: where it had just
 * run. Fails (field `line`) for a line with no instruction of a stage, or a FROM cut before itself.
 */
export function debugDockerfile(text: string, line: number, at: 'before' | 'after'): Result<DebugDockerfile> {
  const analysis = analyzeDockerfile(text);
  const instruction = analysis.instructions.find(
    (candidate) => candidate.line <= line && line <= candidate.endLine,
  );
  if (!instruction || instruction.stageIndex < 0)
    return fail('VALIDATION', `Line ${line} holds no step of a build stage.`, { field: 'line', line });
  if (at === 'before' && instruction.keyword === 'FROM')
    return fail(
      'VALIDATION',
      `Line ${line} starts a stage (FROM ${analysis.stages[instruction.stageIndex]?.baseImage ?? ''}): before it there is no image to open a shell in.`,
      { field: 'line', line },
    );
  const lines = text.split('\n');
  const keep = at === 'before' ? instruction.line - 1 : instruction.endLine;
  const cut = `${lines.slice(0, keep).join('\n')}\n`;
  const isRun = instruction.keyword === 'RUN' && !instruction.parsed.json;
  return ok({
    text: cut,
    line: instruction.line,
    pending: at === 'before' ? instruction.text : null,
    pendingCommand: at === 'before' && isRun ? (instruction.parsed.words[0] ?? null) : null,
  });
}
