/**
 * Monorepos: the workspace packages package.json's "workspaces" or pnpm-workspace.yaml list, and
 * a view of one package's folder for detecting the app inside it.
 */
import { jsonField, type ProjectFiles } from './project-files';

/** One workspace package: its folder (relative to the root) and its parsed package.json. */
export interface WorkspacePackage {
  dir: string;
  manifest: unknown;
}

/** The patterns of package.json's "workspaces" (a list, or Yarn's `{ packages: [] }`) or pnpm-workspace.yaml. */
export async function workspacePatterns(
  files: ProjectFiles,
  manifest: unknown,
): Promise<{ patterns: string[]; source: string }> {
  const field = jsonField(manifest, 'workspaces');
  const list = Array.isArray(field) ? field : jsonField(field, 'packages');
  if (Array.isArray(list)) {
    return {
      patterns: list.filter((item): item is string => typeof item === 'string'),
      source: 'package.json "workspaces"',
    };
  }
  const yaml = await files.read('pnpm-workspace.yaml');
  if (yaml === null) return { patterns: [], source: '' };
  return { patterns: pnpmWorkspacePatterns(yaml), source: 'pnpm-workspace.yaml' };
}

/** The entries under `packages:` in pnpm-workspace.yaml. */
export function pnpmWorkspacePatterns(yaml: string): string[] {
  const patterns: string[] = [];
  let inside = false;
  for (const line of yaml.split('\n')) {
    if (/^packages:\s*$/.test(line)) {
      inside = true;
      continue;
    }
    if (inside && /^\S/.test(line)) break;
    const item = inside ? /^\s*-\s*["']?([^"'#\s]+)["']?/.exec(line)?.[1] : undefined;
    if (item) patterns.push(item);
  }
  return patterns;
}

/** The workspace packages the patterns match (`packages/*`, `apps/api`), sorted; negations are left out. */
export async function listWorkspaces(
  files: ProjectFiles,
  patterns: readonly string[],
): Promise<WorkspacePackage[]> {
  const dirs = new Set<string>();
  for (const raw of patterns) {
    if (raw.startsWith('!')) continue;
    const pattern = raw.replace(/^\.\//, '').replace(/\/+$/, '');
    const wildcard = /^(.*?)\/\*\*?$/.exec(pattern);
    if (wildcard) {
      for (const name of await files.list(wildcard[1])) dirs.add(`${wildcard[1]}/${name}`);
    } else if (!pattern.includes('*')) dirs.add(pattern);
  }
  const packages: WorkspacePackage[] = [];
  for (const dir of [...dirs].sort()) {
    const manifest = await files.readJson(`${dir}/package.json`);
    if (manifest !== null) packages.push({ dir, manifest });
  }
  return packages;
}

/** The files of one subfolder, addressed relative to it. */
export function filesUnder(files: ProjectFiles, dir: string): ProjectFiles {
  const at = (path: string): string => (path === '.' ? dir : `${dir}/${path}`);
  return {
    hasFile: (path) => files.hasFile(at(path)),
    hasDirectory: (path) => files.hasDirectory(at(path)),
    read: (path) => files.read(at(path)),
    readJson: (path) => files.readJson(at(path)),
    list: (path = '.') => files.list(at(path)),
  };
}
