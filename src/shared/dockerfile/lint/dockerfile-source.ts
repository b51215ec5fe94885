/**
 * A Dockerfile read for linting: `analyzeDockerfile`'s structure plus, per instruction, its source
 * lines and its arguments with line continuations removed but every character mapped back to the
 * source, so a rule can read the logical text and still edit the original lines in place.
 */
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import {
  analyzeDockerfile,
  type DockerfileAnalysis,
  type DockerfileInstruction,
} from '../analyze-dockerfile';
import { continuationEscapeAt } from '../scan-dockerfile';
import { imageFamily, type ImageFamily } from './image-family';
import type { LintEdit } from './lint-types';

/** Text with continuations removed; `offsets[i]` is where `text[i]` sits in the raw source (one extra entry for the end). */
export interface LogicalText {
  text: string;
  offsets: number[];
}

/** One `--name=value` flag of RUN, COPY, ADD, FROM or HEALTHCHECK. */
export interface InstructionFlag {
  name: string;
  value: string | null;
}

/** An instruction with its source text. */
export interface SourceInstruction extends DockerfileInstruction {
  node: Instruction;
  /** Source lines `line`..`endLine` joined with `\n`. */
  raw: string;
  flags: InstructionFlag[];
  /** The arguments after the keyword and the flags. */
  content: LogicalText;
  /** The arguments as a string array when written in exec (JSON) form, else null. */
  execForm: string[] | null;
  /** Whether the instruction uses a heredoc (`RUN <<EOF`, BuildKit's rules); rules leave those alone. */
  heredoc: boolean;
}

/** A build stage with what it inherits. */
export interface SourceStage {
  index: number;
  name: string | null;
  baseImage: string;
  line: number;
  instructions: SourceInstruction[];
  /** The earlier stage this one is built FROM, or null for an image. */
  parentIndex: number | null;
  /** The image at the root of the FROM chain. */
  rootImage: string;
  family: ImageFamily;
}

/** Everything the rules read. */
export interface DockerfileSource {
  /** The file's lines, line breaks normalised to `\n`. */
  lines: string[];
  escape: string;
  instructions: SourceInstruction[];
  stages: SourceStage[];
  /** Indexes of the stages whose layers end up in the final image (the last stage and its FROM chain). */
  finalChain: ReadonlySet<number>;
}

const FLAGGED_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'FROM', 'HEALTHCHECK']);

/** Reads a Dockerfile; never throws. */
export function readDockerfileSource(text: string): DockerfileSource {
  const normalised = text.replace(/\r\n?/g, '\n');
  const lines = normalised.split('\n');
  const analysis = analyzeDockerfile(normalised);
  const escape = analysis.escape;
  const nodeOf = lazyNodes(lines, analysis);

  const instructions = analysis.instructions.map((instruction): SourceInstruction => {
    const raw = lines.slice(instruction.line - 1, instruction.endLine).join('\n');
    const args = logicalArguments(raw, escape);
    const { flags, contentStart } = FLAGGED_KEYWORDS.has(instruction.keyword)
      ? readFlags(args.text)
      : { flags: [], contentStart: leadingSpace(args.text, 0) };
    const content = sliceLogical(args, contentStart);
    return {
      ...instruction,
      // dockerfile-ast takes seconds for a 1 MB file and few rules read nodes: parse on first use.
      get node(): Instruction {
        return nodeOf(instruction);
      },
      raw,
      flags,
      content,
      execForm: parseExecForm(content.text),
      heredoc: instruction.heredocs.length > 0 || content.text.includes('\n'),
    };
  });

  // Grouped once: a 1 MB file can hold thousands of stages and tens of thousands of instructions.
  const byStage = new Map<number, SourceInstruction[]>();
  for (const instruction of instructions) {
    const list = byStage.get(instruction.stageIndex);
    if (list) list.push(instruction);
    else byStage.set(instruction.stageIndex, [instruction]);
  }
  const stages: SourceStage[] = [];
  const firstByName = new Map<string, SourceStage>();
  for (const stage of analysis.stages) {
    const parent = firstByName.get(stage.baseImage.toLowerCase()) ?? null;
    const rootImage = parent ? parent.rootImage : stage.baseImage;
    const sourceStage: SourceStage = {
      index: stage.index,
      name: stage.name,
      baseImage: stage.baseImage,
      line: stage.line,
      instructions: byStage.get(stage.index) ?? [],
      parentIndex: parent ? parent.index : null,
      rootImage,
      family: imageFamily(rootImage),
    };
    stages.push(sourceStage);
    const name = stage.name?.toLowerCase();
    if (name !== undefined && !firstByName.has(name)) firstByName.set(name, sourceStage);
  }

  const finalChain = new Set<number>();
  for (let stage = stages.at(-1); stage; stage = stageAt(stages, stage.parentIndex))
    finalChain.add(stage.index);
  return { lines, escape, instructions, stages, finalChain };
}

/**
 * dockerfile-ast's node of an instruction. The package cuts some files differently from BuildKit
 * (`RUN 3<<EOF`, `<<eo'f'`, `ENV A a\\`), so it reads a copy with the same lines and columns
 * where everything but the instructions' own lines is blank: no heredoc bodies, no `<<` in
 * RUN/COPY/ADD/ONBUILD, no escape at the end of an instruction's last line. One copy per keyword,
 * made when a node of that keyword is first asked for, holding only that keyword's instructions.
 */
function lazyNodes(
  lines: string[],
  analysis: DockerfileAnalysis,
): (instruction: DockerfileInstruction) => Instruction {
  const byKeyword = new Map<string, Map<number, Instruction>>();
  return (instruction) => {
    let nodes = byKeyword.get(instruction.keyword);
    if (!nodes) {
      nodes = nodesByLine(
        lines,
        analysis.escape,
        analysis.instructions.filter((other) => other.keyword === instruction.keyword),
      );
      byKeyword.set(instruction.keyword, nodes);
    }
    return nodes.get(instruction.line) ?? nodeAlone(lines, instruction, analysis.escape);
  };
}

function nodesByLine(
  lines: string[],
  escape: string,
  instructions: DockerfileInstruction[],
): Map<number, Instruction> {
  const masked = lines.map(() => '');
  if (escape !== '\\' && masked.length > 0) masked[0] = `# escape=${escape}`;
  for (const instruction of instructions) {
    const last = instruction.line + instructionHeadLength(instruction) - 1;
    for (let line = instruction.line; line <= last; line++) {
      masked[line - 1] = maskedLine(lines[line - 1] ?? '', instruction, line === last, escape);
    }
  }
  const nodes = new Map<number, Instruction>();
  for (const node of DockerfileParser.parse(masked.join('\n')).getInstructions()) {
    nodes.set(node.getRange().start.line + 1, node);
  }
  return nodes;
}

/** How many lines the instruction spans before its heredoc bodies. */
function instructionHeadLength(instruction: DockerfileInstruction): number {
  const bodyLines = instruction.heredocs.length === 0 ? 0 : instruction.text.split('\n').length - 1;
  return instruction.endLine - instruction.line + 1 - bodyLines;
}

const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'ONBUILD']);

function maskedLine(line: string, instruction: DockerfileInstruction, last: boolean, escape: string): string {
  let masked = HEREDOC_KEYWORDS.has(instruction.keyword) ? line.replaceAll('<<', '< ') : line;
  if (last) {
    let end = masked.trimEnd().length;
    while (end > 0 && masked[end - 1] === escape) end--;
    masked = masked.slice(0, end);
  }
  return masked;
}

/** A node for an instruction the masked parse did not cut the same way: parsed alone, at its lines. */
function nodeAlone(lines: string[], instruction: DockerfileInstruction, escape: string): Instruction {
  const head = lines.slice(instruction.line - 1, instruction.line - 1 + instructionHeadLength(instruction));
  const padding = Array.from({ length: instruction.line - 1 }, () => '');
  if (escape !== '\\' && padding.length > 0) padding[0] = `# escape=${escape}`;
  const last = head.length - 1;
  const text = [
    ...padding,
    ...head.map((line, index) => maskedLine(line, instruction, index === last, escape)),
  ];
  return (
    DockerfileParser.parse(text.join('\n')).getInstructions()[0] ??
    DockerfileParser.parse(instruction.keyword).getInstructions()[0]!
  );
}

function stageAt(stages: SourceStage[], index: number | null): SourceStage | undefined {
  return index === null ? undefined : stages[index];
}

/** Where, in the raw source, logical position `start` begins. */
export function rawOffsetAt(text: LogicalText, start: number): number {
  return text.offsets[start] ?? text.offsets.at(-1)!;
}

/** Where, in the raw source, the logical range ending at `end` (exclusive) ends. */
export function rawOffsetAfter(text: LogicalText, end: number): number {
  return end <= 0 ? rawOffsetAt(text, 0) : text.offsets[end - 1]! + 1;
}

/**
 * An edit that inserts texts at raw offsets of an instruction, keeping its line layout. It
 * replaces only the lines the insertions fall on: a 10,000-line RUN can have a finding, and a fix,
 * on every line.
 */
export function insertionEdit(
  instruction: SourceInstruction,
  insertions: { at: number; text: string }[],
): LintEdit {
  const sorted = [...insertions].sort((a, b) => a.at - b.at);
  const first = rawLineAt(instruction, sorted[0]?.at ?? 0);
  const last = rawLineAt(instruction, sorted.at(-1)?.at ?? 0);
  const starts = rawLineStarts(instruction);
  const { raw } = instruction;
  const from = starts[first]!;
  const to = last + 1 < starts.length ? starts[last + 1]! - 1 : raw.length;
  const parts: string[] = [];
  let copied = from;
  for (const { at, text } of sorted) {
    parts.push(raw.slice(copied, at), text);
    copied = at;
  }
  parts.push(raw.slice(copied, to));
  return { line: instruction.line + first, endLine: instruction.line + last, newText: parts.join('') };
}

/** An edit that replaces raw offsets `from`..`to` of an instruction with `text`, on those lines only. */
export function replacementEdit(
  instruction: SourceInstruction,
  from: number,
  to: number,
  text: string,
): LintEdit {
  const first = rawLineAt(instruction, from);
  const last = rawLineAt(instruction, to);
  const starts = rawLineStarts(instruction);
  const { raw } = instruction;
  const end = last + 1 < starts.length ? starts[last + 1]! - 1 : raw.length;
  return {
    line: instruction.line + first,
    endLine: instruction.line + last,
    newText: raw.slice(starts[first], from) + text + raw.slice(to, end),
  };
}

const lineStartCache = new WeakMap<SourceInstruction, number[]>();

/** Where each line of the instruction's raw text starts. */
function rawLineStarts(instruction: SourceInstruction): number[] {
  let starts = lineStartCache.get(instruction);
  if (!starts) {
    starts = [0];
    for (let at = instruction.raw.indexOf('\n'); at >= 0; at = instruction.raw.indexOf('\n', at + 1)) {
      starts.push(at + 1);
    }
    lineStartCache.set(instruction, starts);
  }
  return starts;
}

/** The 0-based line of the instruction's raw text that raw offset `offset` falls on. */
export function rawLineAt(instruction: SourceInstruction, offset: number): number {
  const starts = rawLineStarts(instruction);
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The 1-based line and column of raw offset `offset` of an instruction. */
export function rawPosition(
  instruction: SourceInstruction,
  offset: number,
): { line: number; column: number } {
  const line = rawLineAt(instruction, offset);
  return { line: instruction.line + line, column: offset - rawLineStarts(instruction)[line]! + 1 };
}

/**
 * The arguments of an instruction as one logical line, joined as BuildKit joins them: the keyword
 * goes, an escaped line break (the escape and the blanks after it) goes with nothing in its place,
 * comment and blank lines inside a continuation go; heredoc bodies keep `\n`.
 */
function logicalArguments(raw: string, escape: string): LogicalText {
  let text = '';
  const offsets: number[] = [];
  let lineStart = 0;
  let continued = false;
  for (const [index, line] of raw.split('\n').entries()) {
    const start = lineStart;
    lineStart += line.length + 1;
    if (index > 0 && continued) {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
    } else if (index > 0) {
      text += '\n';
      offsets.push(start - 1);
    }
    const from = index === 0 ? (/^\s*[A-Za-z]+/.exec(line)?.[0].length ?? 0) : 0;
    const escapeAt = continuationEscapeAt(line, escape);
    const to = escapeAt < 0 ? line.length : escapeAt;
    if (to > from) text += line.slice(from, to);
    for (let column = from; column < to; column++) offsets.push(start + column);
    continued = escapeAt >= 0;
  }
  offsets.push(raw.length);
  return { text, offsets };
}

function sliceLogical(text: LogicalText, start: number): LogicalText {
  return { text: text.text.slice(start), offsets: text.offsets.slice(start) };
}

function leadingSpace(text: string, from: number): number {
  let position = from;
  while (position < text.length && /\s/.test(text[position]!)) position++;
  return position;
}

function readFlags(text: string): { flags: InstructionFlag[]; contentStart: number } {
  const flags: InstructionFlag[] = [];
  let position = leadingSpace(text, 0);
  while (text.startsWith('--', position)) {
    const end = text.slice(position).search(/\s/);
    const word = end < 0 ? text.slice(position + 2) : text.slice(position + 2, position + end);
    const equals = word.indexOf('=');
    flags.push(
      equals < 0
        ? { name: word, value: null }
        : { name: word.slice(0, equals), value: word.slice(equals + 1) },
    );
    position = end < 0 ? text.length : leadingSpace(text, position + end);
  }
  return { flags, contentStart: position };
}

function parseExecForm(content: string): string[] | null {
  const trimmed = content.trim();
  if (!trimmed.startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : null;
  } catch {
    return null;
  }
}
