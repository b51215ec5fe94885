/*
 * The Go regular expressions moby/patternmatcher builds from .dockerignore patterns, read the way
 * Go's regexp/syntax parser reads them (Perl flags) and rewritten as JavaScript ones.
 *
 * A `[` or `\` the user typed reaches Go's regexp parser unchanged, so `[[:alpha:]]`, `\d` or
 * `\x41` mean what Go says, and whatever Go rejects (`[l-O]`, `\y`, `[[:foo:]]`) fails the CLI's
 * build with "syntax error in pattern". Handing the source to `new RegExp` instead throws raw
 * SyntaxErrors for some and silently means something else for others (`\s`, POSIX classes, `.`
 * against `\r`).
 */

/** The JavaScript regexp, or why Go's parser refuses the source. */
export type GoRegexpTranslation = { ok: true; regexp: RegExp } | { ok: false; reason: string };

type Range = readonly [number, number];
type Parsed<T> = ({ next: number } & T) | { error: string };

const MAX_RUNE = 0x10ffff;

const DIGIT: Range[] = [[0x30, 0x39]];
const WORD: Range[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
const PERL_SPACE: Range[] = [
  [0x09, 0x0a],
  [0x0c, 0x0d],
  [0x20, 0x20],
];

const POSIX: Record<string, Range[]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: DIGIT,
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: WORD,
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

const PERL: Record<string, Range[]> = { d: DIGIT, s: PERL_SPACE, w: WORD };

/** Ranges (sorted, disjoint) of everything outside `ranges`. */
function complement(ranges: readonly Range[]): Range[] {
  const result: Range[] = [];
  let next = 0;
  for (const [lo, hi] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (lo > next) result.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX_RUNE) result.push([next, MAX_RUNE]);
  return result;
}

const hexOf = (cp: number): string => `\\u{${cp.toString(16)}}`;
const rangesText = (ranges: readonly Range[]): string =>
  ranges.map(([lo, hi]) => (lo === hi ? hexOf(lo) : `${hexOf(lo)}-${hexOf(hi)}`)).join('');
/** A literal outside a class: letters and digits as they are, the rest as `\u{…}`. */
const literal = (cp: number): string =>
  /^[0-9A-Za-z]$/.test(String.fromCodePoint(cp)) ? String.fromCodePoint(cp) : hexOf(cp);

const isOctal = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '7';
const hexValue = (c: string | undefined): number =>
  c !== undefined && /^[0-9A-Fa-f]$/.test(c) ? parseInt(c, 16) : -1;
const C_ESCAPES: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };

/** Go's parseEscape: one escaped character at `cs[i] === '\\'`. */
function parseEscape(cs: readonly string[], i: number): Parsed<{ cp: number }> {
  const c = cs[i + 1];
  if (c === undefined) return { error: 'trailing backslash at end of expression' };
  let j = i + 2;
  const cp = c.codePointAt(0)!;
  const invalid = { error: `invalid escape sequence \\${c}` };
  // Escaped punctuation is itself; escaped letters are either known escapes or errors.
  if (cp < 0x80 && !/^[0-9A-Za-z]$/.test(c)) return { cp, next: j };
  if (c >= '0' && c <= '7') {
    // A lone \1–\7 would be a backreference, which Go does not support.
    if (c !== '0' && !isOctal(cs[j])) return invalid;
    let value = cp - 0x30;
    for (let k = 1; k < 3 && isOctal(cs[j]); k++) value = value * 8 + (cs[j++]!.codePointAt(0)! - 0x30);
    return { cp: value, next: j };
  }
  if (c === 'x') {
    const first = cs[j++];
    if (first === undefined) return invalid;
    if (first === '{') {
      let value = 0;
      let digits = 0;
      for (;;) {
        const d = cs[j++];
        if (d === undefined) return invalid;
        if (d === '}') break;
        const v = hexValue(d);
        if (v < 0) return invalid;
        value = value * 16 + v;
        if (value > MAX_RUNE) return invalid;
        digits++;
      }
      return digits === 0 ? invalid : { cp: value, next: j };
    }
    const x = hexValue(first);
    const y = hexValue(cs[j++]);
    return x < 0 || y < 0 ? invalid : { cp: x * 16 + y, next: j };
  }
  const control = C_ESCAPES[c];
  return control === undefined ? invalid : { cp: control, next: j };
}

function propertyEscape(sign: 'p' | 'P', name: string): string | null {
  for (const key of ['General_Category', 'Script']) {
    const text = `\\${sign}{${key}=${name}}`;
    try {
      new RegExp(text, 'u');
      return text;
    } catch {
      // Not a name of this kind.
    }
  }
  return null;
}

/**
 * Go's parseUnicodeClass at `\p` / `\P`: a class item. Names are looked up in Node's Unicode
 * tables (General_Category and Script values), which accept a few aliases Go's own may not.
 */
function unicodeClass(cs: readonly string[], i: number): Parsed<{ item: string }> {
  let negated = cs[i + 1] === 'P';
  let j = i + 2;
  let name: string;
  if (cs[j] !== '{') {
    name = cs[j] ?? '';
    j++;
  } else {
    const end = cs.indexOf('}', j);
    if (end < 0) return { error: `invalid character class range ${cs.slice(i).join('')}` };
    name = cs.slice(j + 1, end).join('');
    j = end + 1;
  }
  const seq = cs.slice(i, j).join('');
  if (name.startsWith('^')) {
    negated = !negated;
    name = name.slice(1);
  }
  if (name === 'Any') return { item: negated ? '' : rangesText([[0, MAX_RUNE]]), next: j };
  const item = name === '' ? null : propertyEscape(negated ? 'P' : 'p', name);
  return item === null ? { error: `invalid character class range ${seq}` } : { item, next: j };
}

/** `\d \s \w` and their negations `\D \S \W`, ASCII-only as in Go. */
function perlClass(c: string | undefined): Range[] | null {
  if (c === undefined || !/^[dswDSW]$/.test(c)) return null;
  const ranges = PERL[c.toLowerCase()]!;
  return c === c.toLowerCase() ? ranges : complement(ranges);
}

/** Go's parseClass at `cs[start] === '['`. */
function parseClass(cs: readonly string[], start: number): Parsed<{ text: string }> {
  let i = start + 1;
  let negated = false;
  if (cs[i] === '^') {
    negated = true;
    i++;
  }
  const whole = (): string => cs.slice(start).join('');
  let items = '';
  // `]` right after `[` or `[^` is a member, not the end.
  for (let first = true; i >= cs.length || cs[i] !== ']' || first; first = false) {
    if (i >= cs.length) return { error: `missing closing ]: ${whole()}` };
    if (cs.length - i > 2 && cs[i] === '[' && cs[i + 1] === ':') {
      const rest = cs.slice(i + 2).join('');
      const end = rest.indexOf(':]');
      if (end >= 0) {
        const name = rest.slice(0, end);
        const ranges = POSIX[name.replace(/^\^/, '')];
        if (!ranges || !Object.hasOwn(POSIX, name.replace(/^\^/, ''))) {
          return { error: `invalid character class range [:${name}:]` };
        }
        items += rangesText(name.startsWith('^') ? complement(ranges) : ranges);
        i += 2 + Array.from(name).length + 2;
        continue;
      }
    }
    if (cs[i] === '\\' && (cs[i + 1] === 'p' || cs[i + 1] === 'P')) {
      const group = unicodeClass(cs, i);
      if ('error' in group) return group;
      items += group.item;
      i = group.next;
      continue;
    }
    const perl = cs[i] === '\\' ? perlClass(cs[i + 1]) : null;
    if (perl) {
      items += rangesText(perl);
      i += 2;
      continue;
    }
    const lo = classChar(cs, i, whole);
    if ('error' in lo) return lo;
    i = lo.next;
    let hi = lo.cp;
    // `[a-]` is `a` or `-`.
    if (cs.length - i >= 2 && cs[i] === '-' && cs[i + 1] !== ']') {
      const upper = classChar(cs, i + 1, whole);
      if ('error' in upper) return upper;
      if (upper.cp < lo.cp) {
        return {
          error: `invalid character class range ${String.fromCodePoint(lo.cp)}-${String.fromCodePoint(upper.cp)}`,
        };
      }
      hi = upper.cp;
      i = upper.next;
    }
    items += rangesText([[lo.cp, hi]]);
  }
  return { text: `[${negated ? '^' : ''}${items}]`, next: i + 1 };
}

function classChar(cs: readonly string[], i: number, whole: () => string): Parsed<{ cp: number }> {
  const c = cs[i];
  if (c === undefined) return { error: `missing closing ]: ${whole()}` };
  return c === '\\' ? parseEscape(cs, i) : { cp: c.codePointAt(0)!, next: i + 1 };
}

/** Go's `{n}`, `{n,}`, `{n,m}` (no leading zeros, at most 1000); null when `{` is a literal. */
function parseRepeat(cs: readonly string[], i: number): { min: number; max: number; next: number } | null {
  const match = /^\{(0|[1-9][0-9]*)(,(0|[1-9][0-9]*)?)?\}/.exec(cs.slice(i).join(''));
  if (!match) return null;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : match[3] === undefined ? -1 : Number(match[3]);
  return { min, max, next: i + match[0].length };
}

/** Rewrites a Go regexp source (as patternmatcher builds it) as a JavaScript RegExp with the same matches. */
export function translateGoRegexp(source: string): GoRegexpTranslation {
  const cs = Array.from(source);
  let out = '';
  // Where the last repeatable item starts in `out` (-1: none), and whether it was a repetition.
  let itemStart = -1;
  let repeated = false;
  const groups: number[] = [];
  let i = 0;
  const fail = (reason: string): GoRegexpTranslation => ({ ok: false, reason });
  const push = (text: string): void => {
    itemStart = out.length;
    out += text;
    repeated = false;
  };
  const repeat = (suffix: string, next: number): GoRegexpTranslation | null => {
    if (repeated) return fail(`invalid nested repetition operator ${suffix}`);
    if (itemStart < 0) return fail(`missing argument to repetition operator ${suffix}`);
    // Non-greedy forms match the same strings; only whether a path matches counts here.
    const lazy = cs[next] === '?';
    out = `${out.slice(0, itemStart)}(?:${out.slice(itemStart)})${suffix}`;
    repeated = true;
    i = lazy ? next + 1 : next;
    return null;
  };

  while (i < cs.length) {
    const c = cs[i]!;
    if (c === '(') {
      if (cs[i + 1] === '?') return fail('flags and named groups are not used by patterns');
      groups.push(out.length);
      out += '(';
      itemStart = -1;
      repeated = false;
      i++;
    } else if (c === ')') {
      const start = groups.pop();
      if (start === undefined) return fail('unexpected )');
      out += ')';
      itemStart = start;
      repeated = false;
      i++;
    } else if (c === '|') {
      out += '|';
      itemStart = -1;
      repeated = false;
      i++;
    } else if (c === '^' || c === '$') {
      push(c);
      i++;
    } else if (c === '.') {
      // Go's `.` stops only at `\n`; JavaScript's also at `\r`, U+2028 and U+2029.
      push('[^\\n]');
      i++;
    } else if (c === '[') {
      const parsed = parseClass(cs, i);
      if ('error' in parsed) return fail(parsed.error);
      push(parsed.text);
      i = parsed.next;
    } else if (c === '*' || c === '+' || c === '?') {
      const failure = repeat(c, i + 1);
      if (failure) return failure;
    } else if (c === '{' && parseRepeat(cs, i)) {
      const { min, max, next } = parseRepeat(cs, i)!;
      if (min > 1000 || max > 1000 || (max >= 0 && min > max)) return fail('invalid repeat count');
      const failure = repeat(`{${min},${max < 0 ? '' : max}}`, next);
      if (failure) return failure;
    } else if (c === '\\') {
      const next = cs[i + 1];
      if (next === 'A' || next === 'z') {
        push(next === 'A' ? '^' : '$');
        i += 2;
      } else if (next === 'b' || next === 'B') {
        push(`\\${next}`);
        i += 2;
      } else if (next === 'C') {
        return fail('invalid escape sequence \\C');
      } else if (next === 'Q') {
        // \Q…\E: everything up to \E (or the end) is literal.
        let j = i + 2;
        while (j < cs.length && !(cs[j] === '\\' && cs[j + 1] === 'E'))
          push(literal(cs[j++]!.codePointAt(0)!));
        repeated = false;
        i = j < cs.length ? j + 2 : j;
      } else if (next === 'p' || next === 'P') {
        const group = unicodeClass(cs, i);
        if ('error' in group) return fail(group.error);
        push(`[${group.item}]`);
        i = group.next;
      } else if (perlClass(next)) {
        push(`[${rangesText(perlClass(next)!)}]`);
        i += 2;
      } else {
        const escaped = parseEscape(cs, i);
        if ('error' in escaped) return fail(escaped.error);
        push(literal(escaped.cp));
        i = escaped.next;
      }
    } else {
      push(literal(c.codePointAt(0)!));
      i++;
    }
  }
  if (groups.length > 0) return fail('missing closing )');
  try {
    return { ok: true, regexp: new RegExp(out, 'u') };
  } catch (error) {
    // Not expected: every piece above is valid JavaScript. Still a refusal, never a raw SyntaxError.
    return fail(`cannot be matched (${error instanceof Error ? error.message : String(error)})`);
  }
}
