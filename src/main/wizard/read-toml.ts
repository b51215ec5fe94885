/**
 * A small TOML reader for the files Python detection looks at (pyproject.toml, Pipfile,
 * poetry.lock headers): tables, dotted keys, strings, arrays and inline tables. It never throws:
 * what it cannot read is skipped, so a file it half-understands still yields the keys it found.
 */

/** A TOML value as detection needs it; numbers, booleans and dates stay as their text. */
export type TomlValue = string | TomlValue[] | TomlTable;

/** A table: keys to values. */
export interface TomlTable {
  [key: string]: TomlValue;
}

/**
 * Reads TOML text into nested tables. Arrays of tables (`[[package]]`) become arrays of tables.
 * Multi-line strings are read; malformed lines are skipped.
 */
export function readToml(text: string): TomlTable {
  const root: TomlTable = {};
  const reader = new Reader(text);
  let current = root;
  while (!reader.done()) {
    reader.skipBlank();
    if (reader.done()) break;
    if (reader.peek() === '[') {
      const isArray = reader.startsWith('[[');
      reader.advance(isArray ? 2 : 1);
      const path = reader.keyPath();
      reader.skipTo('\n');
      current = path === null ? {} : isArray ? appendTable(root, path) : tableAt(root, path);
      continue;
    }
    const path = reader.keyPath();
    reader.skipSpaces();
    if (path === null || reader.peek() !== '=') {
      reader.skipTo('\n');
      continue;
    }
    reader.advance(1);
    const value = reader.value();
    if (value !== null) setAt(current, path, value);
    reader.skipTo('\n');
  }
  return root;
}

/** The table at a dotted path (`tool.poetry.dependencies`), or null. */
export function tomlTable(toml: TomlTable, path: string): TomlTable | null {
  let current: TomlValue | undefined = toml;
  for (const key of path.split('.')) {
    current = isTable(current) ? current[key] : undefined;
  }
  return isTable(current) ? current : null;
}

/** The string at `key` of a table, or null. */
export function tomlString(table: TomlTable | null, key: string): string | null {
  const value = table?.[key];
  return typeof value === 'string' ? value : null;
}

/** The strings of the array at `key`, or [] when it is missing or not an array. */
export function tomlStrings(table: TomlTable | null, key: string): string[] {
  const value = table?.[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Whether a value is a table (not an array, not a string). */
export function isTable(value: TomlValue | undefined): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tableAt(root: TomlTable, path: string[]): TomlTable {
  let current = root;
  for (const key of path) {
    const next = current[key];
    if (isTable(next)) current = next;
    else if (Array.isArray(next) && isTable(next.at(-1))) current = next.at(-1) as TomlTable;
    else current = current[key] = {};
  }
  return current;
}

function appendTable(root: TomlTable, path: string[]): TomlTable {
  const parent = tableAt(root, path.slice(0, -1));
  const key = path.at(-1)!;
  const list = Array.isArray(parent[key]) ? (parent[key] as TomlValue[]) : (parent[key] = []);
  const table: TomlTable = {};
  list.push(table);
  return table;
}

function setAt(table: TomlTable, path: string[], value: TomlValue): void {
  tableAt(table, path.slice(0, -1))[path.at(-1)!] = value;
}

const BARE_KEY = /[A-Za-z0-9_-]/;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\' };

class Reader {
  private index = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.index >= this.text.length;
  }
  peek(): string {
    return this.text[this.index] ?? '';
  }
  startsWith(prefix: string): boolean {
    return this.text.startsWith(prefix, this.index);
  }
  advance(count: number): void {
    this.index += count;
  }
  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.index++;
  }
  /** Skips spaces, newlines and comments. */
  skipBlank(): void {
    for (;;) {
      const char = this.peek();
      if (char === ' ' || char === '\t' || char === '\n' || char === '\r') this.index++;
      else if (char === '#') this.skipTo('\n');
      else return;
    }
  }
  skipTo(char: string): void {
    const found = this.text.indexOf(char, this.index);
    this.index = found < 0 ? this.text.length : found + 1;
  }

  /** A dotted key (`a."b.c".d`), or null when none starts here. */
  keyPath(): string[] | null {
    const parts: string[] = [];
    for (;;) {
      this.skipSpaces();
      const char = this.peek();
      let part: string | null = null;
      if (char === '"' || char === "'") part = this.string();
      else {
        const start = this.index;
        while (BARE_KEY.test(this.peek()) && !this.done()) this.index++;
        if (this.index > start) part = this.text.slice(start, this.index);
      }
      if (part === null) return null;
      parts.push(part);
      this.skipSpaces();
      if (this.peek() !== '.') return parts;
      this.index++;
    }
  }

  value(): TomlValue | null {
    this.skipSpaces();
    const char = this.peek();
    if (char === '"' || char === "'") return this.string();
    if (char === '[') return this.array();
    if (char === '{') return this.inlineTable();
    // Numbers, booleans and dates: their text up to a separator.
    const start = this.index;
    while (!this.done() && !/[,\]}\n#]/.test(this.peek())) this.index++;
    const raw = this.text.slice(start, this.index).trim();
    return raw === '' ? null : raw;
  }

  string(): string | null {
    const quote = this.peek();
    const multi = this.startsWith(quote.repeat(3));
    this.index += multi ? 3 : 1;
    if (multi && this.peek() === '\n') this.index++;
    let out = '';
    while (!this.done()) {
      if (multi ? this.startsWith(quote.repeat(3)) : this.peek() === quote) {
        this.index += multi ? 3 : 1;
        return out;
      }
      const char = this.peek();
      if (!multi && char === '\n') return null;
      if (quote === '"' && char === '\\') {
        const next = this.text[this.index + 1] ?? '';
        if (next === 'u' || next === 'U') {
          const length = next === 'u' ? 4 : 8;
          const code = Number.parseInt(this.text.slice(this.index + 2, this.index + 2 + length), 16);
          out += Number.isNaN(code) ? '' : String.fromCodePoint(code);
          this.index += 2 + length;
        } else {
          out += ESCAPES[next] ?? next;
          this.index += 2;
        }
        continue;
      }
      out += char;
      this.index++;
    }
    return null;
  }

  array(): TomlValue[] {
    this.index++;
    const items: TomlValue[] = [];
    for (;;) {
      this.skipBlank();
      if (this.done()) return items;
      if (this.peek() === ']') {
        this.index++;
        return items;
      }
      if (this.peek() === ',') {
        this.index++;
        continue;
      }
      const before = this.index;
      const item = this.value();
      if (item !== null) items.push(item);
      if (this.index === before) this.index++;
    }
  }

  inlineTable(): TomlTable {
    this.index++;
    const table: TomlTable = {};
    for (;;) {
      this.skipSpaces();
      const char = this.peek();
      if (this.done() || char === '\n') return table;
      if (char === '}') {
        this.index++;
        return table;
      }
      if (char === ',') {
        this.index++;
        continue;
      }
      const path = this.keyPath();
      this.skipSpaces();
      if (path === null || this.peek() !== '=') {
        this.index++;
        continue;
      }
      this.index++;
      const value = this.value();
      if (value !== null) setAt(table, path, value);
    }
  }
}
