/**
 * The final filesystem of an image, entry by entry with content digests, from its layers' tar
 * summaries. The rules are replay-layers' (whiteouts and opaque markers first, then the layer's
 * own entries in tar order; a directory entry keeps what lies below it; anything in the way of a
 * path's parents is replaced by a folder), so the paths, kinds and writing layers here are the
 * ones the Contents tab's final tree shows. It is kept apart from replay-layers because that one
 * tracks stored versions for the waste maths and this one only what is visible in the end.
 */
import type { CapturedFile, ImageInventory, InventoryFile } from '../../shared/layers/image-inventory';
import type { FileKind, LayerTarSummary } from '../../shared/layers/layer-tar-summary';
import { baseOf, parentOf } from '../../shared/layers/layer-paths';

/** One layer as the hashing pass read it: its summary, and per entry of it the digest and link. */
export interface HashedLayer {
  summary: LayerTarSummary;
  /** Same length and order as `summary.entries`: `sha256:…` for regular files, else null. */
  digests: (string | null)[];
  /** Same length and order as `summary.entries`: a link's target as the tar holds it, else null. */
  linkTargets: (string | null)[];
}

interface Node {
  kind: FileKind;
  sizeBytes: number;
  digest: string | null;
  linkTarget: string | null;
  layer: number;
  children: Map<string, Node> | null;
}

/** Replays the layers (null: a layer that could not be read, which changes nothing). */
export function replayInventory(
  imageId: string,
  layers: readonly (HashedLayer | null)[],
  captured: CapturedFile[] = [],
  capturedTruncated = false,
): ImageInventory {
  const root = folder(-1);
  const unreadableLayers: number[] = [];
  layers.forEach((layer, index) => {
    if (layer) applyLayer(root, layer, index);
    else unreadableLayers.push(index);
  });
  const files: InventoryFile[] = [];
  const walk = (node: Node, path: string): void => {
    for (const [name, child] of node.children!) {
      const childPath = path === '' ? name : `${path}/${name}`;
      files.push({
        path: childPath,
        kind: child.kind,
        sizeBytes: child.sizeBytes,
        digest: child.digest,
        linkTarget: child.linkTarget,
        layerIndex: child.layer,
      });
      if (child.children) walk(child, childPath);
    }
  };
  walk(root, '');
  files.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  return { imageId, files, captured, capturedTruncated, unreadableLayers };
}

function applyLayer(root: Node, layer: HashedLayer, index: number): void {
  const { summary } = layer;
  for (const path of summary.whiteouts) {
    const parent = lookup(root, parentOf(path));
    parent?.children?.delete(baseOf(path));
  }
  for (const dir of summary.opaqueDirs) {
    const node = lookup(root, dir);
    if (node?.children) node.children = new Map();
  }
  summary.entries.forEach((entry, position) => {
    const parent = ensureFolder(root, parentOf(entry.path), index);
    const name = baseOf(entry.path);
    const existing = parent.children!.get(name);
    if (entry.kind === 'directory') {
      if (existing?.children) existing.layer = index;
      else parent.children!.set(name, folder(index));
      return;
    }
    parent.children!.set(name, {
      kind: entry.kind,
      sizeBytes: entry.sizeBytes,
      digest: layer.digests[position] ?? null,
      linkTarget: layer.linkTargets[position] ?? null,
      layer: index,
      children: null,
    });
  });
}

function folder(layer: number): Node {
  return { kind: 'directory', sizeBytes: 0, digest: null, linkTarget: null, layer, children: new Map() };
}

function lookup(root: Node, path: string): Node | null {
  if (path === '') return root;
  let node: Node | undefined = root;
  for (const part of path.split('/')) {
    node = node.children?.get(part);
    if (!node) return null;
  }
  return node;
}

/** The folder at `path`, created (replacing any file in the way) as a tar without parent entries needs. */
function ensureFolder(root: Node, path: string, layer: number): Node {
  if (path === '') return root;
  let node = root;
  for (const part of path.split('/')) {
    let child = node.children!.get(part);
    if (!child?.children) {
      child = folder(layer);
      node.children!.set(part, child);
    }
    node = child;
  }
  return node;
}
