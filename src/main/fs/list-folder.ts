import { readdir } from 'node:fs/promises';
import { basename, dirname, parse, resolve } from 'node:path';
import type { FolderListing } from '../../shared/api';

/**
 * A folder's entries for browser mode's picker (the stand-in for the OS dialog): folders first,
 * names only, hidden entries last; symlinks to folders count as folders.
 */
export async function listFolder(path: string): Promise<FolderListing> {
  const absolute = resolve(path);
  const entries = await readdir(absolute, { withFileTypes: true });
  const items = entries
    .map((entry) => ({
      name: entry.name,
      path: resolve(absolute, entry.name),
      kind: entry.isDirectory() || entry.isSymbolicLink() ? ('folder' as const) : ('file' as const),
    }))
    .sort((a, b) => {
      if (a.kind !== b.kind) return a.kind === 'folder' ? -1 : 1;
      const hidden = Number(a.name.startsWith('.')) - Number(b.name.startsWith('.'));
      return hidden || a.name.localeCompare(b.name);
    });
  const root = parse(absolute).root;
  const crumbs: FolderListing['crumbs'] = [];
  for (let current = absolute; ; current = dirname(current)) {
    crumbs.unshift({ name: current === root ? root : basename(current), path: current });
    if (current === root) break;
  }
  return { path: absolute, parent: absolute === root ? null : dirname(absolute), crumbs, entries: items };
}
