import { GO_SPACE } from './dockerignore-matcher';
import type { ContextEntry, FolderWeight } from './context-plan';

// `^` too: once a pattern holds an escape it becomes a Go regexp, where a bare `^` is an anchor.
const GLOB_SPECIAL = /[\\*?[\]^]/g;
const CONTROL = /[\t\n\v\f\r]/g;
const IS_CONTROL = /^[\t\n\v\f\r]$/;
const CONTROL_ESCAPES: Record<string, string> = {
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
};
const EDGE_SPACE = new RegExp(`^(?:${GO_SPACE}|\uFEFF)+|${GO_SPACE}+$`, 'g');

/**
 * A .dockerignore line matching exactly this relative path: glob characters and `^` escaped,
 * control characters written as Go escapes (`\t`), white space at either end (which the CLI trims
 * off a line) and a leading byte order mark (which its scanner drops) kept inside `[ ]`, and a
 * leading `!` or `#` escaped so the line is neither an exception nor a comment.
 */
export function escapePattern(path: string): string {
  const escaped = path
    .replace(GLOB_SPECIAL, '\\$&')
    .replace(EDGE_SPACE, (edge) => Array.from(edge, (c) => (IS_CONTROL.test(c) ? c : `[${c}]`)).join(''))
    .replace(CONTROL, (c) => CONTROL_ESCAPES[c]!);
  return escaped.startsWith('!') || escaped.startsWith('#') ? `\\${escaped}` : escaped;
}

const MAX_FOLDERS = 8;

/**
 * The heaviest folders, at most 8: the top-level ones, except that a lone top-level folder holding
 * everything (`app/…`) is replaced by its subfolders, since excluding it would exclude the build.
 */
export function biggestFolders(entries: readonly ContextEntry[]): FolderWeight[] {
  const weights = new Map<string, { bytes: number; files: number }>();
  for (const entry of entries) {
    if (entry.type === 'directory') continue;
    for (let slash = entry.path.indexOf('/'); slash !== -1; slash = entry.path.indexOf('/', slash + 1)) {
      const folder = entry.path.slice(0, slash);
      const weight = weights.get(folder) ?? { bytes: 0, files: 0 };
      weight.bytes += entry.size;
      weight.files += 1;
      weights.set(folder, weight);
    }
  }
  const childrenOf = (parent: string | null): string[] =>
    [...weights.keys()].filter((folder) => {
      const slash = folder.lastIndexOf('/');
      return parent === null ? slash === -1 : slash !== -1 && folder.slice(0, slash) === parent;
    });
  let level = childrenOf(null);
  const rootFiles = entries.some((entry) => entry.type !== 'directory' && !entry.path.includes('/'));
  // Dockerfile and .dockerignore sit at the top; only other top-level files keep the wrapper folder.
  const onlyBuildFiles = entries.every(
    (entry) =>
      entry.type === 'directory' ||
      entry.path.includes('/') ||
      /^(\.dockerignore|[Dd]ockerfile)/.test(entry.path),
  );
  while (level.length === 1 && (!rootFiles || onlyBuildFiles)) {
    const children = childrenOf(level[0]!);
    if (children.length === 0) break;
    level = children;
  }
  return level
    .map((path) => ({ path, ...weights.get(path)!, pattern: escapePattern(path) }))
    .filter((folder) => folder.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1))
    .slice(0, MAX_FOLDERS);
}
