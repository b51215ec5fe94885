/**
 * Which files differ between two images, from their inventories (final files with content
 * digests): added, removed, modified (other content, another kind, another link target). The
 * result crosses the contract, so the lists are capped (biggest first) while every total stays
 * exact, and folder groups and the tree are built from all changes, not only the listed ones.
 */
import { buildFileTree, type FileTreeItem, type FileTreeNode } from './file-tree';
import type { ImageInventory, InventoryFile } from './image-inventory';
import type { FileKind } from './layer-tar-summary';

/** How a path differs from the older image to the newer. */
export type FileDiffChange = 'added' | 'removed' | 'modified';

/** Why a path present in both images counts as modified. */
export type ModifiedBecause = 'content' | 'kind' | 'link';

/** One path that differs. */
export interface FileDiffEntry {
  /** Absolute: `/etc/app.conf`. */
  path: string;
  change: FileDiffChange;
  /** The newer image's kind (the older's for a removed path). */
  kind: FileKind;
  /** null when the path is not in the older image. */
  bytesBefore: number | null;
  /** null when the path is not in the newer image. */
  bytesAfter: number | null;
  because: ModifiedBecause | null;
  /** The newer image's layer that wrote the path (its layer tree shows what else that layer did). */
  layerIndex: number | null;
}

/** Count and bytes of one kind of change (folders are counted apart, and have no bytes). */
export interface FileDiffTally {
  files: number;
  folders: number;
  bytes: number;
}

/** The changes under one folder (not below its sub-folders). */
export interface FileDiffFolder {
  /** Absolute: `/usr/lib`; `/` for the root. */
  path: string;
  added: FileDiffTally;
  removed: FileDiffTally;
  modified: FileDiffTally;
  /** All three kinds of change together, for sorting. */
  bytes: number;
}

/** Two images' files compared, older → newer. */
export interface FileDiff {
  added: FileDiffTally;
  removed: FileDiffTally;
  /** `bytes` are the newer versions' bytes; `bytesBefore` the older ones'. */
  modified: FileDiffTally & { bytesBefore: number };
  unchanged: FileDiffTally;
  /** Sorted by path; the biggest changes when capped. */
  entries: FileDiffEntry[];
  /** Changed paths not in `entries` (0 when nothing was left out). */
  omittedEntries: number;
  /** Folders holding changes, biggest first; capped like `entries`. */
  folders: FileDiffFolder[];
  omittedFolders: number;
  /** Every change as a tree: sizes are the newer bytes, or the older ones for removed paths. */
  tree: FileTreeNode;
  treeTruncated: boolean;
  /** Layers of either image that could not be read: their files are missing from the diff. */
  unreadableLayers: { a: number[]; b: number[] };
}

/** How much of the diff crosses the contract. */
export interface FileDiffLimits {
  maxEntries?: number;
  maxFolders?: number;
  maxTreeNodes?: number;
}

const DEFAULTS: Required<FileDiffLimits> = { maxEntries: 5_000, maxFolders: 1_000, maxTreeNodes: 5_000 };

/** Compares `older` (a) with `newer` (b), file by file. */
export function diffInventories(
  older: Pick<ImageInventory, 'files' | 'unreadableLayers'>,
  newer: Pick<ImageInventory, 'files' | 'unreadableLayers'>,
  limits: FileDiffLimits = {},
): FileDiff {
  const limit = { ...DEFAULTS, ...limits };
  const diff: FileDiff = {
    added: tally(),
    removed: tally(),
    modified: { ...tally(), bytesBefore: 0 },
    unchanged: tally(),
    entries: [],
    omittedEntries: 0,
    folders: [],
    omittedFolders: 0,
    tree: buildFileTree([], 1).tree,
    treeTruncated: false,
    unreadableLayers: { a: [...older.unreadableLayers], b: [...newer.unreadableLayers] },
  };
  const changes: FileDiffEntry[] = [];
  const before = older.files;
  const after = newer.files;
  // Both lists are sorted by path (code-unit order): one merge walk, no map of either image.
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const x = before[i];
    const y = after[j];
    if (x && (!y || x.path < y.path)) {
      changes.push(entry(x, 'removed', null));
      i++;
    } else if (y && (!x || y.path < x.path)) {
      changes.push(entry(y, 'added', null));
      j++;
    } else {
      const because = modifiedBecause(x!, y!);
      if (because) changes.push({ ...entry(y!, 'modified', because), bytesBefore: x!.sizeBytes });
      else count(diff.unchanged, y!.kind, y!.sizeBytes);
      i++;
      j++;
    }
  }

  const folders = new Map<string, FileDiffFolder>();
  const items: FileTreeItem[] = [];
  for (const change of changes) {
    const bytes = change.change === 'removed' ? change.bytesBefore! : change.bytesAfter!;
    count(diff[change.change], change.kind, bytes);
    if (change.change === 'modified') diff.modified.bytesBefore += change.bytesBefore ?? 0;
    const folderPath = parentOf(change.path);
    const folder = folders.get(folderPath) ?? {
      path: folderPath,
      added: tally(),
      removed: tally(),
      modified: tally(),
      bytes: 0,
    };
    count(folder[change.change], change.kind, bytes);
    folder.bytes += bytes;
    folders.set(folderPath, folder);
    items.push({
      path: change.path,
      kind: change.kind,
      sizeBytes: change.kind === 'directory' ? 0 : bytes,
      change: change.change,
      layerIndex: change.layerIndex,
    });
  }

  const kept = capBiggest(
    changes,
    limit.maxEntries,
    (change) => change.bytesAfter ?? change.bytesBefore ?? 0,
  );
  diff.entries = kept.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  diff.omittedEntries = changes.length - kept.length;
  const allFolders = [...folders.values()].sort(
    (x, y) => y.bytes - x.bytes || (x.path < y.path ? -1 : x.path > y.path ? 1 : 0),
  );
  diff.folders = allFolders.slice(0, limit.maxFolders);
  diff.omittedFolders = allFolders.length - diff.folders.length;
  const { tree, truncated } = buildFileTree(items, limit.maxTreeNodes);
  diff.tree = tree;
  diff.treeTruncated = truncated;
  return diff;
}

/** Why `x` (older) and `y` (newer) at the same path differ; null when they do not. */
export function modifiedBecause(x: InventoryFile, y: InventoryFile): ModifiedBecause | null {
  if (x.kind !== y.kind) return 'kind';
  if (x.kind === 'symlink' || x.kind === 'hardlink') return x.linkTarget === y.linkTarget ? null : 'link';
  if (x.kind === 'file') return x.digest === y.digest && x.sizeBytes === y.sizeBytes ? null : 'content';
  return null;
}

function entry(file: InventoryFile, change: FileDiffChange, because: ModifiedBecause | null): FileDiffEntry {
  return {
    path: `/${file.path}`,
    change,
    kind: file.kind,
    bytesBefore: change === 'added' ? null : file.sizeBytes,
    bytesAfter: change === 'removed' ? null : file.sizeBytes,
    because,
    layerIndex: change === 'removed' ? null : file.layerIndex,
  };
}

function tally(): FileDiffTally {
  return { files: 0, folders: 0, bytes: 0 };
}

function count(target: FileDiffTally, kind: FileKind, bytes: number): void {
  if (kind === 'directory') target.folders++;
  else {
    target.files++;
    target.bytes += bytes;
  }
}

/** The `max` biggest of `items` (ties by path), without sorting all of them when nothing is cut. */
function capBiggest<T extends { path: string }>(items: T[], max: number, size: (item: T) => number): T[] {
  if (items.length <= max) return [...items];
  return [...items]
    .sort((x, y) => size(y) - size(x) || (x.path < y.path ? -1 : x.path > y.path ? 1 : 0))
    .slice(0, max);
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}
