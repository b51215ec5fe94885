/**
 * dockerfile-utils' validator, fed so that its cost grows with the file instead of its square.
 * On a whole file it resolves every `$VAR` by scanning every ENV and ARG of the stage and every
 * stage of the file (seconds for 0.1 MB), reads each instruction's arguments again for every check
 * (about 1 s for a 10,000-line RUN) and recurses forever on `  RUN $}` before any FROM. Its checks
 * are per instruction except a few file-wide ones, so it reads:
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
 * An instruction still longer than `MAX_UNIT_LINES` lines or `MAX_UNIT_CHARS` characters is
 * checked only up to there, and the caller says so.
 */
import { validate, ValidationCode } from 'dockerfile-utils';
import { continuationEscapeAt } from '../scan-dockerfile';
import type { DockerfileSource, SourceInstruction } from './dockerfile-source';
import { variableSettings } from './state-before';

/** One finding of dockerfile-utils' validator. */
export type ValidatorProblem = ReturnType<typeof validate>[number];

/** An instruction the validator read only the start of. */
export interface CappedInstruction {
  instruction: SourceInstruction;
  /** How many of its lines the validator read (0: none, its first line alone is too long). */
  linesChecked: number;
}

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

/** Instructions longer than this are checked up to here: the validator spends ~10 ms per 1,000 lines. */
export const MAX_UNIT_LINES = 2_000;
export const MAX_UNIT_CHARS = 100_000;
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
// Instructions the file-wide checks count.
const COUNTED_KEYWORDS = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);
const SHRINKABLE_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT']);
const VARIABLE_KEYWORDS = new Set(['FROM', 'EXPOSE', 'STOPSIGNAL']);
// Any name, even none: dockerfile-ast reads `ENV =a` as a variable with an empty name, and `$-` uses it.
const VARIABLE = /\$\{?([A-Za-z0-9_]*)/g;
const STAGE_START = 'FROM scratch';
const BLANK_OR_COMMENT = /^\s*(#.*)?$/;

/** A piece of the file the validator reads on its own: an instruction, maybe with context. */
interface Unit {
  /** 0-based source line of `lines[0]`. */
  start: number;
  lines: string[];
  /** Lines that must come before it (ARG and ENV declaring its variables), or null for none. */
  context: string[] | null;
  /** Context and lines: units with the same key have the same findings. */
  key: string;
  /** Whether it can share a document with other units (see `endsClosed`). */
  batchable: boolean;
}

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

/**
 * The validator's findings for the whole source; never throws. `documentLines` is how many lines
 * of instructions share one document.
 */
export function validateInUnits(source: DockerfileSource, documentLines = DOCUMENT_LINES): UnitValidation {
  const header = source.escape === '\\' ? [] : [`# escape=${source.escape}`];
  const capped: CappedInstruction[] = [];
  const units: Unit[] = [];
  const contextOf = variableContexts(source);
  let previousEnd = -1;
  for (const instruction of source.instructions) {
    const { start, lines, closed } = unitLines(source, instruction, previousEnd);
    previousEnd = instruction.endLine - 1;
    const checked = capLines(lines, source.escape);
    if (checked.length < lines.length) {
      const own = instruction.line - 1 - start;
      capped.push({ instruction, linesChecked: Math.max(0, checked.length - own) });
    }
    if (checked.length === 0) continue;
    const context = contextOf(instruction);
    const key = `${source.escape}\u0000${context?.join('\n') ?? ''}\u0000${checked.join('\n')}`;
    const batchable = closed && checked === lines && heredocsEndAlike(instruction, lines);
    units.push({ start, lines: checked, context, key, batchable });
  }
  const results = validateDistinct(units, header, documentLines);
  for (const key of results.failed) results.problems.delete(key);
  lastProblems = results.problems;
  const problems: ValidatorProblem[] = [];
  for (const unit of units) {
    for (const problem of results.problems.get(unit.key) ?? []) problems.push(shifted(problem, unit.start));
  }
  const unchecked = results.unchecked;
  const skeleton = validateSafely(skeletonOf(source), 1, source.lines.length);
  if ('problems' in skeleton) {
    problems.push(...skeleton.problems.filter((problem) => FILE_WIDE_CODES.has(Number(problem.code))));
  } else {
    unchecked.push(skeleton);
  }
  return { problems, capped, unchecked };
}

/**
 * Whether dockerfile-ast ends the instruction's heredocs where BuildKit does: none, or one plain
 * `<<EOF` (quotes and `-` allowed) right above its body, whose terminator is the unit's last line.
 * Anything else gets a document of its own, where reading on past its end harms nothing.
 */
function heredocsEndAlike(instruction: SourceInstruction, lines: string[]): boolean {
  const markers = lines.filter((line) => line.includes('<<')).length;
  if (markers === 0) return true;
  const [heredoc, ...more] = instruction.heredocs;
  if (!heredoc || more.length > 0 || heredoc.fileDescriptor !== 0) return false;
  const { name, chomp } = heredoc;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return false;
  const head = lines.findIndex((line) => line.includes('<<'));
  const marker = new RegExp(`<<${chomp ? '-' : ''}(["']?)${name}\\1(\\s|$)`);
  const last = lines.at(-1)!;
  return (
    markers === 1 &&
    head + heredoc.content.split('\n').length + 1 === lines.length &&
    (lines[head]!.match(/<</g)?.length ?? 0) === 1 &&
    marker.test(lines[head]!) &&
    (chomp ? last.replace(/^\t+/, '') : last) === name
  );
}

/** The lines of an instruction as the validator reads them, from source line `start` (0-based). */
function unitLines(
  source: DockerfileSource,
  instruction: SourceInstruction,
  previousEnd: number,
): { start: number; lines: string[]; closed: boolean } {
  let start = instruction.line - 1;
  // The validator drops findings of the instruction right under this comment: keep them together.
  if (start - 1 > previousEnd && isIgnoreComment(source.lines[start - 1] ?? '')) start--;
  let end = instruction.endLine;
  let lastContent = end - 1;
  while (lastContent > instruction.line - 1 && BLANK_OR_COMMENT.test(source.lines[lastContent]!))
    lastContent--;
  const last = source.lines[lastContent] ?? '';
  // An instruction continued into the end of the file: dockerfile-ast reads the blank and comment
  // lines after it as its own (and warns about them).
  const continued = continuationEscapeAt(last, source.escape) >= 0;
  if (continued) {
    while (end < source.lines.length && BLANK_OR_COMMENT.test(source.lines[end]!)) end++;
  }
  const lines = source.lines.slice(start, end);
  const own = start === instruction.line - 1 ? 0 : 1;
  if (shrinkable(instruction)) {
    for (let index = own; index < lines.length; index++) {
      lines[index] = shrunkLine(lines[index]!, index === own, source.escape);
    }
  }
  // dockerfile-ast also continues after a doubled escape (`a\\`), which BuildKit ends on.
  const closed = !continued && !last.trimEnd().endsWith(source.escape);
  return { start, lines, closed };
}

function isIgnoreComment(line: string): boolean {
  return /^\s*#\s*dockerfile-utils:\s*ignore\s*$/.test(line);
}

/** Shell-form RUN, CMD and ENTRYPOINT with a command: the validator reads only their layout. */
function shrinkable(instruction: SourceInstruction): boolean {
  if (!SHRINKABLE_KEYWORDS.has(instruction.keyword) || instruction.heredoc) return false;
  const content = instruction.content.text.trim();
  return content !== '' && !content.startsWith('[') && !instruction.raw.includes('<<');
}

/** A line of a shrinkable instruction with its words replaced by `x`; blank and comment lines stay. */
function shrunkLine(line: string, first: boolean, escape: string): string {
  const continued = continuationEscapeAt(line, escape) >= 0 ? ` ${escape}` : '';
  if (first) return `${keywordOf(line)} x${continued}`;
  const trimmed = line.trim();
  if (trimmed === '') return line;
  if (trimmed.startsWith('#')) return '#';
  return `x${continued}`;
}

/** The lines of a unit the validator reads: all, or the start of a very long one, ended cleanly. */
function capLines(lines: string[], escape: string): string[] {
  let chars = 0;
  let kept = 0;
  while (kept < lines.length && kept < MAX_UNIT_LINES && chars + lines[kept]!.length <= MAX_UNIT_CHARS) {
    chars += lines[kept]!.length + 1;
    kept++;
  }
  if (kept === lines.length) return lines;
  const head = lines.slice(0, kept);
  // End the instruction at the last line with words on it, without its continuation escape.
  while (head.length > 0 && BLANK_OR_COMMENT.test(head.at(-1)!)) head.pop();
  if (head.length === 0) return [];
  const last = head.at(-1)!;
  const escapeAt = continuationEscapeAt(last, escape);
  if (escapeAt >= 0) head[head.length - 1] = last.slice(0, escapeAt);
  return head;
}

/**
 * The ARG and ENV lines FROM, EXPOSE and STOPSIGNAL need to look their variables up as in the
 * whole file: FROM sees the ARGs before the first FROM; the others see their stage's last ENV and
 * last ARG of each name (dockerfile-ast looks no further), then those ARGs.
 */
function variableContexts(source: DockerfileSource): (instruction: SourceInstruction) => string[] | null {
  const needing = source.instructions.filter(
    (instruction) => VARIABLE_KEYWORDS.has(instruction.keyword) && instruction.raw.includes('$'),
  );
  if (needing.length === 0) return () => null;
  const initialArgs = source.instructions.filter(
    (instruction) => instruction.stageIndex === -1 && instruction.keyword === 'ARG',
  );
  const contexts = new Map<SourceInstruction, string[]>();
  const lastEnv = new Map<string, SourceInstruction>();
  const lastArg = new Map<string, SourceInstruction>();
  let stage = Number.NaN;
  let next = 0;
  for (const instruction of source.instructions) {
    if (instruction.stageIndex !== stage) {
      stage = instruction.stageIndex;
      lastEnv.clear();
      lastArg.clear();
    }
    if (instruction === needing[next]) {
      next++;
      const names = new Set([...instruction.raw.matchAll(VARIABLE)].map((match) => match[1]!));
      const declares = (other: SourceInstruction): boolean =>
        variableSettings(other).some(({ name }) => names.has(name));
      const initial = initialArgs.filter((arg) => arg.line < instruction.line && declares(arg));
      const lines = initial.flatMap(contextLines);
      if (instruction.keyword !== 'FROM') {
        const inStage = [...names].flatMap((name) => [lastEnv.get(name), lastArg.get(name)]);
        const copies = [...new Set(inStage)]
          .filter((other): other is SourceInstruction => other !== undefined)
          .sort((a, b) => a.line - b.line);
        lines.push(STAGE_START, ...copies.flatMap(contextLines));
      }
      contexts.set(instruction, lines);
    }
    const last = instruction.keyword === 'ENV' ? lastEnv : instruction.keyword === 'ARG' ? lastArg : null;
    if (last) for (const { name } of variableSettings(instruction)) last.set(name, instruction);
  }
  return (instruction) => contexts.get(instruction) ?? null;
}

// dockerfile-ast misplaces an indented first instruction and then recurses forever on its variables.
function contextLines(instruction: SourceInstruction): string[] {
  const lines = instruction.raw.split('\n');
  lines[0] = lines[0]!.trimStart();
  return lines;
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

/**
 * A skeleton for the file-wide checks: the source's lines, all blank except the lines before the
 * first instruction (parser directives), FROM lines, the first instruction before any FROM that is
 * not an ARG, one ARG (a file of only ARGs has no image), CMD, ENTRYPOINT and HEALTHCHECK reduced
 * to their keyword, and ignore comments. Every line keeps its number, every keyword its column.
 */
function skeletonOf(source: DockerfileSource): string {
  const skeleton = source.lines.map((line) => (isIgnoreComment(line) ? line : ''));
  const firstLine = source.instructions[0]?.line ?? source.lines.length + 1;
  for (let line = 0; line < firstLine - 1; line++) skeleton[line] = source.lines[line]!;
  let imageFound = false;
  let argKept = false;
  for (const instruction of source.instructions) {
    const { keyword, line } = instruction;
    if (keyword === 'FROM') {
      imageFound = true;
      for (let index = line - 1; index < instruction.endLine; index++) skeleton[index] = source.lines[index]!;
    } else if (
      COUNTED_KEYWORDS.has(keyword) ||
      (!imageFound && keyword !== 'ARG') ||
      (keyword === 'ARG' && !argKept)
    ) {
      // The validator reports only the first instruction before any FROM that is not an ARG.
      if (keyword !== 'ARG') imageFound = true;
      else argKept = true;
      skeleton[line - 1] = `${keywordOf(source.lines[line - 1] ?? '')} x`;
    }
  }
  return skeleton.join('\n');
}

/** The first word of an instruction's line with the blanks before it, as dockerfile-ast cuts it. */
function keywordOf(line: string): string {
  return /^\s*\S+/.exec(line)?.[0] ?? '';
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
