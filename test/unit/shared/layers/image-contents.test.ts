import { describe, expect, it } from 'vitest';
import {
  addTarHeader,
  buildFileTree,
  createLayerTarSummary,
  normalizeTarPath,
  summarizeImageContents,
  type FileTreeNode,
  type LayerInput,
  type LayerTarSummary,
  type TarHeaderLike,
} from '../../../../src/shared/layers/image-contents';

const MiB = 1024 * 1024;

/** Headers as a tar reader gives them: `f` file, `d` directory, `l` symlink, `h` hard link. */
type Spec = [kind: 'f' | 'd' | 'l' | 'h', name: string, sizeOrTarget?: number | string];

function summary(specs: Spec[]): LayerTarSummary {
  const result = createLayerTarSummary();
  for (const [kind, name, extra] of specs) {
    const header: TarHeaderLike =
      kind === 'f'
        ? { name, type: 'file', size: Number(extra ?? 0) }
        : kind === 'd'
          ? { name, type: 'directory', size: 0 }
          : { name, type: kind === 'l' ? 'symlink' : 'link', size: 0, linkname: String(extra) };
    addTarHeader(result, header);
  }
  return result;
}

function layers(...specs: Array<{ createdBy: string; entries: Spec[] } | null>): LayerInput[] {
  return specs.map((spec, index) => ({
    summary: spec ? summary(spec.entries) : null,
    diffId: `sha256:${String(index).padStart(64, '0')}`,
    historyIndex: index,
    createdBy: spec?.createdBy ?? '',
  }));
}

function analyze(input: LayerInput[], limits = {}) {
  return summarizeImageContents('sha256:test', 'docker-archive', input, [], limits);
}

function find(tree: FileTreeNode, path: string): FileTreeNode | undefined {
  if (tree.path === path) return tree;
  for (const child of tree.children) {
    const found = find(child, path);
    if (found) return found;
  }
  return undefined;
}

function paths(tree: FileTreeNode): string[] {
  return [tree.path, ...tree.children.flatMap(paths)];
}

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

describe('hints', () => {
  it('names apt lists left in an image and apt lists removed in a later layer', () => {
    const update = '/bin/sh -c apt-get update && apt-get install -y curl';
    const lists: Spec[] = [
      ['d', 'var/lib/apt/lists/'],
      ['f', 'var/lib/apt/lists/lock', 0],
      [
        'f',
        'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4',
        9_000_000,
      ],
      ['f', 'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease', 150_000],
    ];
    const kept = analyze(layers({ createdBy: update, entries: lists }));
    expect(kept.hints).toHaveLength(1);
    expect(kept.hints[0]).toMatchObject({ kind: 'apt-lists', bytes: 9_150_000, layers: [0] });
    expect(kept.hints[0]!.message).toBe(
      'Layer 1 (RUN apt-get update && apt-get install -y curl) leaves 9.15MB of apt package lists in ' +
        '/var/lib/apt/lists. End that same RUN with `&& rm -rf /var/lib/apt/lists/*` so they never reach a layer.',
    );

    const later = analyze(
      layers(
        { createdBy: update, entries: lists },
        {
          createdBy: '/bin/sh -c rm -rf /var/lib/apt/lists/*',
          entries: [
            ['d', 'var/lib/apt/lists/'],
            ['f', 'var/lib/apt/lists/.wh..wh..opq'],
          ],
        },
      ),
    );
    expect(later.wastedBytes).toBe(9_150_000);
    expect(later.hints.map((hint) => [hint.kind, hint.bytes, hint.layers])).toEqual([
      ['apt-lists', 9_150_000, [0, 1]],
    ]);
    expect(later.hints[0]!.message).toMatch(
      /^Layer 1 \(RUN apt-get update .*\) downloads 9.15MB of apt package lists that layer 2 \(RUN rm -rf \/var\/lib\/apt\/lists\/\*\) deletes/,
    );
  });

  it('names a file copied twice, and files rewritten by a later chmod', () => {
    const result = analyze(
      layers(
        {
          createdBy: '/bin/sh -c #(nop) COPY file:aa in /app/data.bin',
          entries: [['f', 'app/data.bin', 65_536]],
        },
        { createdBy: 'COPY data.bin /app/ # buildkit', entries: [['f', 'app/data.bin', 65_536]] },
        {
          createdBy: '/bin/sh -c #(nop) COPY dir:bb in /srv',
          entries: [
            ['f', 'srv/a', 30_000],
            ['f', 'srv/b', 20_000],
          ],
        },
        {
          createdBy: '/bin/sh -c chmod -R a+r /srv',
          entries: [
            ['f', 'srv/a', 30_000],
            ['f', 'srv/b', 20_000],
          ],
        },
      ),
    );
    expect(result.wastedBytes).toBe(65_536 + 50_000);
    expect(result.hints.map((hint) => [hint.kind, hint.bytes, hint.layers, hint.paths])).toEqual([
      ['copied-twice', 65_536, [0, 1], ['/app/data.bin']],
      ['overwritten-later', 50_000, [2, 3], ['/srv/a', '/srv/b']],
    ]);
    expect(result.hints[0]!.message).toBe(
      '/app/data.bin (65.5kB) is copied by layer 1 (COPY file:aa in /app/data.bin) and again by layer 2 ' +
        '(COPY data.bin /app/): the first copy still takes 65.5kB. Copy it once.',
    );
    expect(result.hints[1]!.message).toMatch(
      /^2 files \(50kB; biggest \/srv\/a, 30kB\) written by layer 3 .* are rewritten by layer 4 \(RUN chmod -R a\+r \/srv\)/,
    );
  });

  it('leaves out hints about a few bytes', () => {
    const result = analyze(
      layers({ createdBy: 'a', entries: [['f', 'x', 10]] }, { createdBy: 'b', entries: [['f', '.wh.x']] }),
    );
    expect(result.wastedBytes).toBe(10);
    expect(result.hints).toEqual([]);
    expect(
      analyze(
        layers({ createdBy: 'a', entries: [['f', 'x', 10]] }, { createdBy: 'b', entries: [['f', '.wh.x']] }),
        { minHintBytes: 1 },
      ).hints,
    ).toHaveLength(1);
  });
});

describe('file trees', () => {
  it('keeps the biggest nodes of a big layer and counts the rest on their parents, totals exact', () => {
    const entries: Spec[] = [['d', 'data/']];
    let total = 0;
    for (let i = 0; i < 3000; i++) {
      const size = (i % 97) * 10 + 1;
      total += size;
      entries.push(['f', `data/d${i % 7}/f${i}`, size]);
    }
    const result = analyze(layers({ createdBy: 'a', entries }), {
      maxLayerTreeNodes: 100,
      maxFinalTreeNodes: 50,
    });
    const tree = result.layers[0]!.tree;
    expect(result.layers[0]!.truncated).toBe(true);
    expect(tree.sizeBytes).toBe(total);
    expect(tree.fileCount).toBe(3000);
    expect(paths(tree)).toHaveLength(100);
    // Every node's size is its shown children plus what was left out.
    const check = (node: FileTreeNode): void => {
      if (node.kind !== 'directory') return;
      const shown = node.children.reduce((sum, child) => sum + child.sizeBytes, 0);
      expect(shown + node.omittedBytes).toBe(node.sizeBytes);
      node.children.forEach(check);
    };
    check(tree);
    check(result.finalTree);
    expect(result.finalTruncated).toBe(true);
    expect(paths(result.finalTree)).toHaveLength(50);
    expect(result.finalTree.sizeBytes).toBe(total);
    // The biggest file survives the cut.
    expect(find(tree, '/data/d5/f96')?.sizeBytes).toBe(961);
  });

  it('sorts children by name and nests flat paths', () => {
    const { tree, truncated } = buildFileTree(
      [
        { path: 'b/2', kind: 'file', sizeBytes: 2, change: 'added', layerIndex: null },
        { path: 'a', kind: 'file', sizeBytes: 1, change: 'added', layerIndex: null },
        { path: 'b/1', kind: 'file', sizeBytes: 3, change: 'modified', layerIndex: null },
      ],
      10,
    );
    expect(truncated).toBe(false);
    expect(paths(tree)).toEqual(['/', '/a', '/b', '/b/1', '/b/2']);
    expect(tree).toMatchObject({ sizeBytes: 6, fileCount: 3, omittedChildren: 0 });
    expect(find(tree, '/b')).toMatchObject({ kind: 'directory', change: null, sizeBytes: 5, fileCount: 2 });
  });
});
