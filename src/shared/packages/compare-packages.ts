/**
 * Two images' package lists side by side: what was added, removed or changed version, and how
 * much each change weighs. Packages match by kind, name and architecture; a package installed
 * more than once (npm copies in several node_modules) is compared as the set of its versions
 * and the sum of its sizes.
 */
import type { ImagePackage, PackageList } from './list-image-packages';
import type { PackageKind } from './package-record';
import { normalizePythonName } from './parse-python-metadata';

/** One package as one side has it. */
export interface PackageSide {
  /** Sorted; more than one when the package is installed several times. */
  versions: string[];
  /** Null when no copy states a size. */
  sizeBytes: number | null;
}

/** One package that differs between the two images. */
export interface PackageChange {
  kind: PackageKind;
  name: string;
  arch: string | null;
  change: 'added' | 'removed' | 'changed';
  /** The first image's copy; null when added. */
  a: PackageSide | null;
  /** The second image's copy; null when removed. */
  b: PackageSide | null;
  /** b's bytes minus a's (unknown sizes count 0). */
  sizeDeltaBytes: number;
}

/** What `packages:compare` answers. */
export interface PackageComparison {
  a: { imageId: string; count: number; sizeBytes: number };
  b: { imageId: string; count: number; sizeBytes: number };
  /** Biggest size change first, then by kind and name. */
  changes: PackageChange[];
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  /** Notes of either side, prefixed with the side. */
  notes: string[];
}

interface Group extends PackageSide {
  kind: PackageKind;
  name: string;
  arch: string | null;
}

function groups(list: PackageList): Map<string, Group> {
  const byKey = new Map<string, Group>();
  for (const entry of list.packages) {
    const key = keyOf(entry);
    const group = byKey.get(key) ?? {
      kind: entry.kind,
      name: entry.name,
      arch: entry.arch,
      versions: [],
      sizeBytes: null,
    };
    if (!group.versions.includes(entry.version)) group.versions.push(entry.version);
    if (entry.sizeBytes !== null) group.sizeBytes = (group.sizeBytes ?? 0) + entry.sizeBytes;
    byKey.set(key, group);
  }
  for (const group of byKey.values()) group.versions.sort();
  return byKey;
}

// Python names compare as PyPI does (Flask = flask); the others as written.
const keyOf = (entry: Pick<ImagePackage, 'kind' | 'name' | 'arch'>): string =>
  `${entry.kind}\u0000${entry.kind === 'python' ? normalizePythonName(entry.name) : entry.name}\u0000${entry.arch ?? ''}`;

const sideOf = (group: Group): PackageSide => ({ versions: group.versions, sizeBytes: group.sizeBytes });
const total = (list: PackageList) => list.packages.reduce((sum, entry) => sum + (entry.sizeBytes ?? 0), 0);

/** The differences between image a's packages and image b's. */
export function comparePackages(a: PackageList, b: PackageList): PackageComparison {
  const before = groups(a);
  const after = groups(b);
  const changes: PackageChange[] = [];
  let unchanged = 0;
  for (const [key, old] of before) {
    const now = after.get(key);
    const delta = (now?.sizeBytes ?? 0) - (old.sizeBytes ?? 0);
    const base = { kind: old.kind, name: old.name, arch: old.arch, a: sideOf(old), sizeDeltaBytes: delta };
    if (!now) changes.push({ ...base, change: 'removed', b: null });
    else if (now.versions.join('\u0000') !== old.versions.join('\u0000'))
      changes.push({ ...base, change: 'changed', b: sideOf(now) });
    else unchanged++;
  }
  for (const [key, now] of after) {
    if (before.has(key)) continue;
    changes.push({
      kind: now.kind,
      name: now.name,
      arch: now.arch,
      change: 'added',
      a: null,
      b: sideOf(now),
      sizeDeltaBytes: now.sizeBytes ?? 0,
    });
  }
  changes.sort(
    (x, y) =>
      Math.abs(y.sizeDeltaBytes) - Math.abs(x.sizeDeltaBytes) ||
      x.kind.localeCompare(y.kind) ||
      x.name.localeCompare(y.name),
  );
  const count = (change: PackageChange['change']) =>
    changes.filter((entry) => entry.change === change).length;
  return {
    a: { imageId: a.imageId, count: a.packages.length, sizeBytes: total(a) },
    b: { imageId: b.imageId, count: b.packages.length, sizeBytes: total(b) },
    changes,
    added: count('added'),
    removed: count('removed'),
    changed: count('changed'),
    unchanged,
    notes: [
      ...a.notes.map((note) => `First image: ${note}`),
      ...b.notes.map((note) => `Second image: ${note}`),
    ],
  };
}
