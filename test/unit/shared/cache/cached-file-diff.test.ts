import { describe, expect, it } from 'vitest';
import { diffCachedFiles, splitFileHash } from '../../../../src/shared/cache/cached-file-diff';

const f = (path: string, hash: string, bytes: number) => ({ path, hash, bytes });

describe('splitFileHash', () => {
  it.each([
    ['abc123', { content: 'abc123', meta: '' }],
    ['ABC123:100755', { content: 'abc123', meta: ':100755' }],
    ['sha256:abc123 100644', { content: 'abc123', meta: ' 100644' }],
  ])('%s', (hash, expected) => {
    expect(splitFileHash(hash)).toEqual(expected);
  });
});

describe('diffCachedFiles', () => {
  it('lists added, modified, mode-only and deleted files biggest first, then by path', () => {
    const before = {
      list: [f('a', 'aa:644', 5), f('b', 'bb:644', 5), f('c', 'cc:644', 9), f('same', 'ff', 1)],
      truncated: false,
    };
    const after = {
      list: [f('a', 'a1:644', 5), f('b', 'bb:755', 5), f('d', 'dd', 7), f('same', 'ff', 1)],
      truncated: false,
    };
    expect(diffCachedFiles(before, after)).toEqual({
      changes: [
        { path: 'c', change: 'deleted', bytes: 9 },
        { path: 'd', change: 'added', bytes: 7 },
        { path: 'a', change: 'modified', bytes: 5 },
        { path: 'b', change: 'mode', bytes: 5 },
      ],
      truncated: false,
    });
  });

  it('says the changes may be incomplete when a list is capped or missing', () => {
    const whole = { list: [], truncated: false };
    expect(diffCachedFiles(whole, { list: [], truncated: true }).truncated).toBe(true);
    expect(diffCachedFiles(undefined, whole).truncated).toBe(true);
    expect(diffCachedFiles(whole, whole).truncated).toBe(false);
  });
});
