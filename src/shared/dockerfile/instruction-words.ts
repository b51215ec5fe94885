/**
 * Splits one joined instruction line into keyword, `--flags` and arguments the way BuildKit's
 * parser does for each instruction (its AST, before variables are expanded): ENV/LABEL into
 * key-value triples, exec form into its strings, FROM/EXPOSE on white space, ONBUILD into its
 * trigger. Written from BuildKit's parser test tables (frontend/dockerfile/parser), not its code.
 */
import { isGoSpace } from './heredoc-words';

/** An instruction's parts as BuildKit's parser splits them. */
export interface ParsedInstruction {
  /** The keyword as written. */
  keyword: string;
  /** `--name=value` flags before the arguments, quotes removed. */
  flags: string[];
  /**
   * The arguments: one string for shell form (RUN, CMD…), the strings of exec form, `key value sep`
   * triples for ENV and LABEL (sep `=` or empty for the old `KEY value` form), words for the rest.
   * Empty for an unknown instruction (BuildKit ignores its arguments).
   */
  words: string[];
  /** The arguments were a JSON string array (exec form). */
  json: boolean;
  /** ONBUILD's instruction, else null. */
  trigger: ParsedInstruction | null;
}

/** A problem BuildKit's parser rejects the instruction for. */
export interface InstructionError {
  code: 'instruction-syntax';
  message: string;
}

type Parsed = Pick<ParsedInstruction, 'words' | 'json' | 'trigger'>;
type ArgumentParser = (rest: string, escape: string) => Parsed | InstructionError;

const none: Parsed = { words: [], json: false, trigger: null };
const plain = (words: string[]): Parsed => ({ words, json: false, trigger: null });
/** BuildKit splits on these (not on line breaks or Unicode spaces). */
const WHITESPACE = /[\t\v\f\r ]+/;

function goTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isGoSpace(text[start]!)) start++;
  while (end > start && isGoSpace(text[end - 1]!)) end--;
  return text.slice(start, end);
}

function splitWhitespace(rest: string): Parsed {
  return rest === '' ? none : plain(rest.split(WHITESPACE));
}

/**
 * Words separated by white space, quotes and escapes kept (`a "b c"` → `a`, `"b c"`); an escape
 * protects the next character, except inside single quotes.
 */
export function splitWords(rest: string, escape: string): string[] {
  const chars = Array.from(rest);
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | null = null;
  let blankOk = false;
  for (let i = 0; i < chars.length; i++) {
    let ch = chars[i]!;
    if (!inWord) {
      if (isGoSpace(ch)) continue;
      inWord = true;
    }
    if (quote === null) {
      if (isGoSpace(ch)) {
        if (blankOk || word !== '') words.push(word);
        word = '';
        blankOk = false;
        inWord = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOk = true;
      }
      if (ch === escape) {
        if (i + 1 === chars.length) continue;
        word += ch;
        ch = chars[++i]!;
      }
      word += ch;
      continue;
    }
    if (ch === quote) quote = null;
    if (ch === escape && quote !== "'") {
      if (i + 1 === chars.length) {
        quote = null;
        continue;
      }
      word += ch;
      ch = chars[++i]!;
    }
    word += ch;
  }
  if (inWord && (blankOk || word !== '')) words.push(word);
  return words;
}

function parseNameValue(keyword: string): ArgumentParser {
  return (rest, escape) => {
    const words = splitWords(rest, escape);
    if (words.length === 0) return none;
    if (!words[0]!.includes('=')) {
      const split = WHITESPACE.exec(rest);
      if (!split) return { code: 'instruction-syntax', message: `${keyword} must have two arguments` };
      return plain([rest.slice(0, split.index), rest.slice(split.index + split[0].length), '']);
    }
    const result: string[] = [];
    for (const word of words) {
      const equals = word.indexOf('=');
      if (equals < 0) {
        return {
          code: 'instruction-syntax',
          message: `Syntax error - can't find = in ${JSON.stringify(word)}. Must be of the form: name=value`,
        };
      }
      result.push(word.slice(0, equals), word.slice(equals + 1), '=');
    }
    return plain(result);
  };
}

const NOT_STRINGS = 'when using JSON array syntax, arrays must be comprised of strings only';

/** The exec form, null when `rest` is not a JSON array, or an error for an array of non-strings. */
function parseJson(rest: string): Parsed | InstructionError | null {
  const trimmed = rest.replace(/^\s+/, '');
  if (!trimmed.startsWith('[')) return null;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  if (!value.every((item): item is string => typeof item === 'string')) {
    return { code: 'instruction-syntax', message: NOT_STRINGS };
  }
  return { words: value, json: true, trigger: null };
}

const parseMaybeJson: ArgumentParser = (rest) => (rest === '' ? none : (parseJson(rest) ?? plain([rest])));

const parseMaybeJsonList: ArgumentParser = (rest) => parseJson(rest) ?? splitWhitespace(rest);

const parseHealthcheck: ArgumentParser = (rest, escape) => {
  const chars = Array.from(rest);
  let separator = 0;
  while (separator < chars.length && !isGoSpace(chars[separator]!)) separator++;
  if (separator === 0) return none;
  let start = separator;
  while (start < chars.length && isGoSpace(chars[start]!)) start++;
  const command = parseMaybeJson(chars.slice(start).join(''), escape);
  if ('code' in command) return command;
  return { ...command, words: [chars.slice(0, separator).join(''), ...command.words] };
};

const parseOnbuild: ArgumentParser = (rest, escape) => {
  if (rest === '') return none;
  const trigger = parseInstructionLine(rest, escape);
  return trigger.error ?? { words: [], json: false, trigger: trigger.instruction };
};

const PARSERS: Record<string, ArgumentParser> = {
  add: parseMaybeJsonList,
  arg: (rest, escape) => plain(splitWords(rest, escape)),
  cmd: parseMaybeJson,
  copy: parseMaybeJsonList,
  entrypoint: parseMaybeJson,
  env: parseNameValue('ENV'),
  expose: splitWhitespace,
  from: splitWhitespace,
  healthcheck: parseHealthcheck,
  label: parseNameValue('LABEL'),
  maintainer: (rest) => (rest === '' ? none : plain([rest])),
  onbuild: parseOnbuild,
  run: parseMaybeJson,
  shell: parseMaybeJson,
  stopsignal: (rest) => (rest === '' ? none : plain([rest])),
  user: (rest) => (rest === '' ? none : plain([rest])),
  volume: parseMaybeJsonList,
  workdir: (rest) => (rest === '' ? none : plain([rest])),
};

/** Leading `--flag` words (quotes and escapes resolved), and where the arguments start. */
function extractFlags(line: string, escape: string): { flags: string[]; rest: string } {
  const flags: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | null = null;
  let blankOk = false;
  for (let pos = 0; pos < line.length; pos++) {
    let ch = line[pos]!;
    if (!inWord) {
      if (isGoSpace(ch)) continue;
      if (!line.startsWith('--', pos)) return { flags, rest: line.slice(pos) };
      inWord = true;
    }
    if (quote === null && isGoSpace(ch)) {
      if (word === '--') return { flags, rest: line.slice(pos) };
      if (blankOk || word !== '') flags.push(word);
      word = '';
      blankOk = false;
      inWord = false;
      continue;
    }
    if (quote === null && (ch === "'" || ch === '"')) {
      quote = ch;
      blankOk = true;
      continue;
    }
    if (quote !== null && ch === quote) {
      quote = null;
      continue;
    }
    if (ch === escape) {
      if (pos + 1 === line.length) {
        quote = null;
        continue;
      }
      ch = line[++pos]!;
    }
    word += ch;
  }
  if (inWord && word !== '--' && (blankOk || word !== '')) flags.push(word);
  return { flags, rest: '' };
}

/**
 * Parses one joined instruction line (continuations already removed). Never throws: what BuildKit
 * rejects comes back as `error`, with the instruction parsed as far as it goes.
 */
export function parseInstructionLine(
  line: string,
  escape: string,
): { instruction: ParsedInstruction; error: InstructionError | null } {
  const trimmed = goTrim(line);
  const split = WHITESPACE.exec(trimmed);
  const keyword = split ? trimmed.slice(0, split.index) : trimmed;
  const { flags, rest } = split
    ? extractFlags(trimmed.slice(split.index + split[0].length), escape)
    : { flags: [], rest: '' };
  const name = keyword.toLowerCase();
  // Own keys only: `__proto__` or `constructor` on a line must not reach Object.prototype.
  const parser = Object.hasOwn(PARSERS, name) ? PARSERS[name] : undefined;
  const parsed = parser ? parser(goTrim(rest), escape) : none;
  if ('code' in parsed) {
    return { instruction: { keyword, flags, ...none }, error: parsed };
  }
  return { instruction: { keyword, flags, ...parsed }, error: null };
}
