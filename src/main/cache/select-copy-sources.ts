/*
 * Which context entries a COPY/ADD source selects, the builders' way: a path takes the file or
 * the whole folder under it; a wildcard (Go's filepath.Match: `*`, `?`, `[…]`, none crossing `/`)
 * takes every matching path, folders with everything under them; `.` takes the whole context.
 */

/** A context path with its type, as the walk lists it. */
export interface SelectableEntry {
  path: string;
  type: string;
}

/** `./a//b/` → `a/b`; the context root is ''. */
export function cleanSource(source: string): string {
  const parts: string[] = [];
  for (const part of source.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** One path segment against one pattern segment, Go filepath.Match's rules. */
function matchSegment(pattern: string, name: string): boolean {
  let source = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else if (ch === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]!);
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) return false;
      let body = pattern.slice(i + 1, end);
      if (body.startsWith('^')) body = `^${body.slice(1)}`;
      source += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else source += escapeRegExp(ch);
  }
  try {
    return new RegExp(`${source}$`, 's').test(name);
  } catch {
    return false;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const WILDCARD = /[*?[]/;

/** Whether the path is the source or lies under it. */
function under(path: string, root: string): boolean {
  return root === '' || path === root || path.startsWith(`${root}/`);
}

/**
 * The entries the sources select, in the walk's order, each once. Entries whose path starts with a
 * matched folder come with it.
 */
export function selectCopySources<E extends SelectableEntry>(
  entries: readonly E[],
  sources: readonly string[],
): E[] {
  const roots = new Set<string>();
  const patterns: string[][] = [];
  for (const source of sources) {
    const clean = cleanSource(source);
    if (WILDCARD.test(clean)) patterns.push(clean.split('/'));
    else roots.add(clean);
  }
  if (patterns.length > 0) {
    for (const entry of entries) {
      const segments = entry.path.split('/');
      if (
        patterns.some(
          (pattern) =>
            pattern.length === segments.length &&
            pattern.every((part, index) => matchSegment(part, segments[index]!)),
        )
      )
        roots.add(entry.path);
    }
  }
  if (roots.has('')) return [...entries];
  const rootList = [...roots];
  return entries.filter((entry) => rootList.some((root) => under(entry.path, root)));
}

/**
 * Whether a walk limited to `includes` (a DiffCopy's include patterns; null is the whole context)
 * lists every entry the sources select: each source lies under a plain include, or is one.
 */
export function includesCover(includes: readonly string[] | null, sources: readonly string[]): boolean {
  if (includes === null) return true;
  const cleaned = includes.map(cleanSource);
  const plain = cleaned.filter((include) => !WILDCARD.test(include));
  return sources.every((source) => {
    const clean = cleanSource(source);
    if (cleaned.includes(clean)) return true;
    const segments = clean.split('/');
    const wild = segments.findIndex((segment) => WILDCARD.test(segment));
    const fixed = wild === -1 ? clean : segments.slice(0, wild).join('/');
    return plain.some((include) => under(fixed, include));
  });
}
