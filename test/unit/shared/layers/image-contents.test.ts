import { describe, expect, it } from 'vitest';
import { MiB, layers, analyze, find, paths } from './layer-specs';

describe('summarizeImageContents', () => {
  it('counts a file written then deleted in a later layer as wasted, exactly', () => {
    const result = analyze(
      layers(
        {
          createdBy: '/bin/sh -c #(nop) COPY file:abc in /bin/tool',
          entries: [
            ['d', 'bin/'],
            ['f', 'bin/tool', 1000],
          ],
        },
        { createdBy: '/bin/sh -c head -c 5242880 /dev/zero > /big', entries: [['f', 'big', 5 * MiB]] },
        { createdBy: '/bin/sh -c rm /big', entries: [['f', '.wh.big']] },
      ),
    );
    expect(result.storedBytes).toBe(5 * MiB + 1000);
    expect(result.visibleBytes).toBe(1000);
    expect(result.wastedBytes).toBe(5 * MiB);
    expect(result.efficiency).toBe(1000 / (5 * MiB + 1000));
    expect(result.layers.map((layer) => layer.wastedBytes)).toEqual([0, 5 * MiB, 0]);
    expect(result.layers[2]).toMatchObject({ sizeBytes: 0, removed: { files: 1, bytes: 5 * MiB } });
    expect(result.topWasted).toEqual([
      {
        path: '/big',
        wastedBytes: 5 * MiB,
        versions: [{ layerIndex: 1, sizeBytes: 5 * MiB, removedBy: 2, how: 'deleted' }],
      },
    ]);
    expect(result.hints).toHaveLength(1);
    expect(result.hints[0]).toMatchObject({
      kind: 'deleted-later',
      bytes: 5 * MiB,
      layers: [1, 2],
      paths: ['/big'],
    });
    expect(result.hints[0]!.message).toBe(
      '/big (5.24MB) written by layer 2 (RUN head -c 5242880 /dev/zero > /big) is deleted by layer 3 (RUN rm /big), ' +
        'but still takes 5.24MB in the image: a later layer cannot take bytes out of an earlier one. ' +
        'Delete in the same RUN that creates them, or copy only what you need from a build stage.',
    );
    expect(find(result.finalTree, '/big')).toBeUndefined();
    expect(result.finalTree.sizeBytes).toBe(1000);
    expect(result.fileCount).toBe(1);
    const removedNode = find(result.layers[2]!.tree, '/big')!;
    expect(removedNode).toMatchObject({ change: 'removed', sizeBytes: 5 * MiB, fileCount: 1 });
  });

  it('hides what an opaque directory held below, and keeps what its own layer writes there', () => {
    const result = analyze(
      layers(
        {
          createdBy: 'a',
          entries: [
            ['d', 'dir/'],
            ['f', 'dir/old', 4],
            ['d', 'dir/sub/'],
            ['f', 'dir/sub/s', 2],
            ['f', 'keep', 1],
          ],
        },
        {
          createdBy: 'b',
          entries: [
            ['d', 'dir/'],
            ['f', 'dir/.wh..wh..opq'],
            ['f', 'dir/new', 2],
          ],
        },
      ),
    );
    expect(paths(result.finalTree)).toEqual(['/', '/dir', '/dir/new', '/keep']);
    expect(result.wastedBytes).toBe(6);
    expect(result.topWasted.map((path) => [path.path, path.versions[0]!.how])).toEqual([
      ['/dir/old', 'opaque-dir'],
      ['/dir/sub/s', 'opaque-dir'],
    ]);
    expect(result.layers[1]).toMatchObject({
      added: { files: 1, bytes: 2 },
      modified: { files: 0, bytes: 0 },
      removed: { files: 2, bytes: 6 },
    });
    const tree = result.layers[1]!.tree;
    expect(find(tree, '/dir')!.change).toBe('modified');
    expect(find(tree, '/dir/new')!.change).toBe('added');
    expect(find(tree, '/dir/old')!.change).toBe('removed');
    expect(find(tree, '/dir/sub')).toMatchObject({ change: 'removed', sizeBytes: 2, fileCount: 1 });
  });

  it('counts an overwritten file’s old version as wasted and the new one as modified', () => {
    const result = analyze(
      layers(
        { createdBy: 'a', entries: [['f', 'over', 3]] },
        { createdBy: 'b', entries: [['f', 'over', 6]] },
      ),
    );
    expect(result).toMatchObject({ storedBytes: 9, visibleBytes: 6, wastedBytes: 3 });
    expect(result.layers[1]!.modified).toEqual({ files: 1, bytes: 6 });
    expect(find(result.finalTree, '/over')).toMatchObject({ sizeBytes: 6, layerIndex: 1 });
    expect(result.topWasted[0]!.versions).toEqual([
      { layerIndex: 0, sizeBytes: 3, removedBy: 1, how: 'overwritten' },
    ]);
  });

  it('stores a hard-linked file once and keeps it visible while any link to it is', () => {
    const result = analyze(
      layers(
        {
          createdBy: 'a',
          entries: [
            ['f', 'a', 100],
            ['h', 'b', 'a'],
          ],
        },
        { createdBy: 'b', entries: [['f', '.wh.a']] },
      ),
    );
    expect(result).toMatchObject({ storedBytes: 100, visibleBytes: 100, wastedBytes: 0, fileCount: 1 });
    expect(find(result.finalTree, '/b')!.sizeBytes).toBe(100);
    const both = analyze(
      layers({
        createdBy: 'a',
        entries: [
          ['f', 'a', 100],
          ['h', 'b', 'a'],
        ],
      }),
    );
    expect(both).toMatchObject({ storedBytes: 100, visibleBytes: 100, fileCount: 2 });
    expect(both.finalTree.sizeBytes).toBe(100);
  });

  it('replaces a directory by a file and a file by a directory', () => {
    const result = analyze(
      layers(
        {
          createdBy: 'a',
          entries: [
            ['d', 'x/'],
            ['f', 'x/one', 10],
            ['f', 'y', 20],
          ],
        },
        {
          createdBy: 'b',
          entries: [
            ['f', 'x', 1],
            ['f', 'y/inside', 2],
          ],
        },
      ),
    );
    expect(paths(result.finalTree)).toEqual(['/', '/x', '/y', '/y/inside']);
    expect(result).toMatchObject({ storedBytes: 33, visibleBytes: 3, wastedBytes: 30 });
    expect(result.topWasted.map((path) => [path.path, path.versions[0]!.how])).toEqual([
      ['/y', 'replaced'],
      ['/x/one', 'replaced'],
    ]);
  });

  it('creates the folders a tar leaves out and keeps a whiteout from hiding its own layer', () => {
    const result = analyze(
      layers(
        { createdBy: 'a', entries: [['f', 'deep/er/file', 5]] },
        {
          createdBy: 'b',
          entries: [
            ['f', 'deep/.wh.er'],
            ['d', 'deep/er/'],
            ['f', 'deep/er/again', 7],
          ],
        },
      ),
    );
    expect(paths(result.finalTree)).toEqual(['/', '/deep', '/deep/er', '/deep/er/again']);
    expect(result.wastedBytes).toBe(5);
  });

  it('gives an unreadable layer zero bytes and says so', () => {
    const result = analyze(layers({ createdBy: 'a', entries: [['f', 'a', 5]] }, null));
    expect(result.layers[1]).toMatchObject({ readable: false, sizeBytes: 0 });
    expect(result.visibleBytes).toBe(5);
  });

  it('is 100% efficient when there is nothing at all', () => {
    expect(analyze([])).toMatchObject({ storedBytes: 0, visibleBytes: 0, wastedBytes: 0, efficiency: 1 });
  });
});
