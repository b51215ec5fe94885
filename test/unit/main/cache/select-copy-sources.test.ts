import { describe, expect, it } from 'vitest';
import {
  cleanSource,
  includesCover,
  selectCopySources,
} from '../../../../src/main/cache/select-copy-sources';

const entries = [
  { path: 'app.py', type: 'file' },
  { path: 'requirements.txt', type: 'file' },
  { path: 'src', type: 'directory' },
  { path: 'src/a.py', type: 'file' },
  { path: 'src/b.txt', type: 'file' },
  { path: 'srcx', type: 'file' },
];
const paths = (sources: string[]) => selectCopySources(entries, sources).map((entry) => entry.path);

describe('selectCopySources', () => {
  it('takes the whole context for .', () => {
    expect(paths(['.'])).toEqual(entries.map((entry) => entry.path));
    expect(paths(['./'])).toHaveLength(entries.length);
  });

  it('takes a folder with everything under it and not a sibling sharing its prefix', () => {
    expect(paths(['src/'])).toEqual(['src', 'src/a.py', 'src/b.txt']);
  });

  it('takes one file by name', () => {
    expect(paths(['./requirements.txt'])).toEqual(['requirements.txt']);
  });

  it('matches wildcards per path segment', () => {
    expect(paths(['*.py'])).toEqual(['app.py']);
    expect(paths(['src/*.py'])).toEqual(['src/a.py']);
    expect(paths(['sr?'])).toEqual(['src', 'src/a.py', 'src/b.txt']);
    expect(paths(['[ar]*'])).toEqual(['app.py', 'requirements.txt']);
  });

  it('selects nothing for a missing path', () => {
    expect(paths(['nope'])).toEqual([]);
  });
});

describe('cleanSource', () => {
  it('drops dots, slashes and climbs above the root', () => {
    expect(cleanSource('./a//b/')).toBe('a/b');
    expect(cleanSource('/')).toBe('');
    expect(cleanSource('../a')).toBe('a');
  });
});

describe('includesCover', () => {
  it.each([
    [null, ['.'], true],
    [['.'], ['src', '*.py'], true],
    [['src'], ['src'], true],
    [['src'], ['./src/a.py', 'src/lib/'], true],
    [['src'], ['src/*.py'], true],
    [['src/*.py'], ['src/*.py'], true],
    [['src'], ['srcx'], false],
    [['src'], ['.'], false],
    [['src'], ['src', 'app.py'], false],
    [['.dockerignore'], ['src'], false],
    [['src/*.py'], ['src/a.py'], false],
    [['src/a.py'], ['src/*.py'], false],
    [['app.py', 'src'], ['*.py'], false],
    [[], ['src'], false],
  ] as const)('includes %j cover sources %j: %s', (includes, sources, covered) => {
    expect(includesCover(includes, sources)).toBe(covered);
  });
});
