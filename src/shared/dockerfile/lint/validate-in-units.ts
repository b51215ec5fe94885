/**
 * dockerfile-utils' validator, fed so that its cost grows with the file instead of its square.
 * On a whole file it resolves every `$VAR` by scanning every ENV and ARG of the stage and every
 * stage of the file (seconds for 0.1 MB), reads each instruction's arguments again for every check
 * (about 1 s for a 10,000-line RUN) and recurses forever on `  RUN $}` before any FROM. Its checks
 * are per instruction except a few file-wide ones, so it reads (see `validator-units`):
 *
 * - each instruction alone, after a `FROM scratch` line, many to a document, each distinct text
 *   once (generated files repeat themselves). Only FROM, EXPOSE and STOPSIGNAL look variables up;
 *   when they use one, the ARG and ENV lines that declare it come along as context;
 * - shell-form RUN, CMD and ENTRYPOINT with their command replaced by `x` on every line: the
 *   validator reads only their keyword, their line layout (blank lines) and whether they look like
 *   JSON, so the result is the same for a fraction of the work;
 * - a skeleton of the file for the file-wide checks (no FROM, several CMD in a stage, duplicate
 *   stage names, parser directives): every line blank except directives, FROM lines, the
 *   instructions those checks count, and `# dockerfile-utils: ignore` comments.
 *
 * An instruction longer than `MAX_UNIT_LINES` lines or `MAX_UNIT_CHARS` characters is checked only
 * up to there, and the caller says so. The last call's findings are kept per unit for the next.
 */
import { validate, ValidationCode } from 'dockerfile-utils';
import type { DockerfileSource } from './dockerfile-source';
import {
  skeletonOf,
  STAGE_START,
  validatorUnits,
  type CappedInstruction,
  type Unit,
} from './validator-units';

export type { CappedInstruction } from './validator-units';

/** One finding of dockerfile-utils' validator. */
export type ValidatorProblem = ReturnType<typeof validate>[number];

/** Lines the validator threw on (a dockerfile-ast bug): it found nothing there. */
export interface UncheckedLines {
  /** 1-based, like a finding. */
  line: number;
  endLine: number;
  reason: string;
}

/** The validator's findings with ranges in the source's lines, and what it could not read whole. */
export interface UnitValidation {
  problems: ValidatorProblem[];
  capped: CappedInstruction[];
  unchecked: UncheckedLines[];
}

/** Lines per document: small enough that the validator's per-stage scans stay short. */
const DOCUMENT_LINES = 400;

// Checks that need the whole file: the skeleton answers them, the units never do.
const FILE_WIDE_CODES = new Set<ValidationCode>([
  ValidationCode.CASING_DIRECTIVE,
  ValidationCode.DUPLICATED_ESCAPE_DIRECTIVE,
  ValidationCode.INVALID_ESCAPE_DIRECTIVE,
  ValidationCode.DUPLICATE_BUILD_STAGE_NAME,
  ValidationCode.NO_SOURCE_IMAGE,
  ValidationCode.MULTIPLE_INSTRUCTIONS,
]);

/** What the validator said about each distinct unit, lines relative to the unit's first line. */
interface Results {
  problems: Map<string, ValidatorProblem[]>;
  unchecked: UncheckedLines[];
  /** Keys of the units in documents the validator threw on. */
  failed: Set<string>;
}

/**
 * The findings of the last call's units, by key. The editor lints on every keystroke, which
 * changes one instruction, so the next call validates only that one. Each call replaces it, so it
 * holds one file's worth; a unit's findings depend on nothing but its key.
 */
let lastProblems = new Map<string, ValidatorProblem[]>();
/** The last skeleton and its file-wide findings: typing inside an instruction leaves it as it was. */
let lastSkeleton: { text: string | null; problems: ValidatorProblem[] } = { text: null, problems: [] };

/**
 * The validator's findings for the whole source; never throws. `documentLines` is how many lines
 * of instructions share one document.
 */
export function validateInUnits(source: DockerfileSource, documentLines = DOCUMENT_LINES): UnitValidation {
  const header = source.escape === '\\' ? [] : [`# escape=${source.escape}`];
  const { units, capped } = validatorUnits(source);
  const results = validateDistinct(units, header, documentLines);
  for (const key of results.failed) results.problems.delete(key);
  lastProblems = results.problems;
  const problems: ValidatorProblem[] = [];
  for (const unit of units) {
    for (const problem of results.problems.get(unit.key) ?? []) problems.push(shifted(problem, unit.start));
  }
  const unchecked = results.unchecked;
  const skeleton = skeletonOf(source);
  if (skeleton !== lastSkeleton.text) {
    const validated = validateSafely(skeleton, 1, source.lines.length);
    if ('problems' in validated) {
      const fileWide = validated.problems.filter((problem) => FILE_WIDE_CODES.has(Number(problem.code)));
      lastSkeleton = { text: skeleton, problems: fileWide };
    } else {
      lastSkeleton = { text: null, problems: [] };
      unchecked.push(validated);
    }
  }
  problems.push(...lastSkeleton.problems);
  return { problems, capped, unchecked };
}

/** The problems of each distinct unit, lines relative to the unit's first line. */
function validateDistinct(units: Unit[], header: string[], documentLines: number): Results {
  const results: Results = { problems: new Map(), unchecked: [], failed: new Set() };
  let batch: Unit[] = [];
  let batchLines = 0;
  const flush = (): void => {
    if (batch.length > 0) validateBatch(batch, header, results);
    batch = [];
    batchLines = 0;
  };
  for (const unit of units) {
    if (results.problems.has(unit.key) || results.failed.has(unit.key)) continue;
    const known = lastProblems.get(unit.key);
    results.problems.set(unit.key, known ?? []);
    if (known) continue;
    if (unit.context !== null || !unit.batchable) {
      validateBatch([unit], header, results);
      continue;
    }
    batch.push(unit);
    batchLines += unit.lines.length;
    if (batchLines >= documentLines) flush();
  }
  flush();
  return results;
}

function validateBatch(batch: Unit[], header: string[], results: Results): void {
  const lines = [...header];
  const context = batch.length === 1 ? batch[0]!.context : null;
  if (context) lines.push(...context);
  else lines.push(STAGE_START);
  const starts: number[] = [];
  for (const unit of batch) {
    starts.push(lines.length);
    lines.push(...unit.lines);
  }
  const first = batch[0]!;
  const last = batch.at(-1)!;
  const validated = validateSafely(lines.join('\n'), first.start + 1, last.start + last.lines.length);
  if (!('problems' in validated)) {
    results.unchecked.push(validated);
    for (const unit of batch) results.failed.add(unit.key);
    return;
  }
  for (const problem of validated.problems) {
    if (FILE_WIDE_CODES.has(Number(problem.code))) continue;
    const index = lastAtOrBefore(starts, problem.range.start.line);
    if (index < 0) continue; // in the context lines
    results.problems.get(batch[index]!.key)!.push(shifted(problem, -starts[index]!));
  }
}

/** The index of the last start at or before `line`, or -1. */
function lastAtOrBefore(starts: number[], line: number): number {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (starts[middle]! <= line) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

function shifted(problem: ValidatorProblem, lines: number): ValidatorProblem {
  const { start, end } = problem.range;
  return {
    ...problem,
    range: {
      start: { line: start.line + lines, character: start.character },
      end: { line: end.line + lines, character: end.character },
    },
  };
}

/** The validator's findings, or which lines it threw on. */
function validateSafely(
  text: string,
  line: number,
  endLine: number,
): { problems: ValidatorProblem[] } | UncheckedLines {
  try {
    return { problems: validate(text) };
  } catch (error) {
    return { line, endLine, reason: error instanceof Error ? error.message : String(error) };
  }
}
