import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replayInventory, type HashedLayer } from '../../../../src/main/layers/replay-inventory';
import type { LayerTarSummary } from '../../../../src/shared/layers/layer-tar-summary';
import { replayLayers } from '../../../../src/shared/layers/replay-layers';
import { summary, type Spec } from '../../shared/layers/layer-specs';

/** A layer whose files' digests are `sha256:<name>@<layer>` so the test can tell versions apart. */
function hashed(layer: number, specs: Spec[]): HashedLayer {
  const tarSummary = summary(specs);
  return {
    summary: tarSummary,
    digests: tarSummary.entries.map((entry) =>
      entry.kind === 'file' ? `sha256:${entry.path}@${layer}` : null,
    ),
    linkTargets: tarSummary.entries.map((entry) =>
      entry.kind === 'symlink'
        ? String(specs.find(([, name]) => name === entry.path)?.[2])
        : entry.linkTarget,
    ),
  };
}

const files = (layers: (Spec[] | null)[]) =>
  replayInventory(
    'sha256:x',
    layers.map((specs, index) => (specs ? hashed(index, specs) : null)),
  ).files.map((file) => [
    file.path,
    file.kind,
    file.sizeBytes,
    file.digest,
    file.linkTarget,
    file.layerIndex,
  ]);

describe('replayInventory', () => {
  it('lists the final files with the digest and layer of the version that shows', () => {
    expect(
      files([
        [
          ['d', 'etc/'],
          ['f', 'etc/a', 3],
          ['f', 'etc/b', 4],
          ['l', 'etc/link', '/etc/a'],
        ],
        [
          ['f', 'etc/a', 3],
          ['f', 'etc/.wh.b'],
          ['l', 'etc/link', 'b'],
        ],
      ]),
    ).toEqual([
      ['etc', 'directory', 0, null, null, 0],
      ['etc/a', 'file', 3, 'sha256:etc/a@1', null, 1],
      ['etc/link', 'symlink', 1, null, 'b', 1],
    ]);
  });

  it('hides a whited-out folder with everything in it, and what an opaque folder held below', () => {
    expect(
      files([
        [
          ['f', 'gone/x', 1],
          ['f', 'gone/sub/y', 2],
          ['f', 'keep/old', 5],
        ],
        [
          ['f', '.wh.gone'],
          ['f', 'keep/.wh..wh..opq'],
          ['f', 'keep/new', 6],
        ],
      ]),
    ).toEqual([
      ['keep', 'directory', 0, null, null, 0],
      ['keep/new', 'file', 6, 'sha256:keep/new@1', null, 1],
    ]);
  });

  it('replaces a file by a folder and a folder by a file, as the tar order says', () => {
    expect(
      files([
        [
          ['f', 'x', 1],
          ['f', 'y/inner', 2],
        ],
        [
          ['f', 'x/now-a-folder', 3],
          ['f', 'y', 4],
        ],
      ]),
    ).toEqual([
      ['x', 'directory', 0, null, null, 1],
      ['x/now-a-folder', 'file', 3, 'sha256:x/now-a-folder@1', null, 1],
      ['y', 'file', 4, 'sha256:y@1', null, 1],
    ]);
  });

  it('keeps hard links as links to their target path, without bytes of their own', () => {
    expect(
      files([
        [
          ['f', 'bin/busybox', 100],
          ['h', 'bin/sh', 'bin/busybox'],
        ],
      ]),
    ).toEqual([
      ['bin', 'directory', 0, null, null, 0],
      ['bin/busybox', 'file', 100, 'sha256:bin/busybox@0', null, 0],
      ['bin/sh', 'hardlink', 0, null, 'bin/busybox', 0],
    ]);
  });

  it('sorts by path in code-unit order, not folder by folder', () => {
    expect(
      files([
        [
          ['f', 'a/b', 1],
          ['f', 'a-c', 1],
          ['f', 'B', 1],
        ],
      ]).map(([path]) => path),
    ).toEqual(['B', 'a', 'a-c', 'a/b']);
  });

  it('skips a layer it could not read and says which', () => {
    const inventory = replayInventory('sha256:x', [hashed(0, [['f', 'a', 1]]), null]);
    expect(inventory.unreadableLayers).toEqual([1]);
    expect(inventory.files.map((file) => file.path)).toEqual(['a']);
  });

  it('shows the same paths, kinds and writing layers as the contents replay, whatever the layers', () => {
    const name = fc.constantFrom('a', 'b', 'a/b', 'a/c', 'b/a', 'a/b/c', 'c');
    const spec: fc.Arbitrary<Spec> = fc.oneof(
      fc.tuple(fc.constant('f' as const), name, fc.nat(9)),
      fc.tuple(fc.constant('d' as const), name),
      fc.tuple(fc.constant('l' as const), name, name),
      fc.tuple(fc.constant('h' as const), name, name),
      fc.tuple(
        fc.constant('f' as const),
        name.map((path) => path.replace(/([^/]+)$/, '.wh.$1')),
        fc.constant(0),
      ),
      fc.tuple(
        fc.constant('f' as const),
        name.map((path) => `${path}/.wh..wh..opq`),
        fc.constant(0),
      ),
    );
    fc.assert(
      fc.property(fc.array(fc.array(spec, { maxLength: 6 }), { maxLength: 4 }), (layers) => {
        const summaries: LayerTarSummary[] = layers.map((specs) => summary(specs));
        const expected = replayLayers(summaries)
          .finalItems.map((item) => [item.path, item.kind, item.layerIndex])
          .sort((x, y) => (x[0]! < y[0]! ? -1 : x[0]! > y[0]! ? 1 : 0));
        const actual = replayInventory(
          'sha256:x',
          layers.map((specs, index) => hashed(index, specs)),
        ).files.map((file) => [file.path, file.kind, file.layerIndex]);
        expect(actual).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
