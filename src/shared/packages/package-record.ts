/**
 * What the package parsers read out of one package database entry or manifest, before it is
 * placed in an image (see list-image-packages). One module per format turns text into these.
 */

/** Which package manager installed a package; also its purl type's source. */
export type PackageKind = 'deb' | 'apk' | 'python' | 'npm';

/** One package as its own record describes it. */
export interface PackageRecord {
  name: string;
  version: string;
  /** `amd64`, `x86_64`, `all`; null where the format has none (Python, npm). */
  arch: string | null;
  /** Installed bytes as the record states them; null when it states none. */
  sizeBytes: number | null;
  /** The source package (dpkg `Source`, apk origin); null when it is the package itself or unknown. */
  source: string | null;
  /** The licence exactly as the record writes it (not checked as an SPDX expression); null when none. */
  license: string | null;
}
