/**
 * moby/patternmatcher's own test tables, run against Dockwright's matcher.
 * Source: github.com/moby/patternmatcher, patternmatcher_test.go at commit
 * 5a6d8429a19bb6948a372ff19e86fe83599a04b7 (2026-03-24). Inputs and expected outcomes are copied
 * as they are; the Go harness around them (which API each subtest calls) is mirrored in the helpers
 * below. Not ported: the Windows-only halves (backslash separators, `windowsCompiledRegexp`) —
 * Dockwright packs POSIX paths only.
 */
import { describe, expect, it } from 'vitest';
import {
  cleanPath,
  compileDockerignorePattern,
  DockerignoreMatcher,
  DockerignorePatternError,
  type MatchKind,
} from '../../../../../src/main/context/dockerignore-matcher';

/** `TestMatches`: pattern, text, whether it is excluded. The last row is the non-Windows addition. */
const MATCHES: ReadonlyArray<readonly [string, string, boolean]> = [
  ['**', 'file', true],
  ['**', 'file/', true],
  ['**/', 'file', true], // weird one
  ['**/', 'file/', true],
  ['**', '/', true],
  ['**/', '/', true],
  ['**', 'dir/file', true],
  ['**/', 'dir/file', true],
  ['**', 'dir/file/', true],
  ['**/', 'dir/file/', true],
  ['**/**', 'dir/file', true],
  ['**/**', 'dir/file/', true],
  ['dir/**', 'dir/file', true],
  ['dir/**', 'dir/file/', true],
  ['dir/**', 'dir/dir2/file', true],
  ['dir/**', 'dir/dir2/file/', true],
  ['**/dir', 'dir', true],
  ['**/dir', 'dir/file', true],
  ['**/dir2/*', 'dir/dir2/file', true],
  ['**/dir2/*', 'dir/dir2/file/', true],
  ['**/dir2/**', 'dir/dir2/dir3/file', true],
  ['**/dir2/**', 'dir/dir2/dir3/file/', true],
  ['**file', 'file', true],
  ['**file', 'dir/file', true],
  ['**/file', 'dir/file', true],
  ['**file', 'dir/dir/file', true],
  ['**/file', 'dir/dir/file', true],
  ['**/file*', 'dir/dir/file', true],
  ['**/file*', 'dir/dir/file.txt', true],
  ['**/file*txt', 'dir/dir/file.txt', true],
  ['**/file*.txt', 'dir/dir/file.txt', true],
  ['**/file*.txt*', 'dir/dir/file.txt', true],
  ['**/**/*.txt', 'dir/dir/file.txt', true],
  ['**/**/*.txt2', 'dir/dir/file.txt', false],
  ['**/*.txt', 'file.txt', true],
  ['**/**/*.txt', 'file.txt', true],
  ['a**/*.txt', 'a/file.txt', true],
  ['a**/*.txt', 'a/dir/file.txt', true],
  ['a**/*.txt', 'a/dir/dir/file.txt', true],
  ['a/*.txt', 'a/dir/file.txt', false],
  ['a/*.txt', 'a/file.txt', true],
  ['a/*.txt**', 'a/file.txt', true],
  ['a[b-d]e', 'ae', false],
  ['a[b-d]e', 'ace', true],
  ['a[b-d]e', 'aae', false],
  ['a[^b-d]e', 'aze', true],
  ['.*', '.foo', true],
  ['.*', 'foo', false],
  ['abc.def', 'abcdef', false],
  ['abc.def', 'abc.def', true],
  ['abc.def', 'abcZdef', false],
  ['abc?def', 'abcZdef', true],
  ['abc?def', 'abcdef', false],
  ['a\\\\', 'a\\', true],
  ['**/foo/bar', 'foo/bar', true],
  ['**/foo/bar', 'dir/foo/bar', true],
  ['**/foo/bar', 'dir/dir2/foo/bar', true],
  ['abc/**', 'abc', false],
  ['abc/**', 'abc/def', true],
  ['abc/**', 'abc/def/ghi', true],
  ['**/.foo', '.foo', true],
  ['**/.foo', 'bar.foo', false],
  ['a(b)c/def', 'a(b)c/def', true],
  ['a(b)c/def', 'a(b)c/xyz', false],
  ['a.|)$(}+{bc', 'a.|)$(}+{bc', true],
  [
    'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl',
    'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl',
    true,
  ],
  ['dist/*.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', true],
  ['a\\*b', 'a*b', true],
];

/** `TestMatches`' multiPatternTests. */
const MULTI: ReadonlyArray<readonly [string[], string, boolean]> = [
  [['**', '!util/docker/web'], 'util/docker/web/foo', false],
  [['**', '!util/docker/web', 'util/docker/web/foo'], 'util/docker/web/foo', true],
  [
    ['**', '!dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl'],
    'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl',
    false,
  ],
  [['**', '!dist/*.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', false],
];

/** `matchTests` (taken by patternmatcher from Go's filepath.Match tests): pattern, name, match, error. */
const MATCH_TESTS: ReadonlyArray<readonly [string, string, boolean, boolean]> = [
  ['abc', 'abc', true, false],
  ['*', 'abc', true, false],
  ['*c', 'abc', true, false],
  ['a*', 'a', true, false],
  ['a*', 'abc', true, false],
  ['a*', 'ab/c', true, false],
  ['a*/b', 'abc/b', true, false],
  ['a*/b', 'a/c/b', false, false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/f', true, false],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true, false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false, false],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false, false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true, false],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false, false],
  ['ab[c]', 'abc', true, false],
  ['ab[b-d]', 'abc', true, false],
  ['ab[e-g]', 'abc', false, false],
  ['ab[^c]', 'abc', false, false],
  ['ab[^b-d]', 'abc', false, false],
  ['ab[^e-g]', 'abc', true, false],
  ['a\\*b', 'a*b', true, false],
  ['a\\*b', 'ab', false, false],
  ['a?b', 'a☺b', true, false],
  ['a[^a]b', 'a☺b', true, false],
  ['a???b', 'a☺b', false, false],
  ['a[^a][^a][^a]b', 'a☺b', false, false],
  ['[a-ζ]*', 'α', true, false],
  ['*[a-ζ]', 'A', false, false],
  ['a?b', 'a/b', false, false],
  ['a*b', 'a/b', false, false],
  ['[\\]a]', ']', true, false],
  ['[\\-]', '-', true, false],
  ['[x\\-]', 'x', true, false],
  ['[x\\-]', '-', true, false],
  ['[x\\-]', 'z', false, false],
  ['[\\-x]', 'x', true, false],
  ['[\\-x]', '-', true, false],
  ['[\\-x]', 'a', false, false],
  ['[]a]', ']', false, true],
  ['[-]', '-', false, true],
  ['[x-]', 'x', false, true],
  ['[x-]', '-', false, true],
  ['[x-]', 'z', false, true],
  ['[-x]', 'x', false, true],
  ['[-x]', '-', false, true],
  ['[-x]', 'a', false, true],
  ['\\', 'a', false, true],
  ['[a-b-c]', 'a', false, true],
  ['[', 'a', false, true],
  ['[^', 'a', false, true],
  ['[^bc', 'a', false, true],
  ['a[', 'a', false, true], // was nil but IMO its wrong
  ['a[', 'ab', false, true],
  ['*x', 'xxx', true, false],
];

/** `compileTests`: pattern, match kind, compiled Go regexp (for the `/` separator). */
const COMPILE_TESTS: ReadonlyArray<readonly [string, MatchKind, string | null]> = [
  ['*', 'regexp', '^[^/]*$'],
  ['file*', 'regexp', '^file[^/]*$'],
  ['*file', 'regexp', '^[^/]*file$'],
  ['a*/b', 'regexp', '^a[^/]*/b$'],
  ['**', 'suffix', null],
  ['**/**', 'regexp', '^(.*/)?.*$'],
  ['dir/**', 'prefix', null],
  ['**/dir', 'suffix', null],
  ['**/dir2/*', 'regexp', '^(.*/)?dir2/[^/]*$'],
  ['**/dir2/**', 'regexp', '^(.*/)?dir2/.*$'],
  ['**file', 'suffix', null],
  ['**/file*txt', 'regexp', '^(.*/)?file[^/]*txt$'],
  ['**/**/*.txt', 'regexp', '^(.*/)?(.*/)?[^/]*\\.txt$'],
  ['a[b-d]e', 'regexp', '^a[b-d]e$'],
  ['.*', 'regexp', '^\\.[^/]*$'],
  ['abc.def', 'exact', null],
  ['abc?def', 'regexp', '^abc[^/]def$'],
  ['**/foo/bar', 'suffix', null],
  ['a(b)c/def', 'exact', null],
  ['a.|)$(}+{bc', 'exact', null],
  ['dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', 'exact', null],
];

/** Go's filepath.Dir for slash paths. */
function goDir(path: string): string {
  return cleanPath(path.slice(0, path.lastIndexOf('/') + 1));
}

/** The parent folders the Go harness walks first (`strings.Split(filepath.Dir(text), "/")` prefixes). */
function parentChain(text: string): string[] {
  const dir = goDir(text);
  if (dir === '.') return [];
  const parts = dir.split('/');
  return parts.map((_, index) => parts.slice(0, index + 1).join('/'));
}

/** MatchesUsingParentResults fed the parents' results, as the tar walker does. */
function walkedResult(matcher: DockerignoreMatcher, text: string): boolean {
  let parent: readonly boolean[] | null = null;
  for (const dir of parentChain(text)) parent = matcher.walkMatch(dir, parent).matches;
  return matcher.walkMatch(text, parent).excluded;
}

/** The package-level `Matches(file, patterns)`: the old single-parent check, "." never excluded. */
function legacyMatches(file: string, patterns: string[]): { match: boolean; error: boolean } {
  let matcher: DockerignoreMatcher;
  try {
    matcher = new DockerignoreMatcher(patterns);
  } catch (error) {
    if (error instanceof DockerignorePatternError) return { match: false, error: true };
    throw error;
  }
  const cleaned = cleanPath(file);
  return { match: cleaned === '.' ? false : matcher.excludesLegacy(cleaned), error: false };
}

describe('patternmatcher tables: TestMatches', () => {
  it('has the whole table: 68 single-pattern rows and 4 multi-pattern rows', () => {
    expect(MATCHES).toHaveLength(68);
    expect(MULTI).toHaveLength(4);
  });

  describe('MatchesOrParentMatches (68 + 4 cases)', () => {
    it.each(MATCHES)('%j against %j is %s', (pattern, text, pass) => {
      expect(new DockerignoreMatcher([pattern]).excludes(text)).toBe(pass);
    });
    it.each(MULTI)('%j against %j is %s', (patterns, text, pass) => {
      expect(new DockerignoreMatcher(patterns).excludes(text)).toBe(pass);
    });
  });

  // The deprecated singular MatchesUsingParentResult differs from the walker's plural form only
  // when several patterns interact (docker/buildx#850); the table gives it one pattern at a time.
  describe('MatchesUsingParentResult (68 cases)', () => {
    it.each(MATCHES)('%j against %j is %s', (pattern, text, pass) => {
      expect(walkedResult(new DockerignoreMatcher([pattern]), text)).toBe(pass);
    });
  });

  describe('MatchesUsingParentResults (68 + 4 cases)', () => {
    it.each(MATCHES)('%j against %j is %s', (pattern, text, pass) => {
      expect(walkedResult(new DockerignoreMatcher([pattern]), text)).toBe(pass);
    });
    it.each(MULTI)('%j against %j is %s', (patterns, text, pass) => {
      expect(walkedResult(new DockerignoreMatcher(patterns), text)).toBe(pass);
    });
  });

  describe('MatchesUsingParentResultsNoContext (68 + 4 cases)', () => {
    it.each(MATCHES)('%j against %j is %s', (pattern, text, pass) => {
      expect(new DockerignoreMatcher([pattern]).walkMatch(text, null).excluded).toBe(pass);
    });
    it.each(MULTI)('%j against %j is %s', (patterns, text, pass) => {
      expect(new DockerignoreMatcher(patterns).walkMatch(text, null).excluded).toBe(pass);
    });
  });
});

describe('patternmatcher tables: the single-case tests (11 cases)', () => {
  it('TestWildcardMatches: * matches fileutils.go', () => {
    expect(legacyMatches('fileutils.go', ['*'])).toEqual({ match: true, error: false });
  });
  it('TestPatternMatches: *.go matches fileutils.go', () => {
    expect(legacyMatches('fileutils.go', ['*.go'])).toEqual({ match: true, error: false });
  });
  it('TestExclusionPatternMatchesPatternBefore: an exception before the pattern changes nothing', () => {
    expect(legacyMatches('fileutils.go', ['!fileutils.go', '*.go'])).toEqual({ match: true, error: false });
  });
  it('TestPatternMatchesFolderExclusions: docs then !docs/README.md keeps the README', () => {
    expect(legacyMatches('docs/README.md', ['docs', '!docs/README.md']).match).toBe(false);
  });
  it('TestPatternMatchesFolderWithSlashExclusions: docs/ then !docs/README.md keeps the README', () => {
    expect(legacyMatches('docs/README.md', ['docs/', '!docs/README.md']).match).toBe(false);
  });
  it('TestPatternMatchesFolderWildcardExclusions: docs/* then !docs/README.md keeps the README', () => {
    expect(legacyMatches('docs/README.md', ['docs/*', '!docs/README.md']).match).toBe(false);
  });
  it('TestExclusionPatternMatchesPatternAfter: an exception after the pattern wins', () => {
    expect(legacyMatches('fileutils.go', ['*.go', '!fileutils.go']).match).toBe(false);
  });
  it('TestExclusionPatternMatchesWholeDirectory: "." is never excluded', () => {
    expect(legacyMatches('.', ['*.go']).match).toBe(false);
  });
  it('TestSingleExclamationError: a lone ! is an error', () => {
    expect(legacyMatches('fileutils.go', ['!']).error).toBe(true);
  });
  it('TestMatchesWithNoPatterns: no patterns exclude nothing', () => {
    expect(legacyMatches('/any/path/there', [])).toEqual({ match: false, error: false });
  });
  it('TestMatchesWithMalformedPatterns: [ is an error and matches nothing', () => {
    expect(legacyMatches('/any/path/there', ['['])).toEqual({ match: false, error: true });
  });
});

describe('patternmatcher tables: TestCleanPatterns* (6 cases)', () => {
  it('keeps two patterns', () => {
    expect(new DockerignoreMatcher(['docs', 'config']).size).toBe(2);
  });
  it('drops empty patterns', () => {
    expect(new DockerignoreMatcher(['docs', 'config', '']).size).toBe(2);
  });
  it('notices an exception', () => {
    expect(new DockerignoreMatcher(['docs', '!docs/README.md']).hasExclusions).toBe(true);
  });
  it('notices an exception after leading spaces', () => {
    expect(new DockerignoreMatcher(['docs', '  !docs/README.md']).hasExclusions).toBe(true);
  });
  it('notices an exception with trailing spaces', () => {
    expect(new DockerignoreMatcher(['docs', '!docs/README.md  ']).hasExclusions).toBe(true);
  });
  it('refuses a lone !', () => {
    expect(() => new DockerignoreMatcher(['!'])).toThrow(DockerignorePatternError);
  });
});

describe('patternmatcher tables: TestMatch (54 cases from filepath.Match)', () => {
  it('has the whole table', () => {
    expect(MATCH_TESTS).toHaveLength(54);
  });
  it.each(MATCH_TESTS)('%j against %j: match %s, error %s', (pattern, name, match, error) => {
    expect(legacyMatches(name, [pattern])).toEqual({ match, error });
  });
});

describe('patternmatcher tables: TestCompile (21 cases, "/" separator)', () => {
  it('has the whole table', () => {
    expect(COMPILE_TESTS).toHaveLength(21);
  });
  it.each(COMPILE_TESTS)('%j compiles to a %s match %s', (pattern, kind, goRegexp) => {
    expect(compileDockerignorePattern(cleanPath(pattern))).toEqual({ kind, goRegexp });
  });
});

describe('patternmatcher tables: TestMatchesOrParentMatchesMalformedPatternDoesNotPanicOnRepeatedCall', () => {
  // Deliberate difference: Go accepts "[Local-Only]/" in New and fails each match with
  // ErrBadPattern (its regexp has the range l-O); Dockwright refuses it up front, naming the line,
  // so the user hears about it before a build rather than from "syntax error in pattern".
  it('refuses [Local-Only]/ with a DockerignorePatternError naming the line and the bad range', () => {
    let caught: unknown;
    try {
      new DockerignoreMatcher([{ pattern: '[Local-Only]', line: 7 }]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DockerignorePatternError);
    expect(caught).toMatchObject({ line: 7, pattern: '[Local-Only]' });
    expect((caught as Error).message).toContain('l-O');
  });
});
