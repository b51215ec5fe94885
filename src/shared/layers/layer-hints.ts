/**
 * Suggestions in plain words about bytes an image stores but does not need: apt lists left in a
 * layer, files deleted or rewritten by a later layer, the same files copied twice.
 */
import { formatSize } from '../format-size';
import type { FileTreeItem } from './file-tree';
import { instructionKeyword, shorten } from './layer-history';
import type { RetiredVersion } from './replay-layers';

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

/**
 * Plain-words suggestions about the image's wasted bytes and apt lists left in the final
 * filesystem, biggest first; groups under `minBytes` are left out.
 *
 * @param instructions each layer's cleaned instruction, by layer index (for naming layers).
 */
export function layerHints(
  wasted: readonly RetiredVersion[],
  finalItems: readonly FileTreeItem[],
  instructions: readonly string[],
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

  for (const [layer, apt] of aptListsByLayer(finalItems)) {
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
    { kind: LayerHint['kind']; writer: number; remover: number; removals: RetiredVersion[] }
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

/** apt lists the final filesystem shows, per layer that wrote them, in filesystem order. */
function aptListsByLayer(
  finalItems: readonly FileTreeItem[],
): Map<number, { bytes: number; paths: { path: string; bytes: number }[] }> {
  const byLayer = new Map<number, { bytes: number; paths: { path: string; bytes: number }[] }>();
  for (const item of finalItems) {
    if (item.sizeBytes <= 0 || item.layerIndex === null || !isAptList(item.path)) continue;
    const apt = byLayer.get(item.layerIndex) ?? { bytes: 0, paths: [] };
    apt.bytes += item.sizeBytes;
    apt.paths.push({ path: `/${item.path}`, bytes: item.sizeBytes });
    byLayer.set(item.layerIndex, apt);
  }
  return byLayer;
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
