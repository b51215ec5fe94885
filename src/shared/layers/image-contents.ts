/**
 * What an image's layers hold, file by file (dive's view): the maths over layer tar headers,
 * kept apart from the streaming so it can be tested on plain lists.
 *
 * Bytes are counted the way the engine counts a layer (`docker history`, moby's
 * directory.Size): regular files by size, symlinks by the length of their target, hard links
 * once. So a layer's `sizeBytes` equals its history size for classic-built layers; BuildKit on
 * engine 20.10 reports symlinks as 0 bytes, so its layers can differ by their symlinks' lengths.
 *
 * Wasted bytes = bytes stored in all layers − bytes visible in the final filesystem. Every
 * stored version of a file is either visible or superseded (deleted, overwritten, hidden by an
 * opaque directory), so the per-path waste adds up to that total exactly. (dive adds up every
 * copy of a path seen in more than one layer, the visible one included, and so over-counts.)
 */
import { cleanCreatedBy, instructionKeyword, shorten } from './layer-model';
import { formatSize } from '../format-size';

/** What a tar entry is. */
export type FileKind = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

/** What a layer did to a path. */
export type FileChange = 'added' | 'modified' | 'removed';

/** One entry of a layer tar, reduced to what the analysis needs (never its contents). */
export interface LayerTarEntry {
  /** Relative to the image root, no leading or trailing slash: `usr/bin/env`. */
  path: string;
  kind: FileKind;
  /** Regular file: its size; symlink: its target's length in bytes; anything else 0. */
  sizeBytes: number;
  /** A hard link's target path (same form as `path`); null otherwise. */
  linkTarget: string | null;
}

/** One layer tar read once: what it writes, what it deletes. */
export interface LayerTarSummary {
  entries: LayerTarEntry[];
  /** Paths a `.wh.<name>` whiteout deletes from the layers below. */
  whiteouts: string[];
  /** Directories marked `.wh..wh..opq`: everything the layers below had in them is hidden. */
  opaqueDirs: string[];
  /** Size of the layer tar itself (headers and padding included). */
  tarBytes: number;
}

/** A tar header as any tar reader gives it. */
export interface TarHeaderLike {
  name: string;
  type: string | null | undefined;
  size?: number | null | undefined;
  linkname?: string | null | undefined;
}

/** An empty summary to fill with `addTarHeader`. */
export function createLayerTarSummary(): LayerTarSummary {
  return { entries: [], whiteouts: [], opaqueDirs: [], tarBytes: 0 };
}

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';

/** Files one tar header into a summary: whiteouts and opaque markers apart from what it writes. */
export function addTarHeader(summary: LayerTarSummary, header: TarHeaderLike): void {
  const path = normalizeTarPath(header.name);
  if (path === '') return;
  const slash = path.lastIndexOf('/');
  const dir = slash < 0 ? '' : path.slice(0, slash);
  const base = path.slice(slash + 1);
  if (base === OPAQUE_MARKER) {
    summary.opaqueDirs.push(dir);
    return;
  }
  if (base.startsWith(WHITEOUT_PREFIX)) {
    const name = base.slice(WHITEOUT_PREFIX.length);
    // `.wh..wh.*` other than the opaque marker are aufs bookkeeping (hard-link dirs), not deletions.
    if (!name.startsWith(WHITEOUT_PREFIX)) summary.whiteouts.push(dir === '' ? name : `${dir}/${name}`);
    return;
  }
  const kind = kindOf(header.type);
  const linkname = header.linkname ?? '';
  summary.entries.push({
    path,
    kind,
    sizeBytes:
      kind === 'file' ? Math.max(0, header.size ?? 0) : kind === 'symlink' ? utf8Length(linkname) : 0,
    linkTarget: kind === 'hardlink' ? normalizeTarPath(linkname) : null,
  });
}

function kindOf(type: string | null | undefined): FileKind {
  switch (type) {
    case 'file':
    case 'contiguous-file':
    case null:
    case undefined:
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      return 'other';
  }
}

/** `./usr/bin/` and `/usr/bin` both become `usr/bin`; the root becomes ''. */
export function normalizeTarPath(name: string): string {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function utf8Length(text: string): number {
  let length = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    length += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return length;
}

// ---------------------------------------------------------------------------------------------
// Result types

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

/** Count and bytes of non-directory entries. */
export interface FileTally {
  files: number;
  bytes: number;
}

/** One layer's contents. */
export interface LayerContents {
  /** Position among the image's layers (`RootFS.Layers`), base first. */
  index: number;
  diffId: string | null;
  /** The history entry that made the layer (`LayerEntry.index`), when known. */
  historyIndex: number | null;
  createdBy: string;
  instruction: string;
  /** Bytes the layer stores (see the module note for how they are counted). */
  sizeBytes: number;
  tarBytes: number;
  /** False when the layer could not be read (e.g. zstd-compressed); its numbers are then 0. */
  readable: boolean;
  added: FileTally;
  modified: FileTally;
  removed: FileTally;
  /** Bytes this layer stores that the final image does not show. */
  wastedBytes: number;
  tree: FileTreeNode;
  /** True when the tree leaves entries out (see `omittedChildren`). */
  truncated: boolean;
}

/** How a stored version of a file stopped being visible. */
export type SupersededBy = 'deleted' | 'overwritten' | 'opaque-dir' | 'replaced';

/** A path whose stored bytes the final image does not show. */
export interface WastedPath {
  path: string;
  wastedBytes: number;
  /** Each stored version that is not visible: which layer wrote it, which hid it, and how. */
  versions: { layerIndex: number; sizeBytes: number; removedBy: number; how: SupersededBy }[];
}

/** A plain-words suggestion about wasted or avoidable bytes. */
export interface LayerHint {
  kind: 'apt-lists' | 'deleted-later' | 'copied-twice' | 'overwritten-later';
  message: string;
  bytes: number;
  /** Layer indexes involved, writer first. */
  layers: number[];
  /** Example paths, biggest first. */
  paths: string[];
}

/** The whole analysis of one image. */
export interface ImageContents {
  imageId: string;
  /** `docker-archive`: `<id>/layer.tar` (engine ≤ 24); `oci-layout`: `blobs/sha256/…` (engine 25+). */
  layout: 'docker-archive' | 'oci-layout';
  layers: LayerContents[];
  /** The config's `empty_layer` per history entry, oldest first (feeds `buildLayerEntries`). */
  emptyLayers: boolean[];
  finalTree: FileTreeNode;
  finalTruncated: boolean;
  /** Non-directory entries in the final filesystem. */
  fileCount: number;
  storedBytes: number;
  visibleBytes: number;
  wastedBytes: number;
  /** visible / stored (1 for an empty image). */
  efficiency: number;
  /** Biggest first. */
  topWasted: WastedPath[];
  hints: LayerHint[];
}

/** How far an analysis has read: `bytesRead` of the save stream against the image's size (headers make it run a little past). */
export interface AnalysisProgress {
  bytesRead: number;
  totalBytes: number;
}

/** One layer as the summariser needs it. */
export interface LayerInput {
  /** null when the layer could not be read. */
  summary: LayerTarSummary | null;
  diffId: string | null;
  historyIndex: number | null;
  createdBy: string;
}

/** Limits on what the result carries (totals stay exact whatever they are). */
export interface ContentsLimits {
  maxLayerTreeNodes?: number;
  maxFinalTreeNodes?: number;
  maxWastedPaths?: number;
  /** Hints about fewer bytes than this are left out. */
  minHintBytes?: number;
}

const DEFAULT_LIMITS: Required<ContentsLimits> = {
  maxLayerTreeNodes: 2_000,
  maxFinalTreeNodes: 10_000,
  maxWastedPaths: 50,
  minHintBytes: 4_096,
};

// ---------------------------------------------------------------------------------------------
// Summarising

interface StateNode {
  kind: FileKind;
  /** Bytes this entry stores (a hard link stores none of its own). */
  sizeBytes: number;
  layer: number;
  /** The stored content this entry shows; hard links share their target's. -1 for directories. */
  inode: number;
  children: Map<string, StateNode> | null;
}

interface Removal {
  path: string;
  inode: number;
  sizeBytes: number;
  writer: number;
  removedBy: number;
  how: SupersededBy;
  /** Size of what replaced it (overwrites only). */
  replacementBytes: number | null;
}

interface TreeItem {
  path: string;
  kind: FileKind;
  sizeBytes: number;
  /** Files a removed directory held. */
  fileCount?: number;
  change: FileChange | null;
  layerIndex: number | null;
}

/**
 * Replays the layers in order over one filesystem and reports per layer what changed, the final
 * tree, the wasted bytes with who wrote and who hid them, and hints.
 */
export function summarizeImageContents(
  imageId: string,
  layout: ImageContents['layout'],
  layers: LayerInput[],
  emptyLayers: boolean[],
  limits: ContentsLimits = {},
): ImageContents {
  const limit = { ...DEFAULT_LIMITS, ...limits };
  const root: StateNode = { kind: 'directory', sizeBytes: 0, layer: -1, inode: -1, children: new Map() };
  const inodeBytes: number[] = [];
  const removals: Removal[] = [];
  const instructions = layers.map((layer) => cleanCreatedBy(layer.createdBy).instruction);
  const results: LayerContents[] = [];

  layers.forEach((layer, index) => {
    const summary = layer.summary;
    const items: TreeItem[] = [];
    const added: FileTally = { files: 0, bytes: 0 };
    const modified: FileTally = { files: 0, bytes: 0 };
    const removed: FileTally = { files: 0, bytes: 0 };
    let stored = 0;

    const retire = (
      node: StateNode,
      path: string,
      how: SupersededBy,
      replacementBytes: number | null,
    ): FileTally => {
      const tally: FileTally = { files: 0, bytes: 0 };
      const visit = (current: StateNode, currentPath: string): void => {
        if (current.children) {
          for (const [name, child] of current.children) visit(child, `${currentPath}/${name}`);
          return;
        }
        tally.files++;
        tally.bytes += current.sizeBytes;
        removals.push({
          path: currentPath,
          inode: current.inode,
          sizeBytes: current.sizeBytes,
          writer: current.layer,
          removedBy: index,
          how,
          replacementBytes: current === node ? replacementBytes : null,
        });
      };
      visit(node, path);
      return tally;
    };
    const removeFromBelow = (path: string, node: StateNode, how: SupersededBy): void => {
      const tally = retire(node, `/${path}`, how, null);
      removed.files += tally.files;
      removed.bytes += tally.bytes;
      items.push({
        path,
        kind: node.kind,
        sizeBytes: tally.bytes,
        fileCount: tally.files,
        change: 'removed',
        layerIndex: null,
      });
    };

    if (summary) {
      // Whiteouts and opaque markers hide what the layers below hold, never this layer's own entries.
      for (const path of summary.whiteouts) {
        const { parent, name } = locate(root, path);
        const node = parent?.children?.get(name);
        if (!parent || !node) continue;
        parent.children!.delete(name);
        removeFromBelow(path, node, 'deleted');
      }
      for (const dir of summary.opaqueDirs) {
        const node = dir === '' ? root : lookup(root, dir);
        if (!node?.children) continue;
        for (const [name, child] of node.children)
          removeFromBelow(dir === '' ? name : `${dir}/${name}`, child, 'opaque-dir');
        node.children = new Map();
      }

      const ownInodes = new Map<string, number>();
      for (const entry of summary.entries) {
        const parent = ensureDirectory(root, parentOf(entry.path), index, (node, path) => {
          const tally = retire(node, `/${path}`, 'replaced', 0);
          removed.files += tally.files;
          removed.bytes += tally.bytes;
        });
        const name = baseOf(entry.path);
        const existing = parent.children!.get(name);
        const change: FileChange = existing ? 'modified' : 'added';
        if (entry.kind === 'directory') {
          if (existing?.kind === 'directory') {
            existing.layer = index;
          } else {
            if (existing) {
              const tally = retire(existing, `/${entry.path}`, 'replaced', 0);
              removed.files += tally.files;
              removed.bytes += tally.bytes;
            }
            parent.children!.set(name, {
              kind: 'directory',
              sizeBytes: 0,
              layer: index,
              inode: -1,
              children: new Map(),
            });
          }
          items.push({ path: entry.path, kind: 'directory', sizeBytes: 0, change, layerIndex: null });
          continue;
        }
        if (existing) {
          const how: SupersededBy = existing.kind === 'directory' ? 'replaced' : 'overwritten';
          const tally = retire(existing, `/${entry.path}`, how, entry.sizeBytes);
          if (how === 'replaced') {
            removed.files += tally.files;
            removed.bytes += tally.bytes;
          }
        }
        let inode: number;
        if (entry.kind === 'hardlink' && entry.linkTarget !== null) {
          inode = ownInodes.get(entry.linkTarget) ?? lookup(root, entry.linkTarget)?.inode ?? -1;
          if (inode < 0) inode = inodeBytes.push(0) - 1;
        } else {
          inode = inodeBytes.push(entry.sizeBytes) - 1;
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
        stored += ownBytes;
        const tally = change === 'added' ? added : modified;
        tally.files++;
        tally.bytes += ownBytes;
        items.push({ path: entry.path, kind: entry.kind, sizeBytes: ownBytes, change, layerIndex: null });
      }
    }

    const { tree, truncated } = buildFileTree(items, limit.maxLayerTreeNodes);
    results.push({
      index,
      diffId: layer.diffId,
      historyIndex: layer.historyIndex,
      createdBy: layer.createdBy,
      instruction: instructions[index]!,
      sizeBytes: stored,
      tarBytes: summary?.tarBytes ?? 0,
      readable: summary !== null,
      added,
      modified,
      removed,
      wastedBytes: 0,
      tree,
      truncated,
    });
  });

  // The final filesystem: each stored content counts once, on the first path that shows it.
  const visibleInodes = new Set<number>();
  const finalItems: TreeItem[] = [];
  let fileCount = 0;
  let visibleBytes = 0;
  const aptVisible = new Map<number, { bytes: number; paths: { path: string; bytes: number }[] }>();
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
        bytes = inodeBytes[child.inode] ?? 0;
      }
      visibleBytes += bytes;
      finalItems.push({
        path: childPath,
        kind: child.kind,
        sizeBytes: bytes,
        change: null,
        layerIndex: child.layer,
      });
      if (isAptList(childPath) && bytes > 0) {
        const apt = aptVisible.get(child.layer) ?? { bytes: 0, paths: [] };
        apt.bytes += bytes;
        apt.paths.push({ path: `/${childPath}`, bytes });
        aptVisible.set(child.layer, apt);
      }
    }
  };
  walk(root, '');
  const finalTree = buildFileTree(finalItems, limit.maxFinalTreeNodes);

  const wasted = removals.filter((removal) => removal.sizeBytes > 0 && !visibleInodes.has(removal.inode));
  const byPath = new Map<string, WastedPath>();
  for (const removal of wasted) {
    results[removal.writer]!.wastedBytes += removal.sizeBytes;
    const path = byPath.get(removal.path) ?? { path: removal.path, wastedBytes: 0, versions: [] };
    path.wastedBytes += removal.sizeBytes;
    path.versions.push({
      layerIndex: removal.writer,
      sizeBytes: removal.sizeBytes,
      removedBy: removal.removedBy,
      how: removal.how,
    });
    byPath.set(removal.path, path);
  }
  const storedBytes = inodeBytes.reduce((total, bytes) => total + bytes, 0);
  const topWasted = [...byPath.values()]
    .sort((x, y) => y.wastedBytes - x.wastedBytes || x.path.localeCompare(y.path))
    .slice(0, limit.maxWastedPaths);

  return {
    imageId,
    layout,
    layers: results,
    emptyLayers,
    finalTree: finalTree.tree,
    finalTruncated: finalTree.truncated,
    fileCount,
    storedBytes,
    visibleBytes,
    wastedBytes: storedBytes - visibleBytes,
    efficiency: storedBytes === 0 ? 1 : visibleBytes / storedBytes,
    topWasted,
    hints: imageHints(wasted, aptVisible, instructions, limit.minHintBytes),
  };
}

function locate(root: StateNode, path: string): { parent: StateNode | null; name: string } {
  const parentPath = parentOf(path);
  return { parent: parentPath === '' ? root : lookup(root, parentPath), name: baseOf(path) };
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
      child = { kind: 'directory', sizeBytes: 0, layer, inode: -1, children: new Map() };
      node.children!.set(part, child);
    }
    node = child;
  }
  return node;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const APT_LISTS = 'var/lib/apt/lists/';

function isAptList(path: string): boolean {
  const normalized = path.startsWith('/') ? path.slice(1) : path;
  return (
    normalized.startsWith(APT_LISTS) &&
    normalized !== `${APT_LISTS}lock` &&
    !normalized.startsWith(`${APT_LISTS}partial/`)
  );
}

// ---------------------------------------------------------------------------------------------
// Hints

function imageHints(
  wasted: Removal[],
  aptVisible: Map<number, { bytes: number; paths: { path: string; bytes: number }[] }>,
  instructions: string[],
  minBytes: number,
): LayerHint[] {
  const name = (layer: number): string => {
    const instruction = instructions[layer] ?? '';
    return instruction ? `layer ${layer + 1} (${shorten(instruction)})` : `layer ${layer + 1}`;
  };
  const isCopy = (layer: number): boolean => {
    const keyword = instructionKeyword(instructions[layer] ?? '');
    return keyword === 'COPY' || keyword === 'ADD';
  };
  const hints: LayerHint[] = [];

  for (const [layer, apt] of aptVisible) {
    if (apt.bytes < minBytes) continue;
    hints.push({
      kind: 'apt-lists',
      message:
        `${capitalize(name(layer))} leaves ${formatSize(apt.bytes)} of apt package lists in /var/lib/apt/lists. ` +
        'End that same RUN with `&& rm -rf /var/lib/apt/lists/*` so they never reach a layer.',
      bytes: apt.bytes,
      layers: [layer],
      paths: biggestFirst(apt.paths),
    });
  }

  const groups = new Map<
    string,
    { kind: LayerHint['kind']; writer: number; remover: number; removals: Removal[] }
  >();
  for (const removal of wasted) {
    let kind: LayerHint['kind'];
    if (isAptList(removal.path)) kind = 'apt-lists';
    else if (removal.how !== 'overwritten') kind = 'deleted-later';
    else if (
      isCopy(removal.writer) &&
      isCopy(removal.removedBy) &&
      removal.replacementBytes === removal.sizeBytes
    )
      kind = 'copied-twice';
    else kind = 'overwritten-later';
    const key = `${kind} ${removal.writer} ${removal.removedBy}`;
    const group = groups.get(key) ?? {
      kind,
      writer: removal.writer,
      remover: removal.removedBy,
      removals: [],
    };
    group.removals.push(removal);
    groups.set(key, group);
  }
  for (const { kind, writer, remover, removals } of groups.values()) {
    const bytes = removals.reduce((total, removal) => total + removal.sizeBytes, 0);
    if (bytes < minBytes) continue;
    const sorted = [...removals].sort((x, y) => y.sizeBytes - x.sizeBytes || x.path.localeCompare(y.path));
    const biggest = sorted[0]!;
    const what =
      removals.length === 1
        ? `${biggest.path} (${formatSize(bytes)})`
        : `${removals.length} files (${formatSize(bytes)}; biggest ${biggest.path}, ${formatSize(biggest.sizeBytes)})`;
    let message: string;
    switch (kind) {
      case 'apt-lists':
        message =
          `${capitalize(name(writer))} downloads ${formatSize(bytes)} of apt package lists that ${name(remover)} deletes; ` +
          'a later layer cannot take bytes out of an earlier one. Remove them in the same RUN as apt-get update.';
        break;
      case 'deleted-later':
        message =
          `${capitalize(what)} written by ${name(writer)} ${removals.length === 1 ? 'is' : 'are'} deleted by ${name(remover)}, ` +
          `but still ${removals.length === 1 ? 'takes' : 'take'} ${formatSize(bytes)} in the image: a later layer cannot take bytes out of an earlier one. ` +
          'Delete in the same RUN that creates them, or copy only what you need from a build stage.';
        break;
      case 'copied-twice':
        message =
          `${capitalize(what)} ${removals.length === 1 ? 'is' : 'are'} copied by ${name(writer)} and again by ${name(remover)}: ` +
          `the first copy still takes ${formatSize(bytes)}. Copy ${removals.length === 1 ? 'it' : 'them'} once.`;
        break;
      case 'overwritten-later':
        message =
          `${capitalize(what)} written by ${name(writer)} ${removals.length === 1 ? 'is' : 'are'} rewritten by ${name(remover)}; ` +
          `the old ${removals.length === 1 ? 'copy stays' : 'copies stay'} in the image (${formatSize(bytes)}). ` +
          'Write the final version in one layer (e.g. COPY --chown/--chmod instead of a later chown/chmod).';
        break;
    }
    hints.push({
      kind,
      message,
      bytes,
      layers: [writer, remover],
      paths: sorted.slice(0, 5).map((removal) => removal.path),
    });
  }
  return hints.sort((x, y) => y.bytes - x.bytes || x.kind.localeCompare(y.kind));
}

function biggestFirst(paths: { path: string; bytes: number }[]): string[] {
  return paths
    .sort((x, y) => y.bytes - x.bytes || x.path.localeCompare(y.path))
    .slice(0, 5)
    .map((entry) => entry.path);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Trees

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
  items: Array<{
    path: string;
    kind: FileKind;
    sizeBytes: number;
    fileCount?: number;
    change: FileChange | null;
    layerIndex: number | null;
  }>,
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
