/**
 * Renders our analysis in the format of BuildKit's `Node.Dump()` (frontend/dockerfile/parser/
 * parser.go), so the `result` files of BuildKit's parser tests can be compared whole.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type {
  DockerfileAnalysis,
  ParsedInstruction,
} from '../../../../../src/shared/dockerfile/analyze-dockerfile';

/** The copied BuildKit test data (see its README for the source commit). */
export const BUILDKIT_FIXTURES = resolve(__dirname, '../../../fixtures/buildkit-parser');

/** The case names under one fixture folder, sorted. */
export function fixtureCases(folder: string): string[] {
  return readdirSync(join(BUILDKIT_FIXTURES, folder)).sort();
}

/** A fixture file read as bytes and decoded as UTF-8. */
export function readFixture(...parts: string[]): string {
  return readFileSync(join(BUILDKIT_FIXTURES, ...parts), 'utf8');
}

const KNOWN = new Set(
  'add arg cmd copy entrypoint env expose from healthcheck label maintainer onbuild run shell stopsignal user volume workdir'.split(
    ' ',
  ),
);

const SHORT_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** Go's strconv.Quote for valid UTF-8. */
export function goQuote(text: string): string {
  let quoted = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (SHORT_ESCAPES[ch]) quoted += SHORT_ESCAPES[ch];
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (ch !== ' ' && /^[\p{C}\p{Z}]$/u.test(ch)) {
      quoted +=
        code > 0xffff
          ? `\\U${code.toString(16).padStart(8, '0')}`
          : `\\u${code.toString(16).padStart(4, '0')}`;
    } else quoted += ch;
  }
  return `${quoted}"`;
}

function dumpInstruction(parsed: ParsedInstruction): string {
  let dump = parsed.keyword.toLowerCase();
  if (parsed.flags.length > 0) dump += ` [${parsed.flags.map(goQuote).join(' ')}]`;
  if (parsed.trigger) dump += ` (${dumpInstruction(parsed.trigger)})`;
  // BuildKit keeps one empty argument for an instruction it does not know.
  const words = KNOWN.has(parsed.keyword.toLowerCase()) ? parsed.words : [''];
  for (const word of words) dump += ` ${goQuote(word)}`;
  return dump;
}

/** The whole file's dump, as BuildKit's `result` files hold it (with the final line break). */
export function dumpAnalysis(analysis: DockerfileAnalysis): string {
  return `${analysis.instructions.map((instruction) => `(${dumpInstruction(instruction.parsed)})`).join('\n')}\n`;
}
