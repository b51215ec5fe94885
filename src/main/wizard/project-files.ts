/**
 * Read-only access to a project folder for detection: which files exist and what they say.
 * Unreadable or missing files read as absent; detection never throws for a file it cannot read.
 * Nothing outside the folder is looked at: a link leading out (`.nvmrc -> /etc/hostname`) reads as
 * absent, as do FIFOs and devices, so what detection reports comes from the project only.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isInside, readUserText } from '../fs/safe-files';

/** Files of one project folder. */
export interface ProjectFiles {
  /** Whether `path` (relative to the folder) is an existing file. */
  hasFile(path: string): Promise<boolean>;
  /** Whether `path` is an existing directory. */
  hasDirectory(path: string): Promise<boolean>;
  /** The text of `path`, or null when it is missing, unreadable or larger than 1 MB. */
  read(path: string): Promise<string | null>;
  /** Parsed JSON of `path`, or null when missing or invalid. */
  readJson(path: string): Promise<unknown>;
  /** Names in a directory (sorted), empty when it is missing. */
  list(path?: string): Promise<string[]>;
}

const MAX_BYTES = 1_000_000;

/** Opens a project folder. */
export function openProjectFiles(root: string): ProjectFiles {
  const realRoot = realpath(root).catch(() => root);
  /** The real path of `path` when it is inside the project, else null. */
  const inside = async (path: string): Promise<string | null> => {
    const real = await realpath(join(root, path)).catch(() => null);
    return real !== null && isInside(await realRoot, real) ? real : null;
  };
  const kind = async (path: string): Promise<'file' | 'directory' | null> => {
    try {
      const real = await inside(path);
      const info = real === null ? null : await stat(real);
      return info?.isFile() ? 'file' : info?.isDirectory() ? 'directory' : null;
    } catch {
      return null;
    }
  };
  const read = async (path: string): Promise<string | null> => {
    const result = await readUserText(join(root, path), {
      links: 'follow',
      within: root,
      maxBytes: MAX_BYTES,
    });
    return result.ok ? result.value.text : null;
  };
  return {
    hasFile: async (path) => (await kind(path)) === 'file',
    hasDirectory: async (path) => (await kind(path)) === 'directory',
    read,
    async readJson(path) {
      const text = await read(path);
      if (text === null) return null;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return null;
      }
    },
    async list(path = '.') {
      try {
        const real = await inside(path);
        return real === null ? [] : (await readdir(real)).sort();
      } catch {
        return [];
      }
    },
  };
}

/** The value at `keys` inside parsed JSON, or undefined when any step is not an object. */
export function jsonField(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The string at `keys`, or null. */
export function jsonString(value: unknown, ...keys: string[]): string | null {
  const found = jsonField(value, ...keys);
  return typeof found === 'string' ? found : null;
}

/** The keys of the object at `keys` (dependencies, scripts), empty when it is not an object. */
export function jsonKeys(value: unknown, ...keys: string[]): string[] {
  const found = jsonField(value, ...keys);
  return typeof found === 'object' && found !== null && !Array.isArray(found) ? Object.keys(found) : [];
}
