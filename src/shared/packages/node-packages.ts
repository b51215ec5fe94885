/**
 * Node packages: each `node_modules/<name>/package.json` (or `node_modules/@scope/<name>/…`)
 * names one installed package. Its size is the bytes of the files in its folder, not counting a
 * nested `node_modules` (those are packages of their own).
 */
import type { PackageRecord } from './package-record';

/** Name, version and licence from a package.json; null when it is no JSON object or lacks either. */
export function parseNodeManifest(text: string): PackageRecord | null {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) return null;
  const { name, version, license } = manifest as Record<string, unknown>;
  if (typeof name !== 'string' || name === '' || typeof version !== 'string' || version === '') return null;
  return {
    name,
    version,
    arch: null,
    sizeBytes: null,
    source: null,
    license: typeof license === 'string' && license !== '' ? license : null,
  };
}

/** The package folder (`…/node_modules/name` or `…/node_modules/@scope/name`) that owns `path`, or null. */
export function nodePackageFolder(path: string): string | null {
  const at = path.lastIndexOf('node_modules/');
  if (at === -1 || (at > 0 && path[at - 1] !== '/')) return null;
  const rest = path.slice(at + 'node_modules/'.length).split('/');
  const scoped = rest[0]?.startsWith('@');
  const parts = scoped ? 2 : 1;
  // A file directly in node_modules (`.package-lock.json`) or a bare scope folder belongs to no package.
  if (rest.length <= parts || rest[0] === '' || rest[0]!.startsWith('.')) return null;
  return path.slice(0, at) + 'node_modules/' + rest.slice(0, parts).join('/');
}

/** Bytes per package folder, from a list of files (paths relative to the image root). */
export function nodePackageSizes(files: Iterable<{ path: string; sizeBytes: number }>): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const file of files) {
    if (!file.path.includes('node_modules/')) continue;
    const folder = nodePackageFolder(file.path);
    if (folder !== null) sizes.set(folder, (sizes.get(folder) ?? 0) + file.sizeBytes);
  }
  return sizes;
}
