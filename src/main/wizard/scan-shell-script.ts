/**
 * Reads a shell script (never runs it) for what its image needs: the commands it calls — words in
 * command position, also after `|`, `&&`, `;`, inside `$(…)` and backquotes — the functions it
 * defines, and the bash features it uses (which a plain POSIX sh lacks).
 */

/** What a script calls and uses. */
export interface ShellScan {
  /**
   * Command names without repeats, paths reduced to their last part (`/usr/bin/curl` → curl); those in a
   * `$(…)` come before the command whose line holds it.
   */
  commands: string[];
  /** Commands called by a relative path: scripts of the project (`./lib/build.sh`). */
  localCommands: string[];
  /** Names of the functions the script defines (calls to them are not commands). */
  functions: string[];
  /** Bash features found (`[[`, arrays, `function`…), empty for a POSIX script. */
  bashisms: string[];
}

type Token =
  { kind: 'word'; text: string; dynamic: boolean } | { kind: 'op'; text: string } | { kind: 'newline' };

// Words after which the next word is again a command.
const LEAD_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
// Words that close a construct; what follows them is not a command.
const CLOSE_KEYWORDS = new Set(['fi', 'done', 'esac', '}']);
// Programs that run the command written after them.
const PREFIX_COMMANDS = new Set(['sudo', 'exec', 'command', 'nohup', 'env', 'nice', 'xargs', 'timeout']);
const BASH_BUILTINS = [
  'declare',
  'typeset',
  'shopt',
  'mapfile',
  'readarray',
  'select',
  'pushd',
  'popd',
  'let',
  'source',
];
const REDIRECTS = ['<<<', '<<-', '<<', '<&', '<>', '<', '>>', '>&', '>|', '>', '&>>', '&>'];
const NAME = /^[A-Za-z_][A-Za-z0-9_.+-]*$/;

/** Scans a script's text. */
export function scanShellScript(text: string): ShellScan {
  const scan: ShellScan = { commands: [], localCommands: [], functions: [], bashisms: [] };
  scanInto(text, scan);
  return {
    commands: scan.commands.filter((name) => !scan.functions.includes(name)),
    localCommands: scan.localCommands,
    functions: scan.functions,
    bashisms: scan.bashisms,
  };
}

function addOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

function scanInto(text: string, scan: ShellScan): void {
  const tokens = tokenize(text, scan);
  let expectCommand = true;
  let prefix = false;
  let prefixName = '';
  let skipNext = false;
  let header = false; // inside `for x in …` / `select`: words until the separator are not commands
  let caseHeader = false;
  let pattern = false; // reading case patterns up to `)`
  let caseDepth = 0;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.kind === 'newline' || (token.kind === 'op' && !REDIRECTS.includes(token.text))) {
      skipNext = false;
      prefix = false;
      if (token.kind === 'op' && pattern) {
        if (token.text === ')') pattern = false;
        expectCommand = true;
        continue;
      }
      if (token.kind === 'op' && /^;;&?$|^;&$/.test(token.text) && caseDepth > 0) pattern = true;
      header = false;
      expectCommand = true;
      continue;
    }
    if (token.kind === 'op') {
      skipNext = true; // the redirection's target is a file name
      if (token.text === '&>' || token.text === '&>>') addOnce(scan.bashisms, '&>');
      continue;
    }
    const word = token.text;
    if (skipNext) {
      skipNext = false;
      continue;
    }
    if (pattern) {
      if (word === 'esac') {
        caseDepth--;
        pattern = false;
        expectCommand = false;
      }
      continue;
    }
    if (caseHeader) {
      if (word === 'in') {
        caseHeader = false;
        pattern = true;
      }
      continue;
    }
    if (header) {
      if (word === 'do') {
        header = false;
        expectCommand = true;
      }
      continue;
    }
    if (!expectCommand) continue;
    if (/^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(word)) continue; // assignment
    if (prefix && (word === '-v' || word === '-V') && prefixName === 'command') {
      expectCommand = false; // `command -v git` looks git up, it does not run it
      continue;
    }
    if (prefix && (word.startsWith('-') || /^\d/.test(word))) continue;
    if (LEAD_KEYWORDS.has(word)) continue;
    if (CLOSE_KEYWORDS.has(word)) {
      expectCommand = false;
      continue;
    }
    if (word === 'for' || word === 'select') {
      if (word === 'select') addOnce(scan.bashisms, 'select');
      header = true;
      continue;
    }
    if (word === 'case') {
      caseDepth++;
      caseHeader = true;
      continue;
    }
    if (word === '[[') {
      addOnce(scan.bashisms, '[[');
      while (index + 1 < tokens.length && !isWord(tokens[index + 1], ']]')) index++;
      index++;
      expectCommand = false;
      continue;
    }
    if (word === '((') {
      addOnce(scan.bashisms, '((');
      expectCommand = false;
      continue;
    }
    if (word === 'function') {
      addOnce(scan.bashisms, 'function');
      const name = tokens[index + 1];
      if (name?.kind === 'word') addOnce(scan.functions, name.text);
      index++;
      continue;
    }
    if (isOp(tokens[index + 1], '(') && isOp(tokens[index + 2], ')')) {
      addOnce(scan.functions, word);
      index += 2;
      continue;
    }
    expectCommand = false;
    prefix = false;
    if (token.dynamic || word === '') continue; // `$CURL …`: not a name we can read
    if (word.includes('/') && !word.startsWith('/')) {
      addOnce(scan.localCommands, word.replace(/^\.\//, ''));
      continue;
    }
    const name = word.split('/').at(-1) ?? word;
    if (!NAME.test(name)) continue;
    if (BASH_BUILTINS.includes(name)) addOnce(scan.bashisms, name);
    addOnce(scan.commands, name);
    if (PREFIX_COMMANDS.has(name)) {
      prefix = true;
      prefixName = name;
      expectCommand = true;
    }
  }
}

function isWord(token: Token | undefined, text: string): boolean {
  return token?.kind === 'word' && token.text === text;
}

function isOp(token: Token | undefined, text: string): boolean {
  return token?.kind === 'op' && token.text === text;
}

/** The index of the `)` closing the `(` at `open`, skipping quoted text; the text's end when unclosed. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') index++;
    else if (char === "'")
      index = text.indexOf("'", index + 1) < 0 ? text.length : text.indexOf("'", index + 1);
    else if (char === '"') index = closingQuote(text, index);
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return index;
  }
  return text.length;
}

function closingQuote(text: string, open: number): number {
  for (let index = open + 1; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === '"') return index;
  }
  return text.length;
}

function tokenize(text: string, scan: ShellScan): Token[] {
  const tokens: Token[] = [];
  const heredocs: { delimiter: string; tabs: boolean }[] = [];
  let word = '';
  let dynamic = false;
  let inWord = false;
  const endWord = (): void => {
    if (inWord) tokens.push({ kind: 'word', text: word, dynamic });
    word = '';
    dynamic = false;
    inWord = false;
  };
  /** Reads a `$…` expansion at `index`, scanning command substitutions; returns the index of its last character. */
  const expansion = (index: number): number => {
    dynamic = true;
    if (text.startsWith('$((', index)) return closingParen(text, index + 1);
    if (text[index + 1] === '(') {
      const close = closingParen(text, index + 1);
      scanInto(text.slice(index + 2, close), scan);
      return close;
    }
    if (text[index + 1] === '{') {
      const close = text.indexOf('}', index);
      const inner = text.slice(index + 2, close < 0 ? text.length : close);
      if (/^\w+(:\d|\/|\^|,)|^!/.test(inner)) addOnce(scan.bashisms, '${…} substring or substitution');
      return close < 0 ? text.length : close;
    }
    if (/[@*#?$!0-9-]/.test(text[index + 1] ?? '')) return index + 1;
    let end = index + 1;
    while (end < text.length && /\w/.test(text[end]!)) end++;
    return end - 1;
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '\\') {
      if (text[index + 1] !== '\n') {
        word += text[index + 1] ?? '';
        inWord = true;
      }
      index++;
    } else if (char === ' ' || char === '\t' || char === '\r') {
      endWord();
    } else if (char === '\n') {
      endWord();
      tokens.push({ kind: 'newline' });
      for (const { delimiter, tabs } of heredocs.splice(0)) {
        let lineStart = index + 1;
        while (lineStart < text.length) {
          const lineEnd = text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart);
          const body = text.slice(lineStart, lineEnd);
          lineStart = lineEnd + 1;
          if ((tabs ? body.replace(/^\t+/, '') : body) === delimiter) break;
        }
        index = lineStart - 1;
      }
    } else if (char === '#' && !inWord) {
      const end = text.indexOf('\n', index);
      index = (end < 0 ? text.length : end) - 1;
    } else if (char === "'") {
      const close = text.indexOf("'", index + 1);
      word += text.slice(index + 1, close < 0 ? text.length : close);
      inWord = true;
      index = close < 0 ? text.length : close;
    } else if (char === '"') {
      const close = closingQuote(text, index);
      for (let inner = index + 1; inner < close; inner++) {
        if (text[inner] === '\\') word += text[++inner] ?? '';
        else if (text[inner] === '$') inner = expansion(inner);
        else if (text[inner] === '`') {
          const end = text.indexOf('`', inner + 1);
          scanInto(text.slice(inner + 1, end < 0 ? close : end), scan);
          dynamic = true;
          inner = end < 0 ? close : end;
        } else word += text[inner];
      }
      inWord = true;
      index = close;
    } else if (char === '$') {
      if (text[index + 1] === "'") {
        addOnce(scan.bashisms, "$'…'");
        const close = text.indexOf("'", index + 2);
        word += text.slice(index + 2, close < 0 ? text.length : close);
        index = close < 0 ? text.length : close;
      } else {
        index = expansion(index);
      }
      inWord = true;
    } else if (char === '`') {
      const close = text.indexOf('`', index + 1);
      scanInto(text.slice(index + 1, close < 0 ? text.length : close), scan);
      dynamic = true;
      inWord = true;
      index = close < 0 ? text.length : close;
    } else if (char === '(' && inWord && word.endsWith('=')) {
      addOnce(scan.bashisms, 'arrays');
      index = closingParen(text, index);
      dynamic = true;
    } else if ((char === '<' || char === '>') && text[index + 1] === '(') {
      addOnce(scan.bashisms, 'process substitution');
      endWord();
      const close = closingParen(text, index + 1);
      scanInto(text.slice(index + 2, close), scan);
      tokens.push({ kind: 'word', text: '', dynamic: true });
      index = close;
    } else if ('<>;&|()'.includes(char)) {
      if ((char === '<' || char === '>') && /^\d+$/.test(word)) {
        word = '';
        inWord = false; // a file descriptor number such as the 2 in 2>&1
      }
      endWord();
      if (char === '(' && text[index + 1] === '(' && tokens.at(-1)?.kind !== 'word') {
        tokens.push({ kind: 'word', text: '((', dynamic: false });
        index = closingParen(text, index);
        continue;
      }
      const rest = text.slice(index, index + 3);
      const op =
        [...REDIRECTS, ';;&', ';;', ';&', '&&', '||', '|&', ';', '&', '|', '(', ')'].find((candidate) =>
          rest.startsWith(candidate),
        ) ?? char;
      if (op === '|&') addOnce(scan.bashisms, '|&');
      tokens.push({ kind: 'op', text: op });
      index += op.length - 1;
      if (op === '<<' || op === '<<-') {
        const match = /^[ \t]*(['"]?)([\w.-]+)\1/.exec(text.slice(index + 1));
        if (match) {
          heredocs.push({ delimiter: match[2]!, tabs: op === '<<-' });
          tokens.push({ kind: 'word', text: match[2]!, dynamic: false });
          index += match[0].length;
        }
      }
    } else {
      word += char;
      inWord = true;
      if (char === '{' && /^\{\w+\.\.\w+\}$/.test(text.slice(index, text.indexOf('}', index) + 1)))
        addOnce(scan.bashisms, '{a..b}');
    }
  }
  endWord();
  return tokens;
}
