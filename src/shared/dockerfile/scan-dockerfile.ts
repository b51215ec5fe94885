/**
 * Cuts a Dockerfile into instructions by BuildKit's line rules: parser directives, comments,
 * continuation lines (the escape character before the line break and the blanks after it go,
 * nothing else: `light\` + `ning` is `lightning`), and heredoc bodies. Written from the cases in
 * BuildKit's parser tests (frontend/dockerfile/parser); the npm package dockerfile-ast disagrees
 * with BuildKit on `RUN 3<<EOF`, `<<eo'f'` and `ENV C a\\`, so the structure comes from here.
 */
import { heredocsInLine, isGoSpace, type DockerfileHeredoc } from './heredoc-words';
import { parseInstructionLine, type ParsedInstruction } from './instruction-words';

/** A problem that makes BuildKit refuse the Dockerfile. */
export interface DockerfileParseError {
  code:
    'no-instructions' | 'unterminated-heredoc' | 'instruction-syntax' | 'invalid-directive' | 'line-too-long';
  message: string;
  /** 1-based line the problem is on (for an instruction, its first line). */
  line?: number;
}

/** One instruction as the scanner cuts it. */
export interface ScannedInstruction {
  /** The instruction line as BuildKit joins it (its `Original`): heredoc bodies not included. */
  joined: string;
  /** 1-based first line. */
  line: number;
  /** 1-based last line of the instruction itself (before any heredoc body). */
  headEndLine: number;
  /** 1-based last line, heredoc bodies and terminators included. */
  endLine: number;
  parsed: ParsedInstruction;
  heredocs: DockerfileHeredoc[];
}

/** The instructions of a Dockerfile and what BuildKit would refuse in it. */
export interface DockerfileScan {
  /** The escape character in force (`\` unless a directive says `` ` ``). */
  escape: string;
  /** The file's lines without their line breaks (a trailing `\r` removed). */
  lines: string[];
  instructions: ScannedInstruction[];
  errors: DockerfileParseError[];
}

/** BuildKit reads lines with a 64 KiB buffer and refuses longer ones. */
const MAX_LINE_BYTES = 65_535;
const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^]*)$/;
const HEREDOC_KEYWORDS = new Set(['add', 'copy', 'run']);

function trimLeft(text: string): string {
  let start = 0;
  while (start < text.length && isGoSpace(text[start]!)) start++;
  return start === 0 ? text : text.slice(start);
}

const isComment = (line: string): boolean => trimLeft(line).startsWith('#');
const isBlank = (line: string): boolean => trimLeft(line) === '';

/**
 * Where the escape that continues `line` onto the next line sits, or -1 when the instruction ends
 * on it. BuildKit's rule: the escape is the last character but blanks, and is not itself escaped;
 * a run of two or more (`a\\`, `a\\\`) never continues.
 */
export function continuationEscapeAt(line: string, escape: string): number {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  if (end > 0 && line[end - 1] === escape && (end === 1 || line[end - 2] !== escape)) return end - 1;
  return -1;
}

/** The line without its continuation escape (and the blanks after it), and whether the instruction ends on it. */
function trimContinuation(line: string, escape: string): { content: string; ended: boolean } {
  const at = continuationEscapeAt(line, escape);
  return at < 0 ? { content: line, ended: true } : { content: line.slice(0, at), ended: false };
}

function trimCarriageReturns(line: string): string {
  let end = line.length;
  while (end > 0 && line[end - 1] === '\r') end--;
  return end === line.length ? line : line.slice(0, end);
}

function utf8Length(line: string): number {
  if (line.length * 3 <= MAX_LINE_BYTES) return line.length;
  let bytes = 0;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Reads the parser directives at the top (`# escape=`, `# syntax=`, `# check=`) until the first other line. */
class Directives {
  escape = '\\';
  private done = false;
  private readonly seen = new Set<string>();

  read(line: string, lineNumber: number, errors: DockerfileParseError[]): void {
    if (this.done) return;
    const match = line.startsWith('#') ? DIRECTIVE.exec(trimLeft(line.slice(1))) : null;
    const key = match?.[1]?.toLowerCase();
    const raw = match?.[2] ?? '';
    let end = raw.length;
    while (end > 0 && ' \t\n\f\r'.includes(raw[end - 1]!)) end--;
    const value = raw.slice(0, end);
    if (!match || value === '' || (key !== 'escape' && key !== 'syntax' && key !== 'check')) {
      this.done = true;
      return;
    }
    if (this.seen.has(key)) {
      errors.push({
        code: 'invalid-directive',
        message: `only one ${key} parser directive can be used`,
        line: lineNumber,
      });
      return;
    }
    this.seen.add(key);
    if (key !== 'escape') return;
    if (value === '\\' || value === '`') this.escape = value;
    else {
      errors.push({
        code: 'invalid-directive',
        message: `invalid escape token '${value}' does not match \` or \\`,
        line: lineNumber,
      });
    }
  }
}

function canContainHeredoc(parsed: ParsedInstruction): boolean {
  const node = parsed.keyword.toLowerCase() === 'onbuild' && parsed.trigger ? parsed.trigger : parsed;
  return HEREDOC_KEYWORDS.has(node.keyword.toLowerCase()) && !node.json;
}

/** Scans a Dockerfile; never throws. */
export function scanDockerfile(text: string): DockerfileScan {
  const rawLines = text.split('\n');
  // A final line break ends the last line; it does not start another.
  const lastHasBreak = rawLines.at(-1) === '';
  if (lastHasBreak) rawLines.pop();
  if (rawLines[0]?.startsWith('\uFEFF')) rawLines[0] = rawLines[0].slice(1);
  const lines = rawLines.map(trimCarriageReturns);
  const withBreak = (index: number): string =>
    index < rawLines.length - 1 || lastHasBreak ? `${rawLines[index]}\n` : rawLines[index]!;

  const errors: DockerfileParseError[] = [];
  const instructions: ScannedInstruction[] = [];
  const directives = new Directives();
  // BuildKit stops at the first such line; the rest is still worth analysing here.
  const tooLong = lines.findIndex((line) => utf8Length(line) > MAX_LINE_BYTES);
  if (tooLong >= 0) {
    errors.push({
      code: 'line-too-long',
      message: `dockerfile line greater than max allowed size of ${MAX_LINE_BYTES}`,
      line: tooLong + 1,
    });
  }

  for (let index = 0; index < lines.length; index++) {
    const first = trimLeft(lines[index]!);
    directives.read(first, index + 1, errors);
    const escape = directives.escape;
    if (first.startsWith('#')) continue;
    let { content: joined, ended } = trimContinuation(first, escape);
    if (ended && joined === '') continue;
    const start = index;
    while (!ended && index + 1 < lines.length) {
      const line = lines[++index]!;
      if (isComment(line) || isBlank(line)) continue;
      const piece = trimContinuation(line, escape);
      joined += piece.content;
      ended = piece.ended;
    }
    const headEnd = index;

    const { instruction: parsed, error } = parseInstructionLine(joined, escape);
    if (error) errors.push({ ...error, line: start + 1 });
    const heredocs: DockerfileHeredoc[] = [];
    if (canContainHeredoc(parsed) && joined.includes('<<')) {
      for (const marker of heredocsInLine(joined)) {
        let content = '';
        let terminated = false;
        while (index + 1 < lines.length) {
          const line = lines[++index]!;
          if ((marker.chomp ? line.replace(/^\t+/, '') : line) === marker.name) {
            terminated = true;
            break;
          }
          content += withBreak(index);
        }
        heredocs.push({ ...marker, content });
        if (!terminated) {
          errors.push({ code: 'unterminated-heredoc', message: 'unterminated heredoc', line: start + 1 });
          break;
        }
      }
    }
    instructions.push({
      joined,
      line: start + 1,
      headEndLine: headEnd + 1,
      endLine: index + 1,
      parsed,
      heredocs,
    });
  }
  if (instructions.length === 0) {
    errors.push({ code: 'no-instructions', message: 'file with no instructions', line: lines.length });
  }
  return { escape: directives.escape, lines, instructions, errors };
}
