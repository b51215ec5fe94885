import { describe, expect, it } from 'vitest';
import { translateGoRegexp } from '../../../../src/main/context/go-regexp';
import {
  DockerignoreMatcher,
  DockerignorePatternError,
} from '../../../../src/main/context/dockerignore-matcher';

function matches(source: string, text: string): boolean {
  const translated = translateGoRegexp(source);
  if (!translated.ok) throw new Error(translated.reason);
  return translated.regexp.test(text);
}

const refusal = (source: string): string | null => {
  const translated = translateGoRegexp(source);
  return translated.ok ? null : translated.reason;
};

describe('translateGoRegexp', () => {
  it('refuses what Go refuses, with Go-like reasons instead of a SyntaxError', () => {
    expect(refusal('^[Local-Only]$')).toContain('l-O');
    expect(refusal('^a\\y$')).toContain('invalid escape');
    expect(refusal('^\\1$')).toContain('invalid escape');
    expect(refusal('^\\é$')).toContain('invalid escape');
    expect(refusal('^[[:nope:]]$')).toContain('[:nope:]');
    expect(refusal('^[\\b]$')).toContain('invalid escape');
    expect(refusal('^\\pX$')).toContain('\\pX');
    expect(refusal('^\\p{Nope}$')).toContain('\\p{Nope}');
    expect(refusal('^\\p{Greek')).toContain('invalid character class range');
    expect(refusal('^[abc$')).toContain('missing closing ]');
    expect(refusal('^a**$')).toContain('nested repetition');
    expect(refusal('^\\C$')).toContain('\\C');
    expect(refusal('^a\\')).toContain('trailing backslash');
    expect(refusal('^\\x{110000}$')).toContain('invalid escape');
    expect(refusal('(a')).toContain('missing closing )');
  });

  it('reads classes as Go does: POSIX names, ASCII perl classes, a leading ] and a trailing -', () => {
    expect(matches('^[[:alpha:]]$', 'a')).toBe(true);
    expect(matches('^[[:alpha:]]$', ':')).toBe(false);
    expect(matches('^[[:^digit:]]$', '5')).toBe(false);
    expect(matches('^\\s$', '\u00a0')).toBe(false);
    expect(matches('^\\s$', '\t')).toBe(true);
    expect(matches('^\\s$', '\v')).toBe(false);
    expect(matches('^[[:space:]]$', '\v')).toBe(true);
    expect(matches('^[\\d-z]$', '-')).toBe(true);
    expect(matches('^[\\d-z]$', 'y')).toBe(false);
    expect(matches('^[]a]$', ']')).toBe(true);
    expect(matches('^[a-]$', '-')).toBe(true);
    expect(matches('^[^/]$', '\n')).toBe(true);
    expect(matches('^[a[^/]*]$', 'a^^]')).toBe(true);
  });

  it('reads escapes as Go does: hex, octal, C escapes, \\Q…\\E, Unicode groups', () => {
    expect(matches('^\\x41\\x{1F600}$', 'A😀')).toBe(true);
    expect(matches('^\\101\\0$', 'A\0')).toBe(true);
    expect(matches('^\\t\\!$', '\t!')).toBe(true);
    expect(matches('^a\\Q.*\\E+$', 'a.**')).toBe(true);
    expect(matches('^a\\Q[^/]*$', 'a[^/]*$ and more')).toBe(true);
    expect(matches('^\\pL\\p{Greek}\\PN$', 'xαy')).toBe(true);
    expect(matches('^\\p{^Greek}$', 'α')).toBe(false);
    expect(matches('^[\\p{Greek}\\d]$', '7')).toBe(true);
    expect(matches('^\\P{Any}$', 'a')).toBe(false);
  });

  it("lets . match everything but \\n, as Go's does", () => {
    expect(matches('^(.*/)?x$', 'a\rb/x')).toBe(true);
    expect(matches('^.*$', '\u2028')).toBe(true);
    expect(matches('^.$', '\n')).toBe(false);
    expect(matches('^a?$', '')).toBe(true);
    expect(matches('^^*a$', 'a')).toBe(true);
  });
});

describe('DockerignoreMatcher with Go regexp syntax in patterns', () => {
  it('matches like the CLI, not like a glob: [[:alpha:]] is a letter', () => {
    const matcher = new DockerignoreMatcher(['[[:alpha:]]']);
    expect(matcher.excludes('q')).toBe(true);
    expect(matcher.excludes('a]')).toBe(false);
  });

  it('refuses patterns whose regexp Go rejects, naming the line', () => {
    for (const pattern of ['[z-a]', 'a\\y', '[[:x:]]', 'x[\\p{Nope}]', '\\8']) {
      expect(() => new DockerignoreMatcher([{ pattern, line: 3 }]), pattern).toThrow(
        DockerignorePatternError,
      );
    }
  });

  it('drops a byte order mark at the start of a pattern, as text/scanner does', () => {
    expect(new DockerignoreMatcher(['\uFEFF*.txt']).excludes('a.txt')).toBe(true);
    expect(new DockerignoreMatcher(['\uFEFF**.txt']).excludes('a.txt')).toBe(false);
  });
});
