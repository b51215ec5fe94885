/**
 * Just enough of a POSIX shell parser to read a RUN line: words with their positions, split into
 * simple commands at `&&`, `||`, `;`, `|`, `&` and line breaks. Quotes, backslashes, `$(…)` and
 * backticks keep their operators inside one word. It does not expand anything.
 */

/** One word, unquoted, with its position in the parsed text (`end` is exclusive). */
export interface ShellWord {
  value: string;
  start: number;
  end: number;
}

/** The operators that separate simple commands. */
export type ShellOperator = '&&' | '||' | ';' | '|' | '&';

/** One simple command and the operator that joins it to the previous one. */
export interface ShellCommand {
  words: ShellWord[];
  operatorBefore: ShellOperator | null;
}

/** A parsed script. */
export interface ShellScript {
  commands: ShellCommand[];
  /** Where a `#` comment starts (it runs to the end of its line), or null. */
  commentStart: number | null;
}

/** A command with its prefixes (`sudo`, `env`, `VAR=value`, `then`…) skipped. */
export interface ShellInvocation {
  /** The program's base name: `/usr/bin/apt-get` is `apt-get`. */
  name: string;
  nameWord: ShellWord;
  args: ShellWord[];
}

const RESERVED_WORDS = new Set(['if', 'then', 'do', 'else', 'elif', 'while', 'until', '!', '{', 'time']);
const WRAPPERS = new Set(['sudo', 'env', 'command', 'nohup', 'exec']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Splits shell text into simple commands; never throws (an unclosed quote runs to the end). */
export function parseShellScript(text: string): ShellScript {
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let operatorBefore: ShellOperator | null = null;
  let commentStart: number | null = null;
  let word: ShellWord | null = null;
  let index = 0;

  const endWord = (): void => {
    if (word) words.push({ ...word, end: index });
    word = null;
  };
  const endCommand = (operator: ShellOperator, length: number): void => {
    endWord();
    if (words.length > 0) commands.push({ words, operatorBefore });
    words = [];
    operatorBefore = operator;
    index += length;
  };

  while (index < text.length) {
    const char = text[index]!;
    const next = text[index + 1];
    if (char === ' ' || char === '\t' || char === '\r') {
      endWord();
      index++;
    } else if (char === '\n') {
      endCommand(';', 1);
    } else if (char === '#' && word === null) {
      commentStart ??= index;
      const lineEnd = text.indexOf('\n', index);
      index = lineEnd < 0 ? text.length : lineEnd;
    } else if (char === '&' && next === '&') {
      endCommand('&&', 2);
    } else if (char === '|' && next === '|') {
      endCommand('||', 2);
    } else if (char === '|') {
      endCommand('|', next === '&' ? 2 : 1);
    } else if (char === ';') {
      endCommand(';', next === ';' ? 2 : 1);
    } else if (char === '&' && text[index - 1] !== '>' && text[index - 1] !== '<' && next !== '>') {
      endCommand('&', 1);
    } else {
      word ??= { value: '', start: index, end: index };
      const { value, length } = readWordPart(text, index);
      word.value += value;
      index += length;
    }
  }
  endWord();
  if (words.length > 0) commands.push({ words, operatorBefore });
  return { commands, commentStart };
}

/** Reads one quoted run, escape, substitution or plain character; returns its value and source length. */
function readWordPart(text: string, index: number): { value: string; length: number } {
  const char = text[index]!;
  if (char === '\\') return { value: text[index + 1] ?? '', length: 2 };
  if (char === "'") {
    const close = text.indexOf("'", index + 1);
    const end = close < 0 ? text.length : close;
    return { value: text.slice(index + 1, end), length: end + 1 - index };
  }
  if (char === '"') {
    let value = '';
    let cursor = index + 1;
    while (cursor < text.length && text[cursor] !== '"') {
      if (text[cursor] === '\\' && '"\\$`'.includes(text[cursor + 1] ?? '')) cursor++;
      value += text[cursor] ?? '';
      cursor++;
    }
    return { value, length: cursor + 1 - index };
  }
  if (char === '$' && text[index + 1] === '(') {
    let depth = 0;
    let cursor = index + 1;
    for (; cursor < text.length; cursor++) {
      if (text[cursor] === '(') depth++;
      else if (text[cursor] === ')' && --depth === 0) break;
    }
    const end = Math.min(cursor + 1, text.length);
    return { value: text.slice(index, end), length: end - index };
  }
  if (char === '`') {
    const close = text.indexOf('`', index + 1);
    const end = close < 0 ? text.length : close + 1;
    return { value: text.slice(index, end), length: end - index };
  }
  return { value: char, length: 1 };
}

/** The program a command runs and its arguments, past `sudo`, `env`, assignments and `then`/`do`. */
export function commandInvocation(command: ShellCommand): ShellInvocation | null {
  const { words } = command;
  let position = 0;
  while (position < words.length) {
    const value = words[position]!.value;
    if (RESERVED_WORDS.has(value) || ASSIGNMENT.test(value)) {
      position++;
    } else if (WRAPPERS.has(baseName(value))) {
      position++;
      while (position < words.length && words[position]!.value.startsWith('-')) position++;
    } else {
      break;
    }
  }
  const nameWord = words[position];
  if (!nameWord) return null;
  return { name: baseName(nameWord.value), nameWord, args: words.slice(position + 1) };
}

/**
 * The first argument that is not an option (`install` in `apt-get -q install x`), skipping the
 * values of the options listed in `optionsWithValue` (`-o Dpkg::Options=…`).
 */
export function subcommandOf(
  args: ShellWord[],
  optionsWithValue: ReadonlySet<string> = new Set(),
): ShellWord | null {
  for (let position = 0; position < args.length; position++) {
    const value = args[position]!.value;
    if (optionsWithValue.has(value)) position++;
    else if (!value.startsWith('-')) return args[position]!;
  }
  return null;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
