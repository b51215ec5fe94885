/**
 * An image's installed packages, each with its size and the layer (and Dockerfile line) that
 * installed it, from the image inventory's captured package records (every layer's version of
 * each record) and the image's history mapped to the Dockerfile.
 *
 * A package's installer is the layer that first listed it with its final version, counting back
 * from the visible record only while every version lists it so: a package upgraded later belongs
 * to the upgrading layer, one removed and installed again to the layer that installed it again.
 * A package whose record is gone from the final filesystem (removed) is not listed.
 */
import type { CapturedFile, ImageInventory, InventoryFile } from '../layers/image-inventory';
import type { LayerEntry } from '../layers/layer-history';
import { nodePackageSizes, parseNodeManifest } from './node-packages';
import { parseApkInstalled } from './parse-apk-installed';
import { isPackageRecordPath } from './package-record-paths';
import { parseDpkgStatus } from './parse-dpkg-status';
import { parsePythonMetadata, recordBytes } from './parse-python-metadata';
import type { PackageKind, PackageRecord } from './package-record';

/** Where a package was installed: the layer and, when known, the Dockerfile line. */
export interface PackagePlace {
  /** Position among the image's layers, base first. */
  layerIndex: number;
  /** The history entry (`LayerEntry.index`) that made the layer, when known. */
  historyIndex: number | null;
  /** 1-based Dockerfile line, when the image was built here and the line is known. */
  line: number | null;
  /** That line as it was built; null without a line. */
  lineText: string | null;
  instruction: string;
  fromBaseImage: boolean;
}

/** One installed package of an image. */
export interface ImagePackage extends PackageRecord {
  kind: PackageKind;
  /** The record it was read from: the database file, or the package's own folder (Python, npm). */
  path: string;
  place: PackagePlace;
}

/** Packages of one kind, added up. */
export interface PackageTotal {
  kind: PackageKind;
  count: number;
  /** Bytes of the packages whose size is known. */
  sizeBytes: number;
  /** How many packages state no size. */
  unsized: number;
}

/** The distribution the OS packages come from, from os-release. */
export interface Distribution {
  /** `ID`: `debian`, `ubuntu`, `alpine`. */
  id: string;
  /** `VERSION_ID`: `12`, `3.19.1`; null when absent (testing, edge). */
  versionId: string | null;
}

/** What `packages:list` answers. */
export interface PackageList {
  imageId: string;
  distribution: Distribution | null;
  /** Biggest first; packages without a size last, then by kind and name. */
  packages: ImagePackage[];
  totals: PackageTotal[];
  /** What was found but not read, or could not be: rpm databases, records too big to keep. */
  notes: string[];
}

const RPM_DATABASES = [
  'var/lib/rpm/rpmdb.sqlite',
  'var/lib/rpm/Packages',
  'var/lib/rpm/Packages.db',
  'usr/lib/sysimage/rpm/rpmdb.sqlite',
  'usr/lib/sysimage/rpm/Packages.db',
];

const KIND_ORDER: PackageKind[] = ['deb', 'apk', 'python', 'npm'];

interface RecordFormat {
  kind: PackageKind;
  parse(text: string): PackageRecord[];
  /** Where the package is said to live: the file, or its folder for one-package records. */
  location(path: string): string;
}

/** Which format a captured path is in; null for RECORD files, os-release and anything else. */
function formatOf(path: string): RecordFormat | null {
  const self = (path: string) => path;
  const folder = (path: string) => path.slice(0, path.lastIndexOf('/'));
  if (path === 'var/lib/dpkg/status')
    return { kind: 'deb', parse: (text) => parseDpkgStatus(text), location: self };
  if (path.startsWith('var/lib/dpkg/status.d/'))
    return { kind: 'deb', parse: (text) => parseDpkgStatus(text, { requireStatus: false }), location: self };
  if (path === 'lib/apk/db/installed') return { kind: 'apk', parse: parseApkInstalled, location: self };
  if (/\.dist-info\/METADATA$|\.egg-info\/PKG-INFO$/.test(path))
    return { kind: 'python', parse: (text) => listOf(parsePythonMetadata(text)), location: folder };
  if (path.endsWith('/package.json') && path.includes('node_modules/'))
    return { kind: 'npm', parse: (text) => listOf(parseNodeManifest(text)), location: folder };
  return null;
}

const listOf = (record: PackageRecord | null): PackageRecord[] => (record ? [record] : []);
const keyOf = (record: PackageRecord): string => `${record.name}\u0000${record.arch ?? ''}`;

/**
 * The packages of an image. `history` is the image's history (mapped to the Dockerfile when it
 * was built here) and `dockerfileText` the Dockerfile it was built from, or null.
 */
export function listImagePackages(
  inventory: ImageInventory,
  history: readonly LayerEntry[] | null,
  dockerfileText: string | null,
): PackageList {
  const visible = new Map<string, InventoryFile>();
  const notes: string[] = [];
  for (const file of inventory.files) {
    if (file.kind === 'file' && isPackageRecordPath(file.path)) visible.set(file.path, file);
    if (RPM_DATABASES.includes(file.path))
      notes.push(
        `An rpm database is in the image (/${file.path}) but was not read: rpm keeps it in SQLite or Berkeley DB, which Dockwright does not read, so rpm packages are not listed.`,
      );
  }
  const versions = new Map<string, CapturedFile[]>();
  for (const file of inventory.captured) versions.set(file.path, [...(versions.get(file.path) ?? []), file]);
  const visibleText = (path: string): string | null => {
    const file = visible.get(path);
    if (!file) return null;
    return versions.get(path)?.find((version) => version.layerIndex === file.layerIndex)?.content ?? null;
  };

  const place = layerPlacer(history, dockerfileText);
  const nodeSizes = nodePackageSizes(inventory.files);
  const packages: ImagePackage[] = [];
  const seenDeb = new Set<string>();
  const missing: string[] = [];
  for (const [path, file] of visible) {
    const format = formatOf(path);
    if (!format) continue;
    const all = (versions.get(path) ?? []).filter((version) => version.layerIndex <= file.layerIndex);
    const last = all.findIndex((version) => version.layerIndex === file.layerIndex);
    if (last === -1) {
      missing.push(path);
      continue;
    }
    const parsed = all.slice(0, last + 1).map((version) => ({
      layerIndex: version.layerIndex,
      records: new Map(format.parse(version.content).map((record) => [keyOf(record), record])),
    }));
    for (const record of parsed[last]!.records.values()) {
      const key = keyOf(record);
      if (format.kind === 'deb') {
        // The same package in status and in a status.d file is one package.
        if (seenDeb.has(key)) continue;
        seenDeb.add(key);
      }
      let first = last;
      while (first > 0 && parsed[first - 1]!.records.get(key)?.version === record.version) first--;
      const location = format.location(path);
      packages.push({
        ...record,
        sizeBytes: sizeOf(format.kind, record, location, visibleText, nodeSizes),
        kind: format.kind,
        path: location,
        place: place(parsed[first]!.layerIndex),
      });
    }
  }
  if (missing.length > 0)
    notes.push(
      `${missing.length === 1 ? 'A package record was' : `${missing.length} package records were`} too big to read (${missing
        .slice(0, 3)
        .map((path) => `/${path}`)
        .join(
          ', ',
        )}${missing.length > 3 ? ', …' : ''}): the packages ${missing.length === 1 ? 'it lists' : 'they list'} are missing.`,
    );
  if (inventory.unreadableLayers.length > 0)
    notes.push(
      `${inventory.unreadableLayers.length === 1 ? 'A layer' : `${inventory.unreadableLayers.length} layers`} could not be read (zstd-compressed): packages installed there are missing.`,
    );
  packages.sort(
    (x, y) =>
      (y.sizeBytes ?? -1) - (x.sizeBytes ?? -1) ||
      KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) ||
      x.name.localeCompare(y.name) ||
      x.path.localeCompare(y.path),
  );
  return {
    imageId: inventory.imageId,
    distribution: distributionOf(visibleText('etc/os-release') ?? visibleText('usr/lib/os-release')),
    packages,
    totals: packageTotals(packages),
    notes,
  };
}

function sizeOf(
  kind: PackageKind,
  record: PackageRecord,
  location: string,
  visibleText: (path: string) => string | null,
  nodeSizes: Map<string, number>,
): number | null {
  if (kind === 'npm') return nodeSizes.get(location) ?? 0;
  if (kind === 'python') {
    if (!location.endsWith('.dist-info')) return null;
    const record = visibleText(`${location}/RECORD`);
    return record === null ? null : recordBytes(record);
  }
  return record.sizeBytes;
}

/** Totals per kind, in a fixed kind order, only kinds that occur. */
export function packageTotals(packages: readonly ImagePackage[]): PackageTotal[] {
  return KIND_ORDER.flatMap((kind) => {
    const ofKind = packages.filter((entry) => entry.kind === kind);
    if (ofKind.length === 0) return [];
    return [
      {
        kind,
        count: ofKind.length,
        sizeBytes: ofKind.reduce((sum, entry) => sum + (entry.sizeBytes ?? 0), 0),
        unsized: ofKind.filter((entry) => entry.sizeBytes === null).length,
      },
    ];
  });
}

/** Layer → place, through the history entries that made layers (in order, the config's `empty_layer`). */
export function layerPlacer(history: readonly LayerEntry[] | null, dockerfileText: string | null) {
  const withLayer = (history ?? []).filter((entry) => !entry.emptyLayer);
  const lines = dockerfileText?.split('\n') ?? [];
  return (layerIndex: number): PackagePlace => {
    const entry = withLayer[layerIndex];
    const line = entry?.dockerfileLine ?? null;
    return {
      layerIndex,
      historyIndex: entry?.index ?? null,
      line,
      lineText: line === null ? null : (lines[line - 1]?.trim() ?? null),
      instruction: entry?.instruction ?? '',
      fromBaseImage: entry?.fromBaseImage ?? false,
    };
  };
}

/** ID and VERSION_ID of an os-release text (values may be quoted). */
export function distributionOf(text: string | null): Distribution | null {
  if (text === null) return null;
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) values.set(match[1]!, match[2]!.replace(/^(["'])(.*)\1$/, '$2'));
  }
  const id = values.get('ID');
  return id ? { id: id.toLowerCase(), versionId: values.get('VERSION_ID') || null } : null;
}
