/**
 * Finds the heredocs (`<<EOF`, `3<<-'END'`) an instruction line opens, by BuildKit's rules: the
 * line is split into shell words with quotes and escapes kept, and each word of the form
 * `[fd]<<[-]word` names a heredoc whose terminator is the word with its quotes removed. Written
 * from the behaviour BuildKit's parser tests pin down (frontend/dockerfile/parser), not its code.
 */

/** One heredoc an instruction opens, and its body once read. */
export interface DockerfileHeredoc {
  /** The terminator line, quotes and escapes removed (`<<'EOF'` → `EOF`). */
  name: string;
  /** The file descriptor written before `<<` (`3<<EOF`); 0 when none. */
  fileDescriptor: number;
  /** False when any part of the word was quoted: the builder does not expand variables in the body. */
  expand: boolean;
  /** `<<-`: leading tabs are stripped from the body and the terminator line. */
  chomp: boolean;
  /** The body as written, every line with its line break, leading tabs kept even when `chomp`. */
  content: string;
}

/** A heredoc marker without its body. */
export type HeredocMarker = Omit<DockerfileHeredoc, 'content'>;

/** Thrown inside the lexer only; the exported functions turn it into a value. */
class LexFailure extends Error {}

interface Lexer {
  chars: string[];
  pos: number;
  /** Keep the quote characters in the result (BuildKit's RawQuotes). */
  rawQuotes: boolean;
  /** Keep the escape characters in the result (BuildKit's RawEscapes). */
  rawEscapes: boolean;
}

/** Go's unicode.IsSpace, which differs from JavaScript's `\s` (U+0085 in, U+FEFF out). */
export function isGoSpace(ch: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(ch);
}

const ESCAPE = '\\';

/** Word boundaries: unquoted, unescaped white space splits; quoted and escaped text never does. */
class Words {
  readonly words: string[] = [];
  private buffer = '';
  private inWord = false;

  addChar(ch: string): void {
    if (isGoSpace(ch)) {
      if (this.inWord && this.buffer !== '') {
        this.words.push(this.buffer);
        this.buffer = '';
        this.inWord = false;
      }
      return;
    }
    this.addRaw(ch);
  }

  addString(text: string): void {
    for (const ch of text) this.addChar(ch);
  }

  addRaw(text: string): void {
    this.buffer += text;
    this.inWord = true;
  }

  finish(): string[] {
    if (this.buffer !== '') this.words.push(this.buffer);
    this.buffer = '';
    return this.words;
  }
}

const peek = (lexer: Lexer): string | undefined => lexer.chars[lexer.pos];
const next = (lexer: Lexer): string | undefined => lexer.chars[lexer.pos++];

/** Reads up to `stop` (or the end), returning the text and its words. */
function processUntil(lexer: Lexer, stop: string | null): { text: string; words: string[] } {
  let text = '';
  const words = new Words();
  for (let ch = peek(lexer); ch !== undefined; ch = peek(lexer)) {
    if (stop !== null && ch === stop) {
      lexer.pos++;
      return { text, words: words.finish() };
    }
    if (ch === '$' || ch === '<' || ch === "'" || ch === '"') {
      const piece =
        ch === '$'
          ? processDollar(lexer)
          : ch === '<'
            ? processAngle(lexer)
            : ch === "'"
              ? processSingleQuote(lexer)
              : processDoubleQuote(lexer);
      text += piece;
      if (ch === '$') words.addString(piece);
      else words.addRaw(piece);
      continue;
    }
    lexer.pos++;
    if (ch === ESCAPE) {
      if (lexer.rawEscapes) {
        words.addRaw(ch);
        text += ch;
      }
      const escaped = next(lexer);
      if (escaped === undefined) break;
      words.addRaw(escaped);
      text += escaped;
    } else {
      words.addChar(ch);
      text += ch;
    }
  }
  if (stop !== null) throw new LexFailure(`unexpected end of statement while looking for matching ${stop}`);
  return { text, words: words.finish() };
}

function processSingleQuote(lexer: Lexer): string {
  const quote = next(lexer)!;
  let result = lexer.rawQuotes ? quote : '';
  for (;;) {
    const ch = next(lexer);
    if (ch === undefined) throw new LexFailure('unterminated single quote');
    if (ch === "'") return lexer.rawQuotes ? result + ch : result;
    result += ch;
  }
}

function processDoubleQuote(lexer: Lexer): string {
  const quote = next(lexer)!;
  let result = lexer.rawQuotes ? quote : '';
  for (;;) {
    const ch = peek(lexer);
    if (ch === undefined) throw new LexFailure('unterminated double quote');
    if (ch === '"') {
      lexer.pos++;
      return lexer.rawQuotes ? result + ch : result;
    }
    if (ch === '$') {
      result += processDollar(lexer);
      continue;
    }
    lexer.pos++;
    let written = ch;
    if (ch === ESCAPE) {
      if (lexer.rawEscapes) result += ch;
      const following = peek(lexer);
      if (following === undefined) continue;
      if (following === '"' || following === '$' || following === ESCAPE) written = next(lexer)!;
    }
    result += written;
  }
}

/** `<<` plus the tabs and spaces after it stay one word with the terminator that follows. */
function processAngle(lexer: Lexer): string {
  lexer.pos++;
  if (peek(lexer) !== '<') return '<';
  lexer.pos++;
  let result = '<<';
  for (let ch = peek(lexer); ch === ' ' || ch === '\t' || ch === '\r'; ch = peek(lexer)) {
    result += ch;
    lexer.pos++;
  }
  return result;
}

function processName(lexer: Lexer): string {
  let name = '';
  for (let ch = peek(lexer); ch !== undefined; ch = peek(lexer)) {
    if (name === '' && /^\p{Nd}$/u.test(ch)) {
      while (peek(lexer) !== undefined && /^\p{Nd}$/u.test(peek(lexer)!)) name += next(lexer);
      return name;
    }
    if (name === '' && '@*#?-$!0'.includes(ch)) return next(lexer)!;
    if (!/^[\p{L}\p{Nd}_]$/u.test(ch)) break;
    name += next(lexer);
  }
  return name;
}

/** Every variable is unset here, so a reference stays as written; only its syntax is checked. */
function processDollar(lexer: Lexer): string {
  lexer.pos++;
  if (peek(lexer) !== '{') {
    const name = processName(lexer);
    return `$${name}`;
  }
  lexer.pos++;
  const first = peek(lexer);
  if (first === undefined || first === '{' || first === '}' || first === ':') {
    throw new LexFailure('bad substitution');
  }
  const name = processName(lexer);
  const ch = next(lexer);
  if (ch === '}') return `\${${name}}`;
  if (ch === ':' || ch === '+' || ch === '-' || ch === '?' || ch === '#' || ch === '%') {
    let modifier = ch;
    let operator: string | undefined = ch;
    if (ch === ':') {
      operator = next(lexer);
      modifier += operator ?? '';
    }
    if (ch === ':' && (operator === '#' || operator === '%')) throw new LexFailure('unsupported modifier');
    const saved = lexer.rawEscapes;
    lexer.rawEscapes = operator === '#' || operator === '%';
    try {
      const { text } = processUntil(lexer, '}');
      return `\${${name}${modifier}${text}}`;
    } finally {
      lexer.rawEscapes = saved;
    }
  }
  if (ch === '/') {
    if (peek(lexer) === '/') lexer.pos++;
    const saved = lexer.rawEscapes;
    lexer.rawEscapes = true;
    try {
      const pattern = processUntil(lexer, '/').text;
      const replacement = processUntil(lexer, '}').text;
      return `\${${name}/${pattern}/${replacement}}`;
    } finally {
      lexer.rawEscapes = saved;
    }
  }
  throw new LexFailure('unsupported modifier in substitution');
}

function lexWords(source: string, rawQuotes: boolean, rawEscapes: boolean): string[] | null {
  const lexer: Lexer = { chars: Array.from(source), pos: 0, rawQuotes, rawEscapes };
  try {
    return processUntil(lexer, null).words;
  } catch (error) {
    if (error instanceof LexFailure) return null;
    throw error;
  }
}

const HEREDOC_WORD = /^([0-9]*)<<(-?)[\t\n\f\r ]*([^<]*)$/;

/**
 * The heredoc one word opens (`<<EOF`, `<<-"EOF"`, `3<<EOF`), null when the word is not a
 * heredoc, or an error when its quoting is broken (`<<'EOF`).
 */
export function parseHeredocWord(word: string): HeredocMarker | null | { error: string } {
  const match = HEREDOC_WORD.exec(word);
  const rest = match?.[3] ?? '';
  if (!match || rest === '') return null;
  const words = lexWords(rest, false, false);
  if (words === null) return { error: `invalid heredoc word ${rest}` };
  if (words.length !== 1) return null;
  const raw = lexWords(rest, true, false);
  if (raw?.length !== 1) return { error: `inconsistent heredoc word ${rest}` };
  const quotes = (text: string): number => text.replace(/[^'"]/g, '').length;
  return {
    name: words[0]!,
    fileDescriptor: match[1] === '' ? 0 : Number(match[1]),
    expand: quotes(words[0]!) === quotes(raw[0]!),
    chomp: match[2] === '-',
  };
}

/** The heredocs a whole instruction line (keyword included) opens, in order. */
export function heredocsInLine(line: string): HeredocMarker[] {
  const markers: HeredocMarker[] = [];
  for (const word of lexWords(line, true, true) ?? []) {
    const marker = parseHeredocWord(word);
    if (marker && !('error' in marker)) markers.push(marker);
  }
  return markers;
}
