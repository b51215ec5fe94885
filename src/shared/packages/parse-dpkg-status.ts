/**
 * dpkg's database: `var/lib/dpkg/status` (every package, one stanza each) and distroless's
 * `var/lib/dpkg/status.d/<name>` (one control stanza per file, without a Status field).
 * Format: deb-control(5) — `Field: value` lines, continuation lines start with a space or tab,
 * stanzas are separated by blank lines.
 */
import type { PackageRecord } from './package-record';

/** One stanza's fields, names as written (dpkg treats them case-insensitively; we look them up so). */
export type ControlStanza = Map<string, string>;

/** Splits deb-control text into stanzas; continuation lines join their field with a newline. */
export function parseControlStanzas(text: string): ControlStanza[] {
  const stanzas: ControlStanza[] = [];
  let current: ControlStanza | null = null;
  let field: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      if (current && current.size > 0) stanzas.push(current);
      current = null;
      field = null;
      continue;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (current && field !== null) current.set(field, `${current.get(field) ?? ''}\n${line.slice(1)}`);
      continue;
    }
    if (line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    current ??= new Map();
    field = line.slice(0, colon).trim().toLowerCase();
    current.set(field, line.slice(colon + 1).trim());
  }
  if (current && current.size > 0) stanzas.push(current);
  return stanzas;
}

/**
 * The installed packages of a dpkg status text. In the status file a package counts only when
 * its Status is `install ok installed` (removed packages keep a `deinstall ok config-files`
 * stanza); `requireStatus: false` is for distroless's status.d files, which carry none.
 */
export function parseDpkgStatus(text: string, options: { requireStatus?: boolean } = {}): PackageRecord[] {
  const requireStatus = options.requireStatus ?? true;
  const packages: PackageRecord[] = [];
  for (const stanza of parseControlStanzas(text)) {
    const name = stanza.get('package');
    const version = stanza.get('version');
    if (!name || !version) continue;
    const status = stanza.get('status');
    if (status !== undefined ? status.split(/\s+/).join(' ') !== 'install ok installed' : requireStatus)
      continue;
    const kib = stanza.get('installed-size');
    const size = kib !== undefined && /^\d+$/.test(kib) ? Number(kib) * 1024 : null;
    // `Source: gcc-12` or `Source: bash (5.2.15-2)` when the binary's version differs.
    const source = stanza.get('source')?.split(/\s+/)[0] ?? null;
    packages.push({
      name,
      version,
      arch: stanza.get('architecture') ?? null,
      sizeBytes: size,
      source: source && source !== name ? source : null,
      license: null,
    });
  }
  return packages;
}
