/**
 * Flat path items nested into a file tree with directory totals, cut to a node budget that keeps
 * the biggest nodes and counts what it leaves out, so totals stay exact.
 */
import { normalizeTarPath, type FileKind } from './layer-tar-summary';

/** What a layer did to a path. */
export type FileChange = 'added' | 'modified' | 'removed';

/** A node of a file tree; directories add up everything below them. */
export interface FileTreeNode {
  /** '' for the root. */
  name: string;
  /** Absolute: `/`, `/usr/bin/env`. */
  path: string;
  kind: FileKind;
  /** A file's bytes; a directory's own plus everything below it (in this tree). */
  sizeBytes: number;
  /** Non-directory entries at or below this node. */
  fileCount: number;
  /** What the layer did to it (layer trees); null for directories only there to hold children. */
  change: FileChange | null;
  /** In the final tree, the layer that wrote the visible version; null elsewhere. */
  layerIndex: number | null;
  /** Sorted by name. */
  children: FileTreeNode[];
  /** Children left out to keep the tree small (the smallest go first); totals above stay exact. */
  omittedChildren: number;
  omittedBytes: number;
}

/** One path to place in a tree, as the layer replay or the final filesystem reports it. */
export interface FileTreeItem {
  path: string;
  kind: FileKind;
  sizeBytes: number;
  /** Files a removed directory held. */
  fileCount?: number;
  change: FileChange | null;
  layerIndex: number | null;
}

interface BuildNode {
  node: FileTreeNode;
  depth: number;
  children: Map<string, BuildNode>;
  ownFiles: number;
}

/**
 * Nests flat path items into a tree with directory totals, then keeps at most `maxNodes` nodes:
 * the biggest, which always include their ancestors (a directory is at least as big as anything
 * in it). What is left out is counted on its parent, so totals stay exact.
 */
export function buildFileTree(
  items: readonly FileTreeItem[],
  maxNodes: number,
): { tree: FileTreeNode; truncated: boolean } {
  const root = makeBuildNode('', '/', 0);
  let count = 1;
  for (const item of items) {
    const path = normalizeTarPath(item.path);
    let current = root;
    if (path !== '') {
      let currentPath = '';
      for (const part of path.split('/')) {
        currentPath = `${currentPath}/${part}`;
        let child = current.children.get(part);
        if (!child) {
          child = makeBuildNode(part, currentPath, current.depth + 1);
          current.children.set(part, child);
          count++;
        }
        current = child;
      }
    }
    const node = current.node;
    node.kind = item.kind;
    node.sizeBytes = item.sizeBytes;
    node.change = item.change;
    node.layerIndex = item.layerIndex;
    current.ownFiles = item.kind === 'directory' ? (item.fileCount ?? 0) : 1;
  }

  const all: BuildNode[] = [];
  const total = (current: BuildNode): void => {
    all.push(current);
    let bytes = current.node.sizeBytes;
    let files = current.ownFiles;
    for (const child of current.children.values()) {
      total(child);
      bytes += child.node.sizeBytes;
      files += child.node.fileCount;
    }
    current.node.sizeBytes = bytes;
    current.node.fileCount = files;
  };
  total(root);

  const truncated = count > maxNodes;
  const kept = new Set<BuildNode>();
  if (truncated) {
    all.sort(
      (x, y) =>
        y.node.sizeBytes - x.node.sizeBytes || x.depth - y.depth || x.node.path.localeCompare(y.node.path),
    );
    for (const current of all.slice(0, Math.max(1, maxNodes))) kept.add(current);
  }
  const finish = (current: BuildNode): FileTreeNode => {
    const children = [...current.children.values()].sort((x, y) =>
      x.node.name < y.node.name ? -1 : x.node.name > y.node.name ? 1 : 0,
    );
    for (const child of children) {
      if (truncated && !kept.has(child)) {
        current.node.omittedChildren++;
        current.node.omittedBytes += child.node.sizeBytes;
      } else {
        current.node.children.push(finish(child));
      }
    }
    return current.node;
  };
  return { tree: finish(root), truncated };
}

function makeBuildNode(name: string, path: string, depth: number): BuildNode {
  return {
    node: {
      name,
      path,
      kind: 'directory',
      sizeBytes: 0,
      fileCount: 0,
      change: null,
      layerIndex: null,
      children: [],
      omittedChildren: 0,
      omittedBytes: 0,
    },
    depth,
    children: new Map(),
    ownFiles: 0,
  };
}
