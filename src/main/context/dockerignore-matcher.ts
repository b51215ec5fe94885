/*
 * .dockerignore semantics as the docker CLI applies them when it packs a build context
 * (moby/patternmatcher + the archive walker the CLI uses), on POSIX paths relative to the context.
 *
 * Why not @balena/dockerignore: it ports moby v19.03, and the parity test against CLI 28 shows it
 * disagrees on patterns that occur in real files — `**.md` (the CLI matches any path ending in
 * `.md`), patterns containing `+ ( ) | { }` (balena leaves them as regex operators), and the
 * walker's per-pattern parent cache (docker/buildx#850), where the CLI re-includes more than a
 * plain "last rule wins" reading of the file says.
 */

import { translateGoRegexp } from './go-regexp';

/** A pattern the CLI itself would refuse (it fails the build with "syntax error in pattern"). */
export class DockerignorePatternError extends Error {
  constructor(
    readonly pattern: string,
    readonly line: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'DockerignorePatternError';
  }
}

/** One line of a .dockerignore that survived parsing, with where it came from. */
export interface DockerignoreLine {
  /** The pattern as the CLI hands it to the matcher: cleaned, `!` kept, leading `/` removed. */
  pattern: string;
  /** 1-based line number in the file. */
  line: number;
}

// Go's strings.TrimSpace set: Unicode White_Space, which (unlike String.prototype.trim) excludes U+FEFF.
/** Go's strings.TrimSpace set as a regexp character class. */
export const GO_SPACE =
  '[\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]';
const LEADING_SPACE = new RegExp(`^${GO_SPACE}+`);
const TRAILING_SPACE = new RegExp(`${GO_SPACE}+$`);

/** Go's `strings.TrimSpace`. */
export function trimGoSpace(text: string): string {
  return text.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '');
}

/** Go's `path.Clean` for slash-separated paths. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** bufio.MaxScanTokenSize: the CLI reads .dockerignore with a bufio.Scanner. */
const MAX_LINE_BYTES = 64 * 1024;

/**
 * Reads a .dockerignore the way the CLI does: a BOM on the first line is dropped, lines starting
 * with `#` (before any trimming) are comments, lines are trimmed, blank ones skipped, and each
 * pattern is cleaned with a leading `/` removed (`!` kept in front).
 */
export function parseDockerignore(text: string): DockerignoreLine[] {
  const lines = text.split('\n');
  // A final newline does not start another line (bufio.ScanLines).
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const result: DockerignoreLine[] = [];
  lines.forEach((raw, index) => {
    // bufio.Scanner's 64 KiB buffer must hold the line with its `\r`; the CLI fails on a longer one.
    if (raw.length >= MAX_LINE_BYTES / 3 && Buffer.byteLength(raw) >= MAX_LINE_BYTES) {
      throw new DockerignorePatternError(
        raw.slice(0, 40),
        index + 1,
        `The line is longer than ${MAX_LINE_BYTES - 1} bytes; the docker CLI cannot read the file ("token too long").`,
      );
    }
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (index === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    if (line.startsWith('#')) return;
    let pattern = trimGoSpace(line);
    if (pattern === '') return;
    const invert = pattern.startsWith('!');
    if (invert) pattern = trimGoSpace(pattern.slice(1));
    if (pattern.length > 0) {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    result.push({ pattern: invert ? `!${pattern}` : pattern, line: index + 1 });
  });
  return result;
}

/** Characters patternmatcher escapes before handing a pattern to the regexp engine. */
const REGEX_ESCAPED = new Set(['.', '+', '(', ')', '|', '{', '}', '$']);

/** patternmatcher's match types: plain comparisons for simple patterns, a regexp for the rest. */
export type MatchKind = 'exact' | 'prefix' | 'suffix' | 'regexp';

/** One compiled pattern; `text` is the cleaned pattern without its `!`. */
interface Pattern {
  text: string;
  exclusion: boolean;
  kind: MatchKind;
  regexp: RegExp | null;
}

/**
 * Whether Go's `filepath.Match` accepts the pattern (it validates the whole pattern): a trailing
 * backslash, an unclosed `[`, an empty class or a class item starting with `-` or `]` is an error.
 */
function isValidGlob(pattern: string): boolean {
  const chars = Array.from(pattern);
  let i = 0;
  // Go's getEsc: one class character (possibly escaped) that must be followed by more pattern.
  const classChar = (): boolean => {
    const c = chars[i];
    if (c === undefined || c === '-' || c === ']') return false;
    if (c === '\\') {
      i++;
      if (chars[i] === undefined) return false;
    }
    i++;
    return i < chars.length;
  };
  while (i < chars.length) {
    const c = chars[i]!;
    if (c === '\\') {
      if (i + 1 >= chars.length) return false;
      i += 2;
    } else if (c === '[') {
      i++;
      if (chars[i] === '^') i++;
      let ranges = 0;
      for (;;) {
        if (chars[i] === ']' && ranges > 0) {
          i++;
          break;
        }
        if (!classChar()) return false;
        if (chars[i] === '-') {
          i++;
          if (!classChar()) return false;
        }
        ranges++;
      }
    } else {
      i++;
    }
  }
  return true;
}

/**
 * How patternmatcher compiles a cleaned pattern (without its `!`): the match kind, and for
 * `regexp` the Go regexp source it builds, fast paths and their quirks included.
 */
export function compileDockerignorePattern(text: string): { kind: MatchKind; goRegexp: string | null } {
  const chars = Array.from(text);
  // Go reads the pattern with text/scanner, which drops a byte order mark at the very start.
  const first = chars[0] === '\uFEFF' ? 1 : 0;
  let source = '^';
  let kind: MatchKind = 'exact';
  // `token` counts loop turns, not characters: a leading `**` (or `**/`) is token 0.
  for (let i = first, token = 0; i < chars.length; i++, token++) {
    const c = chars[i]!;
    if (c === '*') {
      if (chars[i + 1] === '*') {
        i++;
        if (chars[i + 1] === '/') i++;
        if (i + 1 >= chars.length) {
          if (kind === 'exact') kind = 'prefix';
          else {
            source += '.*';
            kind = 'regexp';
          }
        } else {
          source += '(.*/)?';
          kind = 'regexp';
        }
        // Quirk kept: a leading `**` makes a plain suffix test unless a later wildcard turns the
        // pattern back into a regexp, so `**.md` matches `docs/a.md` as the CLI does.
        if (token === 0) kind = 'suffix';
      } else {
        source += '[^/]*';
        kind = 'regexp';
      }
    } else if (c === '?') {
      source += '[^/]';
      kind = 'regexp';
    } else if (REGEX_ESCAPED.has(c)) {
      source += `\\${c}`;
    } else if (c === '\\') {
      const next = chars[i + 1];
      if (next !== undefined) {
        source += `\\${next}`;
        i++;
        kind = 'regexp';
      } else {
        // Unreachable after validation (a trailing backslash is a glob syntax error); as in Go.
        source += '\\';
      }
    } else if (c === '[' || c === ']') {
      source += c;
      kind = 'regexp';
    } else {
      source += c;
    }
  }
  return { kind, goRegexp: kind === 'regexp' ? `${source}$` : null };
}

/** Compiles a cleaned pattern; a regexp Go's parser rejects is refused here, naming the line. */
function compilePattern(text: string, exclusion: boolean, line: number | null): Pattern {
  const { kind, goRegexp } = compileDockerignorePattern(text);
  if (goRegexp === null) return { text, exclusion, kind, regexp: null };
  const translated = translateGoRegexp(goRegexp);
  if (!translated.ok) {
    throw new DockerignorePatternError(
      text,
      line,
      `"${text}" is not a valid pattern (${translated.reason}); the docker CLI fails the build with "syntax error in pattern".`,
    );
  }
  return { text, exclusion, kind, regexp: translated.regexp };
}

function matchOne(pattern: Pattern, path: string): boolean {
  switch (pattern.kind) {
    case 'exact':
      return path === pattern.text;
    case 'prefix':
      return path.startsWith(pattern.text.slice(0, -2));
    case 'suffix': {
      // Go cuts two bytes: after a leading byte order mark that leaves a broken suffix nothing ends with.
      if (!pattern.text.startsWith('**')) return false;
      const suffix = pattern.text.slice(2);
      if (path.endsWith(suffix)) return true;
      return suffix.startsWith('/') && path === suffix.slice(1);
    }
    case 'regexp':
      return pattern.regexp!.test(path);
  }
}

/** Per-pattern results for a directory, handed to its children while walking (patternmatcher's MatchInfo). */
export type ParentMatches = readonly boolean[];

/** Ancestor prefixes of a slash path: `a/b/c` → `a`, `a/b`. */
function ancestors(path: string): string[] {
  const result: string[] = [];
  for (let index = path.indexOf('/'); index !== -1; index = path.indexOf('/', index + 1)) {
    result.push(path.slice(0, index));
  }
  return result;
}

/**
 * The CLI's exclude-pattern matcher. Patterns are lines as `parseDockerignore` returns them (or
 * plain strings); `!` patterns are exceptions. Throws `DockerignorePatternError` for a pattern the
 * CLI rejects.
 */
export class DockerignoreMatcher {
  private readonly patterns: Pattern[] = [];
  /** True when any `!` exception exists (the walker may then have to enter excluded folders). */
  readonly hasExclusions: boolean;

  constructor(lines: ReadonlyArray<DockerignoreLine | string>) {
    let exclusions = false;
    for (const entry of lines) {
      const line = typeof entry === 'string' ? null : entry.line;
      let text = trimGoSpace(typeof entry === 'string' ? entry : entry.pattern);
      if (text === '') continue;
      text = cleanPath(text);
      let exclusion = false;
      if (text.startsWith('!')) {
        if (text.length === 1) {
          throw new DockerignorePatternError(text, line, 'A line with only "!" is not a valid pattern.');
        }
        exclusion = true;
        exclusions = true;
        text = text.slice(1);
      }
      if (!isValidGlob(text)) {
        throw new DockerignorePatternError(text, line, `"${text}" is not a valid pattern (syntax error).`);
      }
      this.patterns.push(compilePattern(text, exclusion, line));
    }
    this.hasExclusions = exclusions;
  }

  /** How many patterns are active (the length of every `ParentMatches`). */
  get size(): number {
    return this.patterns.length;
  }

  /** Whether the path or one of its parent folders is excluded (patternmatcher's MatchesOrParentMatches). */
  excludes(path: string): boolean {
    const parents = ancestors(path);
    let matched = false;
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      const match = matchOne(pattern, path) || parents.some((parent) => matchOne(pattern, parent));
      if (match) matched = !pattern.exclusion;
    }
    return matched;
  }

  /**
   * The CLI's older check, used only to decide whether to re-add the Dockerfile and .dockerignore:
   * a pattern is tried against the one parent prefix with as many segments as the pattern has.
   */
  excludesLegacy(path: string): boolean {
    const parentDirs = path.includes('/') ? path.slice(0, path.lastIndexOf('/')).split('/') : null;
    let matched = false;
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      let match = matchOne(pattern, path);
      const segments = pattern.text.split('/').length;
      if (!match && parentDirs && segments <= parentDirs.length) {
        match = matchOne(pattern, parentDirs.slice(0, segments).join('/'));
      }
      if (match) matched = !pattern.exclusion;
    }
    return matched;
  }

  /**
   * The walker's test (patternmatcher's MatchesUsingParentResults): whether `path` is excluded,
   * given the per-pattern results of its parent folder (null for top-level paths). The returned
   * `matches` are what its children need.
   *
   * A pattern skipped for a folder (it could not change the verdict there) is recorded as "not
   * matched", so the folder's children do not inherit it — docker/buildx#850, kept for parity.
   */
  walkMatch(path: string, parent: ParentMatches | null): { excluded: boolean; matches: boolean[] } {
    const matches = new Array<boolean>(this.patterns.length).fill(false);
    let matched = false;
    this.patterns.forEach((pattern, index) => {
      let match = parent ? parent[index]! : false;
      if (!match) {
        if (pattern.exclusion !== matched) return;
        match = matchOne(pattern, path);
        if (!match && !parent) match = ancestors(path).some((prefix) => matchOne(pattern, prefix));
      }
      matches[index] = match;
      if (match) matched = !pattern.exclusion;
    });
    return { excluded: matched, matches };
  }

  /**
   * Whether an excluded folder must still be walked: only when an exception pattern literally
   * starts with the folder's path (`!dir/keep.txt` for `dir`). `!**\/keep` does not count — the
   * CLI prunes the folder and never sends `dir/keep`.
   */
  mustEnter(dirPath: string): boolean {
    if (!this.hasExclusions) return false;
    const dirSlash = `${dirPath}/`;
    return this.patterns.some((pattern) => pattern.exclusion && `${pattern.text}/`.startsWith(dirSlash));
  }
}
