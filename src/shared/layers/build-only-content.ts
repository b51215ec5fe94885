/**
 * Build-only content in an image's final filesystem (issue #20's multi-stage suggestion): which
 * compilers, toolchains, `-dev` packages, caches, devDependencies and `.git` folders ship in the
 * image, with their bytes and the layers (Dockerfile lines) that brought them, and one sentence
 * saying what a multi-stage build would leave behind.
 *
 * Nothing is counted twice. Folder rules claim files by their outermost matching folder; a
 * devDependency's folder is claimed before the folder rules (a `.git` inside it is the
 * devDependency's). OS packages are counted by the size their database states, folders by the
 * inventory's files: dpkg and apk never install into /usr/local, /root or home folders, where the
 * folder rules look, so the two cannot meet — except for an OS package whose database entry is
 * itself under a claimed folder, which does not happen with dpkg's or apk's fixed paths.
 */
import { formatSize } from '../format-size';
import { layerPlacer, type ImagePackage, type PackagePlace } from '../packages/list-image-packages';
import type { ImageInventory } from './image-inventory';
import type { LayerEntry } from './layer-history';
import { packageRule, pathRule, type BuildOnlyCategory } from './build-only-content-rules';
import { devDependencyFolders } from './build-only-dev-dependencies';

export type { BuildOnlyCategory } from './build-only-content-rules';

/** Bytes of an item that one layer brought. */
export interface BuildOnlyPlace extends PackagePlace {
  bytes: number;
}

/** One build-only package or folder in the final image. */
export interface BuildOnlyItem {
  /** Stable key: `deb:gcc-12`, `path:usr/local/go`, `npm:app/node_modules/typescript`. */
  key: string;
  category: BuildOnlyCategory;
  /** The package name, or the folder as an absolute path (`/usr/local/go`). */
  name: string;
  version: string | null;
  /** In words: `C/C++ compiler`, `Go module cache`, `devDependency of /app/package.json`. */
  what: string;
  bytes: number;
  /** Regular files counted (folders); null for OS packages, whose database states only a size. */
  files: number | null;
  /** The layers that brought the bytes, most bytes first. */
  places: BuildOnlyPlace[];
}

/** Bytes a Dockerfile line (or layer) brought, and the item names it brought. */
export interface BuildOnlySource {
  place: PackagePlace;
  bytes: number;
  names: string[];
}

/** What `layers:build-only` reports about one image. */
export interface BuildOnlyReport {
  imageId: string;
  /** Bytes of the final image's regular files (what the percentage is of). */
  imageBytes: number;
  totalBytes: number;
  /** Biggest first. */
  items: BuildOnlyItem[];
  /** Per layer, most bytes first. */
  sources: BuildOnlySource[];
  /** True when the build-only bytes pass the threshold for suggesting a multi-stage build. */
  worthSplitting: boolean;
  /** One or two sentences for the user; null when nothing build-only was found. */
  suggestion: string | null;
  notes: string[];
}

/** A multi-stage build is suggested from this many build-only bytes… */
export const SUGGEST_MIN_BYTES = 20_000_000;
/** …or from this share of the image's bytes. */
export const SUGGEST_MIN_SHARE = 0.2;

/** Inputs: the image's inventory, its OS/language packages, and its history mapped to the Dockerfile. */
export interface BuildOnlyInput {
  inventory: ImageInventory;
  packages: readonly ImagePackage[];
  /** The image's history (mapped to Dockerfile lines when built here), or null when unknown. */
  history: readonly LayerEntry[] | null;
  dockerfileText: string | null;
}

/** Finds the build-only content of an image. */
export function buildOnlyContent(input: BuildOnlyInput): BuildOnlyReport {
  const place = layerPlacer(input.history, input.dockerfileText);
  const items: BuildOnlyItem[] = [];
  for (const entry of input.packages) {
    if (entry.kind !== 'deb' && entry.kind !== 'apk') continue;
    const rule = packageRule(entry.name);
    if (!rule) continue;
    const bytes = entry.sizeBytes ?? 0;
    items.push({
      key: `${entry.kind}:${entry.name}${entry.arch ? `:${entry.arch}` : ''}`,
      category: rule.category,
      name: entry.name,
      version: entry.version,
      what: rule.what,
      bytes,
      files: null,
      places: [{ ...entry.place, bytes }],
    });
  }

  const devFolders = devDependencyFolders(input.inventory);
  const folders = new Map<string, { item: BuildOnlyItem; byLayer: Map<number, number> }>();
  let imageBytes = 0;
  for (const file of input.inventory.files) {
    if (file.kind !== 'file') continue;
    imageBytes += file.sizeBytes;
    const dev = devFolders.match(file.path);
    const match = dev ?? pathRule(file.path);
    if (!match) continue;
    const key = `${dev ? 'npm' : 'path'}:${match.root}`;
    let folder = folders.get(key);
    if (!folder) {
      folder = {
        item: {
          key,
          category: match.category,
          name: dev ? dev.name : `/${match.root}`,
          version: dev ? dev.version : null,
          what: match.what,
          bytes: 0,
          files: 0,
          places: [],
        },
        byLayer: new Map(),
      };
      folders.set(key, folder);
    }
    folder.item.bytes += file.sizeBytes;
    folder.item.files! += 1;
    folder.byLayer.set(file.layerIndex, (folder.byLayer.get(file.layerIndex) ?? 0) + file.sizeBytes);
  }
  for (const { item, byLayer } of folders.values()) {
    item.places = [...byLayer]
      .map(([layerIndex, bytes]) => ({ ...place(layerIndex), bytes }))
      .sort((x, y) => y.bytes - x.bytes || x.layerIndex - y.layerIndex);
    items.push(item);
  }
  items.sort((x, y) => y.bytes - x.bytes || x.key.localeCompare(y.key));

  const totalBytes = items.reduce((sum, item) => sum + item.bytes, 0);
  const sources = sourcesOf(items);
  const worthSplitting =
    totalBytes > 0 && (totalBytes >= SUGGEST_MIN_BYTES || totalBytes >= imageBytes * SUGGEST_MIN_SHARE);
  const notes: string[] = [];
  if (input.inventory.unreadableLayers.length > 0)
    notes.push('Some layers could not be read (zstd-compressed): build-only content there is not counted.');
  if (items.some((item) => item.places.some((where) => where.fromBaseImage)))
    notes.push(
      'Some of it comes with the base image: a multi-stage build drops it only with a smaller base image for the final stage.',
    );
  return {
    imageId: input.inventory.imageId,
    imageBytes,
    totalBytes,
    items,
    sources,
    worthSplitting,
    suggestion:
      items.length === 0 ? null : suggestionText(totalBytes, imageBytes, sources, items, worthSplitting),
    notes,
  };
}

/** Groups the items' bytes by the layer that brought them. */
function sourcesOf(items: readonly BuildOnlyItem[]): BuildOnlySource[] {
  const byLayer = new Map<number, BuildOnlySource>();
  for (const item of items)
    for (const where of item.places) {
      const { bytes, ...place } = where;
      const source = byLayer.get(place.layerIndex) ?? { place, bytes: 0, names: [] };
      source.bytes += bytes;
      if (!source.names.includes(item.name)) source.names.push(item.name);
      byLayer.set(place.layerIndex, source);
    }
  return [...byLayer.values()].sort((x, y) => y.bytes - x.bytes || x.place.layerIndex - y.place.layerIndex);
}

/** `line 3`, `the base image`, or `layer 4`. */
export function sourceName(place: PackagePlace): string {
  if (place.line !== null) return `line ${place.line}`;
  if (place.fromBaseImage) return 'the base image';
  return `layer ${place.layerIndex + 1}`;
}

const NAMED_PER_SOURCE = 3;
const SOURCES_IN_SENTENCE = 2;

/** `line 3 brought gcc-12, g++-12, make and 212MB of -dev packages` for one layer. */
function sourcePhrase(source: BuildOnlySource, items: readonly BuildOnlyItem[]): string {
  const here = items.filter((item) =>
    item.places.some((where) => where.layerIndex === source.place.layerIndex),
  );
  const bytesHere = (item: BuildOnlyItem): number =>
    item.places.find((where) => where.layerIndex === source.place.layerIndex)?.bytes ?? 0;
  const dev = here.filter((item) => item.category === 'dev-package');
  const named = here.filter((item) => item.category !== 'dev-package');
  // Packages go by name; folders by what they are, with their bytes (a path says little in a sentence).
  const words = named
    .slice(0, NAMED_PER_SOURCE)
    .map((item) =>
      item.files === null || item.category === 'dev-dependency'
        ? item.name
        : `the ${item.what} (${formatSize(bytesHere(item))})`,
    );
  const rest = named.length - NAMED_PER_SOURCE;
  if (rest > 0) words.push(`${rest} more`);
  if (dev.length > 0)
    words.push(`${formatSize(dev.reduce((sum, item) => sum + bytesHere(item), 0))} of -dev packages`);
  const list = words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`;
  return `${sourceName(source.place)} brought ${list}`;
}

function suggestionText(
  totalBytes: number,
  imageBytes: number,
  sources: readonly BuildOnlySource[],
  items: readonly BuildOnlyItem[],
  worthSplitting: boolean,
): string {
  const shown = sources.slice(0, SOURCES_IN_SENTENCE).map((source) => sourcePhrase(source, items));
  const more = sources.length - shown.length;
  const share = imageBytes > 0 ? Math.min(100, Math.round((totalBytes / imageBytes) * 100)) : 0;
  const first =
    `Build-only content stays in the final image: ${formatSize(totalBytes)} (${share}% of its files). ` +
    `${capitalized(shown.join('; '))}${more > 0 ? `; ${more} more ${more === 1 ? 'layer' : 'layers'} brought the rest` : ''}.`;
  return worthSplitting
    ? `${first} A multi-stage build would leave it in a build stage and copy only what the app runs.`
    : `${first} Too little to be worth a multi-stage build on its own.`;
}

/** `line 3 …` → `Line 3 …` (a phrase starts with a line, a layer or the base image, never a name). */
const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
