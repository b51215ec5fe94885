import { describe, expect, it } from 'vitest';
import { normalizeTarPath } from '../../../../src/shared/layers/layer-tar-summary';
import { summary } from './layer-specs';

describe('reading tar headers', () => {
  it('separates whiteouts and opaque markers from what a layer writes', () => {
    const result = summary([
      ['d', './dir/'],
      ['f', './dir/.wh..wh..opq'],
      ['f', 'dir/.wh.gone'],
      ['f', '.wh.big'],
      ['f', '.wh..wh.plnk'],
      ['f', 'dir/new', 2],
      ['l', 'soft', '/über'],
      ['h', 'hard', './dir/new'],
    ]);
    expect(result.opaqueDirs).toEqual(['dir']);
    expect(result.whiteouts).toEqual(['dir/gone', 'big']);
    expect(result.entries).toEqual([
      { path: 'dir', kind: 'directory', sizeBytes: 0, linkTarget: null },
      { path: 'dir/new', kind: 'file', sizeBytes: 2, linkTarget: null },
      // A symlink counts its target's length in bytes, as the engine's layer sizes do.
      { path: 'soft', kind: 'symlink', sizeBytes: 6, linkTarget: null },
      { path: 'hard', kind: 'hardlink', sizeBytes: 0, linkTarget: 'dir/new' },
    ]);
  });

  it('normalizes tar paths', () => {
    expect(normalizeTarPath('./usr/bin/')).toBe('usr/bin');
    expect(normalizeTarPath('/a//b/./c')).toBe('a/b/c');
    expect(normalizeTarPath('./')).toBe('');
    expect(normalizeTarPath('a/../b')).toBe('b');
  });
});
