/**
 * What dockerfile-utils' validator reads of a Dockerfile (see `validate-in-units`): each
 * instruction as a unit of its own, shell commands blanked, long ones capped, with the ARG and ENV
 * lines its variables need; and a skeleton of the file for the file-wide checks.
 */
import { continuationEscapeAt } from '../scan-dockerfile';
import type { DockerfileSource, SourceInstruction } from './dockerfile-source';
import { variableSettings } from './state-before';

/** Instructions longer than this are checked up to here: the validator spends ~10 ms per 1,000 lines. */
export const MAX_UNIT_LINES = 2_000;
export const MAX_UNIT_CHARS = 100_000;
/** The line that opens a stage for units that need one. */
export const STAGE_START = 'FROM scratch';

// Instructions the file-wide checks count.
const COUNTED_KEYWORDS = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);
const SHRINKABLE_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT']);
const VARIABLE_KEYWORDS = new Set(['FROM', 'EXPOSE', 'STOPSIGNAL']);
// Any name, even none: dockerfile-ast reads `ENV =a` as a variable with an empty name, and `$-` uses it.
const VARIABLE = /\$\{?([A-Za-z0-9_]*)/g;
const BLANK_OR_COMMENT = /^\s*(#.*)?$/;

/** A piece of the file the validator reads on its own: an instruction, maybe with context. */
export interface Unit {
  /** 0-based source line of `lines[0]`. */
  start: number;
  lines: string[];
  /** Lines that must come before it (ARG and ENV declaring its variables), or null for none. */
  context: string[] | null;
  /** Escape, context and lines: units with the same key have the same findings. */
  key: string;
  /** Whether it can share a document with other units: nothing in it reads on past its end. */
  batchable: boolean;
}

/** An instruction the validator reads only the start of. */
export interface CappedInstruction {
  instruction: SourceInstruction;
  /** How many of its lines the validator reads (0: none, its first line alone is too long). */
  linesChecked: number;
}

/** The units of every instruction, in order, and the instructions they cap. */
export function validatorUnits(source: DockerfileSource): { units: Unit[]; capped: CappedInstruction[] } {
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
  return { units, capped };
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

/**
 * A skeleton for the file-wide checks: the source's lines, all blank except the lines before the
 * first instruction (parser directives), FROM lines, the first instruction before any FROM that is
 * not an ARG, one ARG (a file of only ARGs has no image), CMD, ENTRYPOINT and HEALTHCHECK reduced
 * to their keyword, and ignore comments. Every line keeps its number, every keyword its column.
 */
export function skeletonOf(source: DockerfileSource): string {
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
