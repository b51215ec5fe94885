/**
 * Property tests (issue #12): whatever a .dockerignore holds, reading and compiling it fails only
 * with a DockerignorePatternError naming its line, matching never throws, an exception `!p` undoes
 * exactly what `p` excluded, and the patterns Dockwright suggests match the path they were made for.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapePattern } from '../../../../../src/main/context/context-summary';
import {
  DockerignoreMatcher,
  DockerignorePatternError,
  parseDockerignore,
} from '../../../../../src/main/context/dockerignore-matcher';

/** Pieces that are harmless on their own: wildcards, escapes and Go regexp syntax the CLI accepts. */
const SAFE_PIECES = [
  '*',
  '**',
  '**/',
  '?',
  '[a-z]',
  '[^x]',
  '[!x]',
  '[[:alpha:]]',
  '\\*',
  '\\[',
  '/',
  './',
  '../',
  '.',
  ' ',
  'é',
  '☺',
  '😀',
  '\u2028',
  '\u0000',
  '\uFEFF',
  'a',
  'b',
  'dir',
  'file.txt',
  '-',
  '^',
  '$',
  '(',
  ')',
  '|',
  '{',
  '}',
  '+',
  '\\pL',
  '\\Q',
  '\\x41',
  '\\d',
  '\\s',
  '\\t',
  '#',
];
/** Pieces that often make a pattern the CLI refuses. */
const RISKY_PIECES = [
  '[',
  ']',
  '\\',
  '\\E',
  '\\1',
  '\\y',
  '[z-a]',
  '[Local-Only]',
  '[:',
  ':]',
  '[]',
  '[-',
  '\r',
  '!',
  '\\!',
  // Go's path.Clean treats the `/` inside as a separator: `[^/]/..` cleans to `[^`.
  '[^/]',
  // patternmatcher escapes `{`, so Go reads `\p\{` and finds no group name.
  '\\p{Greek}',
];

const piece = (risky: boolean): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...SAFE_PIECES) },
    { weight: risky ? 3 : 0, arbitrary: fc.constantFrom(...RISKY_PIECES) },
    {
      weight: 2,
      arbitrary: fc
        .string({ unit: 'binary', maxLength: 3 })
        .map((text) => text.replace(risky ? /\n/g : /[\n[\]\\]/g, '')),
    },
  );

const patternText = (risky: boolean): fc.Arbitrary<string> =>
  fc.array(piece(risky), { maxLength: 8 }).map((parts) => parts.join(''));

const line = (risky: boolean): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom('', '', '', '!', '! ', ' ', '#', '/'),
      patternText(risky),
      fc.constantFrom('', ' ', '\r', '/'),
    )
    // A lone `!` (or `!/`) is a refusal in itself: kept out of the harmless lines.
    .map(([prefix, body, suffix]) => {
      if (risky) return `${prefix}${body}${suffix}`;
      return /[0-9A-Za-z]/.test(body) ? `${prefix}${body}${suffix}` : `${body}${suffix}`;
    });

const fileText = fc
  .tuple(fc.boolean(), fc.array(line(true), { maxLength: 30 }), fc.boolean())
  .map(
    ([bom, lines, finalNewline]) => `${bom ? '\uFEFF' : ''}${lines.join('\n')}${finalNewline ? '\n' : ''}`,
  );

const segment = fc.oneof(
  fc.constantFrom(
    'a',
    'b',
    'dir',
    'file.txt',
    '.env',
    'x[1]',
    'é',
    '😀',
    'node_modules',
    'a b',
    '!x',
    '#y',
    'c^d',
  ),
  fc
    .string({ unit: 'binary', minLength: 1, maxLength: 4 })
    .filter((text) => !text.includes('/') && text !== '.' && text !== '..'),
);
const contextPath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));

/** Loads the file like planContext; a refusal must be a DockerignorePatternError naming a real line. */
function load(text: string): DockerignoreMatcher | null {
  try {
    return new DockerignoreMatcher(parseDockerignore(text));
  } catch (error) {
    if (!(error instanceof DockerignorePatternError)) throw error;
    expect(error.line).not.toBeNull();
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.line).toBeLessThanOrEqual(text.split('\n').length);
    return null;
  }
}

/** MatchesUsingParentResults fed the parents' results, as the walker does. */
function walked(matcher: DockerignoreMatcher, path: string): boolean {
  const parts = path.split('/');
  let parent: readonly boolean[] | null = null;
  for (let depth = 1; depth < parts.length; depth++) {
    parent = matcher.walkMatch(parts.slice(0, depth).join('/'), parent).matches;
  }
  return matcher.walkMatch(path, parent).excluded;
}

/** A path the pattern may well match: wildcards filled in, escapes taken literally. */
function pathFrom(pattern: string): string {
  return pattern
    .replace(/\*\*\//g, 'x/')
    .replace(/\*+/g, 'z')
    .replace(/\?/g, 'q')
    .replace(/\\(.)/gu, '$1')
    .replace(/^\/+|\/+$/g, '')
    .replace(/\/+/g, '/');
}

describe('.dockerignore fuzzing', () => {
  it('refuses only with a DockerignorePatternError naming the line, and matching never throws (600 files)', () => {
    let refused = 0;
    fc.assert(
      fc.property(fileText, fc.array(contextPath, { maxLength: 8 }), (text, paths) => {
        const matcher = load(text);
        if (!matcher) {
          refused++;
          return;
        }
        for (const path of paths) {
          expect(typeof matcher.excludes(path)).toBe('boolean');
          expect(typeof matcher.excludesLegacy(path)).toBe('boolean');
          expect(typeof walked(matcher, path)).toBe('boolean');
          expect(typeof matcher.mustEnter(path)).toBe('boolean');
        }
      }),
      { seed: 1201, numRuns: 600 },
    );
    // Both outcomes are exercised: some files are refused, most are not.
    expect(refused).toBeGreaterThan(30);
    expect(refused).toBeLessThan(570);
  });

  it('loads 10,000 harmless lines, and with one bad line among them names that line (4 files)', () => {
    const KNOWN_BAD = ['[Local-Only]/', 'a\\', '[z-a]', '!', '! /', 'x\\y', '[[:x:]]', 'a[', '\\p{Greek}'];
    fc.assert(
      fc.property(
        fc.array(line(false), { minLength: 10_000, maxLength: 10_000 }),
        fc.nat({ max: 9_999 }),
        fc.oneof(fc.constantFrom(...KNOWN_BAD), line(true)),
        fc.array(contextPath, { maxLength: 10 }),
        (lines, index, extra, paths) => {
          const matcher = load(lines.join('\n'));
          expect(matcher).not.toBeNull();
          for (const path of paths) expect(typeof walked(matcher!, path)).toBe('boolean');

          const [alone] = parseDockerignore(extra);
          let bad = false;
          try {
            if (alone) new DockerignoreMatcher([alone]);
          } catch (error) {
            if (!(error instanceof DockerignorePatternError)) throw error;
            bad = true;
          }
          const withExtra = [...lines];
          withExtra[index] = extra;
          const parsed = parseDockerignore(withExtra.join('\n'));
          if (bad) {
            expect(() => new DockerignoreMatcher(parsed)).toThrow(
              expect.objectContaining({ line: index + 1 }),
            );
          } else {
            expect(() => new DockerignoreMatcher(parsed)).not.toThrow();
          }
        },
      ),
      { seed: 1202, numRuns: 4 },
    );
  });

  it('lets a later !p re-include whatever p excluded, by every matcher the CLI uses (800 patterns)', () => {
    let excludedSomething = 0;
    fc.assert(
      fc.property(
        patternText(true).filter((text) => !/^[\s!#]/.test(text) && text.trim() !== ''),
        fc.array(contextPath, { maxLength: 4 }),
        (pattern, randomPaths) => {
          const plain = load(`${pattern}\n`);
          const undone = load(`${pattern}\n!${pattern}\n`);
          if (!plain || !undone) return;
          for (const path of [pathFrom(pattern), `${pathFrom(pattern)}/inner`, ...randomPaths]) {
            if (path === '' || path.split('/').some((part) => part === '' || part === '.' || part === '..'))
              continue;
            if (plain.excludes(path)) {
              excludedSomething++;
              expect(undone.excludes(path), `${pattern} / ${path}`).toBe(false);
            }
            if (walked(plain, path)) expect(walked(undone, path), `${pattern} / ${path}`).toBe(false);
            if (plain.excludesLegacy(path))
              expect(undone.excludesLegacy(path), `${pattern} / ${path}`).toBe(false);
          }
        },
      ),
      { seed: 1203, numRuns: 800 },
    );
    expect(excludedSomething).toBeGreaterThan(200);
  });

  it('suggests .dockerignore lines that match exactly the path they name, whatever its characters (800 paths)', () => {
    fc.assert(
      fc.property(contextPath, contextPath, (path, other) => {
        const text = `${escapePattern(path)}\n`;
        const lines = parseDockerignore(text);
        expect(lines).toHaveLength(1);
        const matcher = new DockerignoreMatcher(lines);
        expect(matcher.excludes(path), JSON.stringify([path, text])).toBe(true);
        expect(walked(matcher, path)).toBe(true);
        const inside = other === path || other.startsWith(`${path}/`);
        expect(matcher.excludes(other), JSON.stringify([path, other, text])).toBe(inside);
      }),
      { seed: 1204, numRuns: 800 },
    );
  });
});
