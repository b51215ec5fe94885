/**
 * moby/patternmatcher's ignorefile test table, run against parseDockerignore.
 * Source: github.com/moby/patternmatcher, ignorefile/ignorefile_test.go at commit
 * 5a6d8429a19bb6948a372ff19e86fe83599a04b7 (2026-03-24).
 */
import { describe, expect, it } from 'vitest';
import { parseDockerignore } from '../../../../../src/main/context/dockerignore-matcher';

const CONTENT = `test1
/test2
/a/file/here

lastfile
# this is a comment
! /inverted/abs/path
!
! `;

/** TestReadAll's expected patterns; `/foo/bar` is read as `foo/bar` (docs.docker.com dockerignore-file). */
const EXPECTED = ['test1', 'test2', 'a/file/here', 'lastfile', '!inverted/abs/path', '!', '!'];

describe('ignorefile table: TestReadAll (1 + 7 cases)', () => {
  it('reads nothing from an empty file', () => {
    expect(parseDockerignore('')).toEqual([]);
  });

  const actual = parseDockerignore(CONTENT);
  it('reads exactly 7 patterns', () => {
    expect(actual).toHaveLength(EXPECTED.length);
  });
  it.each(EXPECTED.map((pattern, index) => [index + 1, pattern] as const))(
    'pattern %i is %j',
    (position, pattern) => {
      expect(actual[position - 1]?.pattern).toBe(pattern);
    },
  );
});
