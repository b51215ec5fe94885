/**
 * What an image's layers hold, file by file (dive's view): the maths over layer tar headers,
 * kept apart from the streaming so it can be tested on plain lists. The layer tars are reduced
 * by layer-tar-summary, replayed by replay-layers, drawn as trees by file-tree and explained by
 * layer-hints; this module puts the result together.
 *
 * Bytes are content bytes, counted the way the classic image store counts a layer (`docker
 * history`, moby's directory.Size): regular files by size, symlinks by the length of their
 * target, hard links once. So a layer's `sizeBytes` equals its history size for classic-built
 * layers; BuildKit on engine 20.10 reports symlinks as 0 bytes, so its layers can differ by their
 * symlinks' lengths. The containerd image store's history counts each layer on disk instead
 * (see size-kinds), so there the two differ and the UI shows both.
 *
 * Wasted bytes are counted per stored version a later layer hid (see replay-layers). (dive adds
 * up every copy of a path seen in more than one layer, the visible one included, and so
 * over-counts.)
 */
import { buildFileTree, type FileTreeNode } from './file-tree';
import { cleanCreatedBy } from './layer-history';
import { layerHints, type LayerHint } from './layer-hints';
import type { LayerTarSummary } from './layer-tar-summary';
import { replayLayers, type FileTally, type SupersededBy } from './replay-layers';

/** How a layer blob is stored in a `docker save` archive (the OCI layout keeps compressed blobs). */
export type LayerCompression = 'none' | 'gzip' | 'zstd' | 'unknown';

/** A layer blob as the archive holds it. */
export interface LayerBlob {
  /** Bytes of the blob in the archive: compressed when `compression` says so. */
  bytes: number;
  compression: LayerCompression;
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
  /** Content bytes the layer stores (see the module note for how they are counted). */
  sizeBytes: number;
  /** Bytes of the uncompressed layer tar (headers and padding included); 0 when unreadable. */
  tarBytes: number;
  /** The blob as `docker save` sent it (compressed on the containerd image store); null when absent. */
  blob: LayerBlob | null;
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

/** A path whose stored bytes the final image does not show. */
export interface WastedPath {
  path: string;
  wastedBytes: number;
  /** Each stored version that is not visible: which layer wrote it, which hid it, and how. */
  versions: { layerIndex: number; sizeBytes: number; removedBy: number; how: SupersededBy }[];
}

/** The whole analysis of one image. */
export interface ImageContents {
  imageId: string;
  /** `docker-archive`: `<id>/layer.tar` (engine ≤ 24); `oci-layout`: `blobs/sha256/…` (engine 25+). */
  layout: 'docker-archive' | 'oci-layout';
  layers: LayerContents[];
  /** The layer blobs' bytes as the archive holds them (compressed on the containerd image store). */
  blobBytes: number;
  /** The config's `empty_layer` per history entry, oldest first (feeds `buildLayerEntries`). */
  emptyLayers: boolean[];
  finalTree: FileTreeNode;
  finalTruncated: boolean;
  /** Non-directory entries in the final filesystem. */
  fileCount: number;
  /** Content bytes of all layers (what the classic image store calls the image's size). */
  storedBytes: number;
  /** Content bytes of the final filesystem. */
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
  /** The blob as the archive held it; null or left out when unknown. */
  blob?: LayerBlob | null;
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
  const instructions = layers.map((layer) => cleanCreatedBy(layer.createdBy).instruction);
  const replay = replayLayers(layers.map((layer) => layer.summary));

  const results: LayerContents[] = layers.map((layer, index) => {
    const replayed = replay.layers[index]!;
    const { tree, truncated } = buildFileTree(replayed.items, limit.maxLayerTreeNodes);
    return {
      index,
      diffId: layer.diffId,
      historyIndex: layer.historyIndex,
      createdBy: layer.createdBy,
      instruction: instructions[index]!,
      sizeBytes: replayed.storedBytes,
      tarBytes: layer.summary?.tarBytes ?? 0,
      blob: layer.blob ?? null,
      readable: layer.summary !== null,
      added: replayed.added,
      modified: replayed.modified,
      removed: replayed.removed,
      wastedBytes: 0,
      tree,
      truncated,
    };
  });
  const finalTree = buildFileTree(replay.finalItems, limit.maxFinalTreeNodes);

  const byPath = new Map<string, WastedPath>();
  for (const version of replay.wasted) {
    results[version.writer]!.wastedBytes += version.sizeBytes;
    const path = byPath.get(version.path) ?? { path: version.path, wastedBytes: 0, versions: [] };
    path.wastedBytes += version.sizeBytes;
    path.versions.push({
      layerIndex: version.writer,
      sizeBytes: version.sizeBytes,
      removedBy: version.removedBy,
      how: version.how,
    });
    byPath.set(version.path, path);
  }
  const topWasted = [...byPath.values()]
    .sort((x, y) => y.wastedBytes - x.wastedBytes || x.path.localeCompare(y.path))
    .slice(0, limit.maxWastedPaths);
  const { storedBytes, visibleBytes } = replay;

  return {
    imageId,
    layout,
    layers: results,
    blobBytes: layers.reduce((sum, layer) => sum + (layer.blob?.bytes ?? 0), 0),
    emptyLayers,
    finalTree: finalTree.tree,
    finalTruncated: finalTree.truncated,
    fileCount: replay.fileCount,
    storedBytes,
    visibleBytes,
    wastedBytes: storedBytes - visibleBytes,
    efficiency: storedBytes === 0 ? 1 : visibleBytes / storedBytes,
    topWasted,
    hints: layerHints(replay.wasted, replay.finalItems, instructions, limit.minHintBytes),
  };
}
