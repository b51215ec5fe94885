/**
 * A small TOML reader for what Cargo manifests and rust-toolchain.toml use: `[table]` and
 * `[[array]]` headers, and `key = value` where the value is a string, an array of strings (also over
 * several lines), or anything else kept as its raw text. Enough for detection; not a TOML parser.
 */

/** A value: a string, strings of an array, or the raw text of anything else (`true`, `{ … }`). */
export type TomlValue = string | string[] | { raw: string };

/** One `[name]` or `[[name]]` section with its keys. */
export interface TomlTable {
  name: string;
  /** `[[bin]]`: one entry of an array of tables. */
  array: boolean;
  entries: Record<string, TomlValue>;
}

/** Strips a `#` comment that is not inside a string. */
function withoutComment(line: string): string {
  let quote: string | null = null;
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (quote !== null) {
      if (char === '\\' && quote === '"') index++;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#') return line.slice(0, index);
  }
  return line;
}

/** Whether brackets outside strings are balanced, so a multi-line array has ended. */
function balanced(text: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quote !== null) {
      if (char === '\\' && quote === '"') index++;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '[' || char === '{') depth++;
    else if (char === ']' || char === '}') depth--;
  }
  return depth <= 0;
}

function stringValue(text: string): string | null {
  const match = /^"((?:[^"\\]|\\.)*)"$|^'([^']*)'$/.exec(text.trim());
  if (!match) return null;
  return match[2] ?? match[1]!.replace(/\\(.)/g, '$1');
}

function parseValue(text: string): TomlValue {
  const trimmed = text.trim();
  const single = stringValue(trimmed);
  if (single !== null) return single;
  if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
    const items = [...trimmed.slice(1, -1).matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map(
      (match) => match[2] ?? match[1]!,
    );
    return items;
  }
  return { raw: trimmed };
}

/** The tables of a TOML text in order; keys before any header belong to a table named ''. */
export function readTomlTables(text: string): TomlTable[] {
  const tables: TomlTable[] = [{ name: '', array: false, entries: {} }];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = withoutComment(lines[index]!).trim();
    if (line === '') continue;
    const header = /^(\[\[?)\s*([^\]]+?)\s*\]\]?$/.exec(line);
    if (header) {
      tables.push({ name: header[2]!.replace(/\s*\.\s*/g, '.'), array: header[1] === '[[', entries: {} });
      continue;
    }
    const assignment = /^("[^"]+"|'[^']+'|[\w.-]+)\s*=\s*(.*)$/.exec(line);
    if (!assignment) continue;
    let value = assignment[2]!;
    while (!balanced(value) && index + 1 < lines.length) value += `\n${withoutComment(lines[++index]!)}`;
    const key = assignment[1]!.replace(/^["']|["']$/g, '');
    tables.at(-1)!.entries[key] = parseValue(value);
  }
  return tables;
}

/** The first table of that name. */
export function tomlTable(tables: readonly TomlTable[], name: string): TomlTable | undefined {
  return tables.find((table) => table.name === name);
}

/** A string value, or null when missing or not a string. */
export function tomlString(table: TomlTable | undefined, key: string): string | null {
  const value = table?.entries[key];
  return typeof value === 'string' ? value : null;
}

/** A string-array value, or an empty list. */
export function tomlStrings(table: TomlTable | undefined, key: string): string[] {
  const value = table?.entries[key];
  return Array.isArray(value) ? value : [];
}
