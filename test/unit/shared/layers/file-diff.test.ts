import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffInventories } from '../../../../src/shared/layers/file-diff';
import type { InventoryFile } from '../../../../src/shared/layers/image-inventory';
import type { FileKind } from '../../../../src/shared/layers/layer-tar-summary';

type Row = [path: string, kind: FileKind, bytes: number, digestOrTarget: string | null, layer: number];

function inventory(rows: Row[], unreadableLayers: number[] = []) {
  const files: InventoryFile[] = rows
    .map(([path, kind, sizeBytes, extra, layerIndex]) => ({
      path,
      kind,
      sizeBytes,
      digest: kind === 'file' ? extra : null,
      linkTarget: kind === 'symlink' || kind === 'hardlink' ? extra : null,
      layerIndex,
    }))
    .sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  return { files, unreadableLayers };
}

const OLDER = inventory([
  ['app', 'directory', 0, null, 0],
  ['app/same', 'file', 10, 'sha256:s', 0],
  ['app/conf', 'file', 5, 'sha256:c1', 0],
  ['app/gone', 'file', 7, 'sha256:g', 1],
  ['app/link', 'symlink', 4, 'same', 1],
  ['app/hard', 'hardlink', 0, 'app/same', 1],
  ['app/was-file', 'file', 3, 'sha256:w', 1],
  ['old', 'directory', 0, null, 0],
  ['old/a', 'file', 100, 'sha256:a', 0],
  ['old/b', 'file', 200, 'sha256:b', 0],
]);
const NEWER = inventory([
  ['app', 'directory', 0, null, 2],
  ['app/same', 'file', 10, 'sha256:s', 0],
  ['app/conf', 'file', 5, 'sha256:c2', 2],
  ['app/link', 'symlink', 4, 'conf', 2],
  ['app/hard', 'hardlink', 0, 'app/same', 2],
  ['app/was-file', 'directory', 0, null, 2],
  ['app/new', 'file', 50, 'sha256:n', 3],
]);

describe('diffInventories', () => {
  it('lists added, removed and modified paths with bytes on each side and the newer writing layer', () => {
    const diff = diffInventories(OLDER, NEWER);
    expect(
      diff.entries.map((entry) => [
        entry.path,
        entry.change,
        entry.kind,
        entry.bytesBefore,
        entry.bytesAfter,
        entry.because,
        entry.layerIndex,
      ]),
    ).toEqual([
      ['/app/conf', 'modified', 'file', 5, 5, 'content', 2],
      ['/app/gone', 'removed', 'file', 7, null, null, null],
      ['/app/link', 'modified', 'symlink', 4, 4, 'link', 2],
      ['/app/new', 'added', 'file', null, 50, null, 3],
      ['/app/was-file', 'modified', 'directory', 3, 0, 'kind', 2],
      ['/old', 'removed', 'directory', 0, null, null, null],
      ['/old/a', 'removed', 'file', 100, null, null, null],
      ['/old/b', 'removed', 'file', 200, null, null, null],
    ]);
    expect(diff.omittedEntries).toBe(0);
  });

  it('totals each kind of change exactly, folders apart, and counts what did not change', () => {
    const diff = diffInventories(OLDER, NEWER);
    expect(diff.added).toEqual({ files: 1, folders: 0, bytes: 50 });
    expect(diff.removed).toEqual({ files: 3, folders: 1, bytes: 307 });
    // The file that became a folder counts as a modified folder with no bytes after.
    expect(diff.modified).toEqual({ files: 2, folders: 1, bytes: 9, bytesBefore: 12 });
    // A folder or hard link rewritten by a later layer with nothing new is no change.
    expect(diff.unchanged).toEqual({ files: 2, folders: 1, bytes: 10 });
  });

  it('groups changes by folder, biggest first, and nests them in a tree with folder totals', () => {
    const diff = diffInventories(OLDER, NEWER);
    expect(diff.folders.map((folder) => [folder.path, folder.bytes])).toEqual([
      ['/old', 300],
      ['/app', 66],
      ['/', 0],
    ]);
    expect(diff.folders[1]).toMatchObject({
      added: { files: 1, bytes: 50 },
      removed: { files: 1, bytes: 7 },
      modified: { files: 2, folders: 1, bytes: 9 },
    });
    expect(diff.tree.sizeBytes).toBe(50 + 307 + 9);
    expect(diff.tree.children.map((child) => [child.path, child.sizeBytes, child.fileCount])).toEqual([
      ['/app', 66, 4],
      ['/old', 300, 2],
    ]);
    expect(diff.tree.children[1]!.change).toBe('removed');
  });

  it('finds nothing between an image and itself', () => {
    const diff = diffInventories(OLDER, OLDER);
    expect(diff.entries).toEqual([]);
    expect(diff.unchanged).toEqual({ files: 8, folders: 2, bytes: 329 });
    expect(diff.tree.children).toEqual([]);
  });

  it('keeps the biggest changes when capped, totals and tree still whole, and says how many it left out', () => {
    const many = inventory(
      Array.from({ length: 30 }, (_, index): Row => [
        `f/${String(index).padStart(2, '0')}`,
        'file',
        index + 1,
        `sha256:${index}`,
        0,
      ]),
    );
    const diff = diffInventories(inventory([]), many, { maxEntries: 5, maxFolders: 1, maxTreeNodes: 4 });
    expect(diff.entries.map((entry) => entry.path)).toEqual(['/f/25', '/f/26', '/f/27', '/f/28', '/f/29']);
    expect(diff.omittedEntries).toBe(25);
    expect(diff.added).toEqual({ files: 30, folders: 0, bytes: 465 });
    expect(diff.tree.sizeBytes).toBe(465);
    expect(diff.treeTruncated).toBe(true);
    expect(diff.folders).toHaveLength(1);
    expect(diff.omittedFolders).toBe(0);
  });

  it('passes on which layers of either side could not be read', () => {
    expect(diffInventories(inventory([], [2]), inventory([], [0, 1])).unreadableLayers).toEqual({
      a: [2],
      b: [0, 1],
    });
  });

  it('accounts for every path of both images exactly once, whatever they hold', () => {
    const row = fc.tuple(
      fc.constantFrom('a', 'a/b', 'a-b', 'b', 'b/c', 'c'),
      fc.constantFrom<FileKind>('file', 'directory', 'symlink'),
      fc.nat(20),
      fc.constantFrom('x', 'y'),
    );
    const side = fc.uniqueArray(row, { selector: ([path]) => path, maxLength: 6 }).map((rows) =>
      inventory(
        rows.map(([path, kind, bytes, extra]): Row => [
          path,
          kind,
          // As the pass measures them: a folder has no bytes, a symlink its target's length.
          kind === 'directory' ? 0 : kind === 'symlink' ? extra.length : bytes,
          extra,
          0,
        ]),
      ),
    );
    fc.assert(
      fc.property(side, side, (older, newer) => {
        const diff = diffInventories(older, newer);
        const paths = (files: InventoryFile[]) => new Set(files.map((file) => file.path));
        const a = paths(older.files);
        const b = paths(newer.files);
        const both = [...a].filter((path) => b.has(path)).length;
        const entries = (tally: { files: number; folders: number }) => tally.files + tally.folders;
        expect(entries(diff.added)).toBe(b.size - both);
        expect(entries(diff.removed)).toBe(a.size - both);
        expect(entries(diff.modified) + entries(diff.unchanged)).toBe(both);
        const sizeOf = (files: InventoryFile[]) => files.reduce((sum, file) => sum + file.sizeBytes, 0);
        // Older bytes = removed + modified before + unchanged; newer likewise with added and after.
        expect(diff.removed.bytes + diff.modified.bytesBefore + diff.unchanged.bytes).toBe(
          sizeOf(older.files),
        );
        expect(diff.added.bytes + diff.modified.bytes + diff.unchanged.bytes).toBe(sizeOf(newer.files));
      }),
      { numRuns: 300 },
    );
  });
});
