/**
 * What every rule module shares: the rule shape, a diagnostic builder, and access to the shell
 * script of a RUN line with positions that map back to the editor.
 */
import {
  rawOffsetAfter,
  rawOffsetAt,
  type DockerfileSource,
  type SourceInstruction,
} from './dockerfile-source';
import type { DockerfileRuleInfo, LintDiagnostic, LintOptions } from './lint-types';
import { parseShellScript, type ShellScript } from './shell-script';

/** A rule: its description for the UI and the check that finds it. */
export interface LintRule extends DockerfileRuleInfo {
  check(source: DockerfileSource, options: LintOptions): LintDiagnostic[];
}

/** Where a finding sits: whole instruction lines, optionally narrowed to columns. */
export interface FindingPlace {
  line: number;
  endLine: number;
  column?: number;
  endColumn?: number;
}

/** A diagnostic of `rule` with the rule's severity and reason unless the finding overrides them. */
export function finding(
  rule: DockerfileRuleInfo,
  place: FindingPlace,
  details: Pick<LintDiagnostic, 'message'> & Partial<Pick<LintDiagnostic, 'why' | 'severity' | 'fix'>>,
): LintDiagnostic {
  const diagnostic: LintDiagnostic = {
    ruleId: rule.id,
    severity: details.severity ?? rule.severity,
    message: details.message,
    why: details.why ?? rule.why,
    ...place,
  };
  if (details.fix) diagnostic.fix = details.fix;
  return diagnostic;
}

/** The lines of an instruction as a finding place. */
export function wholeInstruction(instruction: SourceInstruction): FindingPlace {
  return { line: instruction.line, endLine: instruction.endLine };
}

/** The place of logical range `start`..`end` of an instruction's content (for underlining one command). */
export function contentRange(instruction: SourceInstruction, start: number, end: number): FindingPlace {
  const from = positionInRaw(instruction, rawOffsetAt(instruction.content, start));
  const to = positionInRaw(instruction, rawOffsetAfter(instruction.content, end));
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

/** A 0-based range as dockerfile-ast and dockerfile-utils give it. */
export interface ZeroBasedRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** A 0-based range as a finding place. */
export function astRange(range: ZeroBasedRange): FindingPlace {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function positionInRaw(instruction: SourceInstruction, offset: number): { line: number; column: number } {
  const before = instruction.raw.slice(0, offset);
  const lineBreak = before.lastIndexOf('\n');
  return {
    line: instruction.line + (before.match(/\n/g)?.length ?? 0),
    column: offset - (lineBreak + 1) + 1,
  };
}

/** The shell script of a shell-form RUN, or null for exec form and heredocs (rules skip those). */
export function runScript(instruction: SourceInstruction): ShellScript | null {
  if (instruction.keyword !== 'RUN' || instruction.execForm || instruction.heredoc) return null;
  return parseShellScript(instruction.content.text);
}

/** Whether a RUN mounts a build cache, which makes cache clean-up pointless. */
export function mountsCache(instruction: SourceInstruction): boolean {
  return instruction.flags.some(
    (flag) => flag.name === 'mount' && /(^|,)type=cache(,|$)/.test(flag.value ?? ''),
  );
}

/** RUN instructions of the stages whose layers ship in the final image. */
export function finalImageRuns(source: DockerfileSource): SourceInstruction[] {
  return source.instructions.filter(
    (instruction) => instruction.keyword === 'RUN' && source.finalChain.has(instruction.stageIndex),
  );
}
