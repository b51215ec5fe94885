/**
 * Replays an image's layers in order over one filesystem: what each layer added, modified and
 * removed, which stored versions of a file the final filesystem no longer shows, and what it does
 * show.
 *
 * Wasted bytes = bytes stored in all layers − bytes visible in the final filesystem. Every
 * stored version of a file is either visible or superseded (deleted, overwritten, hidden by an
 * opaque directory), so the per-path waste adds up to that total exactly. Hard links share their
 * target's stored content, so it counts once.
 */
import type { FileChange, FileTreeItem } from './file-tree';
import type { FileKind, LayerTarSummary } from './layer-tar-summary';
import { baseOf, parentOf } from './layer-paths';

/** Count and bytes of non-directory entries. */
export interface FileTally {
  files: number;
  bytes: number;
}

/** How a stored version of a file stopped being visible. */
export type SupersededBy = 'deleted' | 'overwritten' | 'opaque-dir' | 'replaced';

/** A stored version of a file that a later layer hid. */
export interface RetiredVersion {
  /** Absolute: `/usr/bin/env`. */
  path: string;
  /** The stored content it showed (shared by hard links). */
  inode: number;
  sizeBytes: number;
  /** The layer that wrote it. */
  writer: number;
  /** The layer that hid it. */
  removedBy: number;
  how: SupersededBy;
  /** Size of what replaced it (the overwritten entry itself only). */
  replacementBytes: number | null;
}

/** What one layer did. */
export interface ReplayedLayer {
  /** Paths the layer wrote or removed, relative to the root, for its tree. */
  items: FileTreeItem[];
  added: FileTally;
  modified: FileTally;
  removed: FileTally;
  /** Bytes the layer stores (hard links store none of their own). */
  storedBytes: number;
}

/** The whole replay. */
export interface LayerReplay {
  layers: ReplayedLayer[];
  /** Every path of the final filesystem; a file's bytes count on the first path that shows its content. */
  finalItems: FileTreeItem[];
  /** Non-directory entries in the final filesystem. */
  fileCount: number;
  storedBytes: number;
  visibleBytes: number;
  /** Retired versions with bytes whose content the final filesystem does not show, in replay order. */
  wasted: RetiredVersion[];
}

interface StateNode {
  kind: FileKind;
  /** Bytes this entry stores (a hard link stores none of its own). */
  sizeBytes: number;
  layer: number;
  /** The stored content this entry shows; hard links share their target's. -1 for directories. */
  inode: number;
  children: Map<string, StateNode> | null;
}

interface Filesystem {
  root: StateNode;
  /** Bytes per stored content, by inode. */
  inodeBytes: number[];
  retired: RetiredVersion[];
}

/** Replays the layers (null: a layer that could not be read, which changes nothing). */
export function replayLayers(summaries: readonly (LayerTarSummary | null)[]): LayerReplay {
  const fs: Filesystem = { root: directoryNode(-1), inodeBytes: [], retired: [] };
  const layers = summaries.map((summary, index) => replayLayer(fs, summary, index));

  // The final filesystem: each stored content counts once, on the first path that shows it.
  const visibleInodes = new Set<number>();
  const finalItems: FileTreeItem[] = [];
  let fileCount = 0;
  let visibleBytes = 0;
  const walk = (node: StateNode, path: string): void => {
    for (const [name, child] of node.children!) {
      const childPath = path === '' ? name : `${path}/${name}`;
      if (child.children) {
        finalItems.push({
          path: childPath,
          kind: 'directory',
          sizeBytes: 0,
          change: null,
          layerIndex: child.layer,
        });
        walk(child, childPath);
        continue;
      }
      fileCount++;
      let bytes = 0;
      if (!visibleInodes.has(child.inode)) {
        visibleInodes.add(child.inode);
        bytes = fs.inodeBytes[child.inode] ?? 0;
      }
      visibleBytes += bytes;
      finalItems.push({
        path: childPath,
        kind: child.kind,
        sizeBytes: bytes,
        change: null,
        layerIndex: child.layer,
      });
    }
  };
  walk(fs.root, '');

  return {
    layers,
    finalItems,
    fileCount,
    storedBytes: fs.inodeBytes.reduce((total, bytes) => total + bytes, 0),
    visibleBytes,
    wasted: fs.retired.filter((version) => version.sizeBytes > 0 && !visibleInodes.has(version.inode)),
  };
}

function replayLayer(fs: Filesystem, summary: LayerTarSummary | null, index: number): ReplayedLayer {
  const layer: ReplayedLayer = {
    items: [],
    added: { files: 0, bytes: 0 },
    modified: { files: 0, bytes: 0 },
    removed: { files: 0, bytes: 0 },
    storedBytes: 0,
  };
  if (summary) {
    applyDeletions(fs, summary, index, layer);
    applyEntries(fs, summary, index, layer);
  }
  return layer;
}

/** Whiteouts and opaque markers hide what the layers below hold, never this layer's own entries. */
function applyDeletions(fs: Filesystem, summary: LayerTarSummary, index: number, layer: ReplayedLayer): void {
  const removeFromBelow = (path: string, node: StateNode, how: SupersededBy): void => {
    const tally = retire(fs, node, `/${path}`, how, null, index);
    addTo(layer.removed, tally);
    layer.items.push({
      path,
      kind: node.kind,
      sizeBytes: tally.bytes,
      fileCount: tally.files,
      change: 'removed',
      layerIndex: null,
    });
  };
  for (const path of summary.whiteouts) {
    const parentPath = parentOf(path);
    const parent = parentPath === '' ? fs.root : lookup(fs.root, parentPath);
    const name = baseOf(path);
    const node = parent?.children?.get(name);
    if (!parent || !node) continue;
    parent.children!.delete(name);
    removeFromBelow(path, node, 'deleted');
  }
  for (const dir of summary.opaqueDirs) {
    const node = dir === '' ? fs.root : lookup(fs.root, dir);
    if (!node?.children) continue;
    for (const [name, child] of node.children)
      removeFromBelow(dir === '' ? name : `${dir}/${name}`, child, 'opaque-dir');
    node.children = new Map();
  }
}

function applyEntries(fs: Filesystem, summary: LayerTarSummary, index: number, layer: ReplayedLayer): void {
  const replaced = (node: StateNode, path: string): void =>
    addTo(layer.removed, retire(fs, node, `/${path}`, 'replaced', 0, index));
  const ownInodes = new Map<string, number>();
  for (const entry of summary.entries) {
    const parent = ensureDirectory(fs.root, parentOf(entry.path), index, replaced);
    const name = baseOf(entry.path);
    const existing = parent.children!.get(name);
    const change: FileChange = existing ? 'modified' : 'added';
    if (entry.kind === 'directory') {
      if (existing?.kind === 'directory') {
        existing.layer = index;
      } else {
        if (existing) replaced(existing, entry.path);
        parent.children!.set(name, directoryNode(index));
      }
      layer.items.push({ path: entry.path, kind: 'directory', sizeBytes: 0, change, layerIndex: null });
      continue;
    }
    if (existing) {
      const how: SupersededBy = existing.kind === 'directory' ? 'replaced' : 'overwritten';
      const tally = retire(fs, existing, `/${entry.path}`, how, entry.sizeBytes, index);
      if (how === 'replaced') addTo(layer.removed, tally);
    }
    let inode: number;
    if (entry.kind === 'hardlink' && entry.linkTarget !== null) {
      inode = ownInodes.get(entry.linkTarget) ?? lookup(fs.root, entry.linkTarget)?.inode ?? -1;
      if (inode < 0) inode = fs.inodeBytes.push(0) - 1;
    } else {
      inode = fs.inodeBytes.push(entry.sizeBytes) - 1;
      ownInodes.set(entry.path, inode);
    }
    const ownBytes = entry.kind === 'hardlink' ? 0 : entry.sizeBytes;
    parent.children!.set(name, {
      kind: entry.kind,
      sizeBytes: ownBytes,
      layer: index,
      inode,
      children: null,
    });
    layer.storedBytes += ownBytes;
    addTo(change === 'added' ? layer.added : layer.modified, { files: 1, bytes: ownBytes });
    layer.items.push({ path: entry.path, kind: entry.kind, sizeBytes: ownBytes, change, layerIndex: null });
  }
}

/** Records every file at or below `node` as hidden by layer `removedBy`; returns their count and bytes. */
function retire(
  fs: Filesystem,
  node: StateNode,
  path: string,
  how: SupersededBy,
  replacementBytes: number | null,
  removedBy: number,
): FileTally {
  const tally: FileTally = { files: 0, bytes: 0 };
  const visit = (current: StateNode, currentPath: string): void => {
    if (current.children) {
      for (const [name, child] of current.children) visit(child, `${currentPath}/${name}`);
      return;
    }
    tally.files++;
    tally.bytes += current.sizeBytes;
    fs.retired.push({
      path: currentPath,
      inode: current.inode,
      sizeBytes: current.sizeBytes,
      writer: current.layer,
      removedBy,
      how,
      replacementBytes: current === node ? replacementBytes : null,
    });
  };
  visit(node, path);
  return tally;
}

function addTo(total: FileTally, tally: FileTally): void {
  total.files += tally.files;
  total.bytes += tally.bytes;
}

function directoryNode(layer: number): StateNode {
  return { kind: 'directory', sizeBytes: 0, layer, inode: -1, children: new Map() };
}

function lookup(root: StateNode, path: string): StateNode | null {
  let node: StateNode | undefined = root;
  for (const part of path.split('/')) {
    node = node?.children?.get(part);
    if (!node) return null;
  }
  return node ?? null;
}

/** The directory at `path`, created (and any file in the way replaced) as a tar without parent entries needs. */
function ensureDirectory(
  root: StateNode,
  path: string,
  layer: number,
  replace: (node: StateNode, path: string) => void,
): StateNode {
  if (path === '') return root;
  let node = root;
  let current = '';
  for (const part of path.split('/')) {
    current = current === '' ? part : `${current}/${part}`;
    let child = node.children!.get(part);
    if (!child?.children) {
      if (child) replace(child, current);
      child = directoryNode(layer);
      node.children!.set(part, child);
    }
    node = child;
  }
  return node;
}
