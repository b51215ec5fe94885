/**
 * apk's database, `lib/apk/db/installed`: one stanza per package, `X:value` lines (a single
 * letter key), stanzas separated by blank lines. P name, V version, A arch, I installed size in
 * bytes, o origin (source) package, L licence; F/R/a/Z list files and their attributes.
 */
import type { PackageRecord } from './package-record';

/** The packages of an apk installed database. */
export function parseApkInstalled(text: string): PackageRecord[] {
  const packages: PackageRecord[] = [];
  let fields = new Map<string, string>();
  const flush = (): void => {
    const name = fields.get('P');
    const version = fields.get('V');
    if (name && version) {
      const size = fields.get('I');
      const origin = fields.get('o') || null;
      packages.push({
        name,
        version,
        arch: fields.get('A') || null,
        sizeBytes: size !== undefined && /^\d+$/.test(size) ? Number(size) : null,
        source: origin && origin !== name ? origin : null,
        license: fields.get('L') || null,
      });
    }
    fields = new Map();
  };
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') {
      flush();
      continue;
    }
    // Only the first occurrence of a key describes the package; later F/R lines repeat.
    if (line[1] === ':' && !fields.has(line[0]!)) fields.set(line[0]!, line.slice(2));
  }
  flush();
  return packages;
}
