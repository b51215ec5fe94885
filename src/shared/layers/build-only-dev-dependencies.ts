/**
 * Which `node_modules` package folders of an image only serve a project's devDependencies: the
 * devDependencies its package.json names that are installed beside it, and the packages those pull
 * in that nothing in `dependencies` (or optional and peer dependencies) needs. Read from the
 * captured package.json files, resolving names the way Node does (nearest `node_modules` up).
 */
import type { ImageInventory } from './image-inventory';

/** A devDependency folder that claims a file. */
export interface DevDependencyMatch {
  /** The package folder, relative: `app/node_modules/typescript`. */
  root: string;
  name: string;
  version: string | null;
  category: 'dev-dependency';
  what: string;
}

interface Manifest {
  name: string | null;
  version: string | null;
  runtime: string[];
  dev: string[];
}

function parseManifest(text: string): Manifest | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const fields = value as Record<string, unknown>;
  const names = (key: string): string[] => {
    const entry = fields[key];
    return typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? Object.keys(entry) : [];
  };
  return {
    name: typeof fields.name === 'string' ? fields.name : null,
    version: typeof fields.version === 'string' ? fields.version : null,
    runtime: [...names('dependencies'), ...names('optionalDependencies'), ...names('peerDependencies')],
    dev: names('devDependencies'),
  };
}

const parentOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

/** The devDependency-only package folders of an image, and which of them claims a path. */
export function devDependencyFolders(inventory: ImageInventory): {
  match(path: string): DevDependencyMatch | null;
} {
  const visible = new Map<string, number>();
  for (const file of inventory.files) if (file.kind === 'file') visible.set(file.path, file.layerIndex);
  const projects = new Map<string, Manifest>();
  const installed = new Map<string, Manifest>();
  for (const file of inventory.captured) {
    if (!(file.path === 'package.json' || file.path.endsWith('/package.json'))) continue;
    if (visible.get(file.path) !== file.layerIndex) continue;
    const manifest = parseManifest(file.content);
    if (!manifest) continue;
    const folder = parentOf(file.path);
    if (/(^|\/)node_modules\//.test(file.path)) installed.set(folder, manifest);
    else projects.set(folder, manifest);
  }

  /** Node's lookup from `folder`: its own node_modules, then each ancestor's. */
  const resolve = (folder: string, name: string): string | null => {
    let dir: string | null = folder;
    while (dir !== null) {
      if (!dir.endsWith('node_modules')) {
        const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
        if (installed.has(candidate)) return candidate;
      }
      dir = dir === '' ? null : parentOf(dir);
    }
    return null;
  };
  const closure = (from: string, names: readonly string[], into: Set<string>): void => {
    const queue = names.flatMap((name) => resolve(from, name) ?? []);
    while (queue.length > 0) {
      const folder = queue.pop()!;
      if (into.has(folder)) continue;
      into.add(folder);
      for (const name of installed.get(folder)!.runtime) {
        const next = resolve(folder, name);
        if (next !== null && !into.has(next)) queue.push(next);
      }
    }
  };

  const runtime = new Set<string>();
  const dev = new Set<string>();
  const direct = new Map<string, string>();
  for (const [folder, manifest] of projects) {
    closure(folder, manifest.runtime, runtime);
    closure(folder, manifest.dev, dev);
    for (const name of manifest.dev) {
      const found = resolve(folder, name);
      if (found !== null && !direct.has(found))
        direct.set(found, `/${folder ? `${folder}/` : ''}package.json`);
    }
  }
  const devOnly = new Map<string, DevDependencyMatch>();
  for (const folder of dev) {
    if (runtime.has(folder)) continue;
    const manifest = installed.get(folder)!;
    const owner = direct.get(folder);
    devOnly.set(folder, {
      root: folder,
      name: manifest.name ?? folder.slice(folder.lastIndexOf('node_modules/') + 'node_modules/'.length),
      version: manifest.version,
      category: 'dev-dependency',
      what: owner ? `devDependency of ${owner}` : 'used only by devDependencies',
    });
  }

  return {
    match(path) {
      if (devOnly.size === 0) return null;
      const parts = path.split('/');
      // Outermost first: a package nested in a devDependency's folder belongs to that devDependency.
      for (let index = 0; index < parts.length - 2; index++) {
        if (parts[index] !== 'node_modules') continue;
        const width = parts[index + 1]!.startsWith('@') ? 3 : 2;
        if (index + width >= parts.length) continue;
        const found = devOnly.get(parts.slice(0, index + width).join('/'));
        if (found) return found;
      }
      return null;
    },
  };
}
