/**
 * Python distributions: `*.dist-info/METADATA` (wheels, pip) and `*.egg-info/PKG-INFO`
 * (setuptools, most of Debian's python3-* packages) hold the core metadata as e-mail style
 * headers; a dist-info's `RECORD` is a CSV of `path,hash,size` for every installed file, where
 * RECORD itself (and .pyc files pip compiled) have an empty size.
 */
import type { PackageRecord } from './package-record';

/**
 * Name, version and licence from core metadata; null when Name or Version is missing. The size
 * comes from RECORD (see `recordBytes`), so it is null here.
 */
export function parsePythonMetadata(text: string): PackageRecord | null {
  const headers = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    // The headers end at the first blank line; the description (which may look like headers) follows.
    if (line === '') break;
    if (line.startsWith(' ') || line.startsWith('\t')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(key)) headers.set(key, line.slice(colon + 1).trim());
  }
  const name = headers.get('name');
  const version = headers.get('version');
  if (!name || !version) return null;
  const license = headers.get('license-expression') || headers.get('license') || null;
  return {
    name,
    version,
    arch: null,
    sizeBytes: null,
    source: null,
    license: license && license !== 'UNKNOWN' ? license : null,
  };
}

/** The sum of the sizes a RECORD lists (rows without a size count nothing). */
export function recordBytes(text: string): number {
  let total = 0;
  for (const row of csvRows(text)) {
    const size = row[2];
    if (size !== undefined && /^\d+$/.test(size)) total += Number(size);
  }
  return total;
}

/** PEP 503's normalised name: lower case, runs of `-`, `_` and `.` as one `-`. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** RFC 4180 rows: a path may be quoted and hold commas or doubled quotes. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      row.push(field);
      if (row.some((cell) => cell !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  row.push(field);
  if (row.some((cell) => cell !== '')) rows.push(row);
  return rows;
}
