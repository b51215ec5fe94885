/**
 * Which files of a layer the analysis pass keeps the contents of, because packages are read from
 * them: OS package databases and language package manifests. Everything else is only hashed.
 */

/** A captured file bigger than this is left out (a dpkg status of a large image is ~3 MB). */
export const MAX_CAPTURED_FILE_BYTES = 8 * 1024 * 1024;
/** All captured files of one image together stay under this. */
export const MAX_CAPTURED_TOTAL_BYTES = 96 * 1024 * 1024;

const EXACT = new Set([
  'var/lib/dpkg/status',
  'lib/apk/db/installed',
  // Which distribution the OS packages belong to (their package URLs name it).
  'etc/os-release',
  'usr/lib/os-release',
]);

/** True when the pass should keep the content of `path` (relative, no leading slash). */
export function isPackageRecordPath(path: string): boolean {
  if (EXACT.has(path)) return true;
  // distroless keeps one dpkg stanza per package here instead of one status file.
  if (path.startsWith('var/lib/dpkg/status.d/')) return !path.endsWith('.md5sums');
  // Python: METADATA names the distribution and version, RECORD lists its files and sizes.
  if (/\.dist-info\/(METADATA|RECORD)$/.test(path)) return true;
  // setuptools' egg-info (most of Debian's python3-* packages) keeps the same metadata in PKG-INFO.
  if (/\.egg-info\/PKG-INFO$/.test(path)) return true;
  // Node: a package's own manifest, directly under a node_modules folder (scoped or not).
  if (/(^|\/)node_modules\/(@[^/]+\/)?[^/@][^/]*\/package\.json$/.test(path)) return true;
  // A project's own manifest: its devDependencies say which installed packages are build-only.
  if (/(^|\/)package\.json$/.test(path) && !path.includes('node_modules/')) return true;
  return false;
}
