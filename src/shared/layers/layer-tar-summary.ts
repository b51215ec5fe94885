/**
 * One layer tar reduced to what the contents analysis needs: the entries it writes (never their
 * contents), the whiteouts and opaque markers that delete from the layers below, and its size.
 *
 * Bytes are counted the way the engine counts a layer (`docker history`, moby's
 * directory.Size): regular files by size, symlinks by the length of their target, hard links
 * once (see replay-layers).
 */
import { utf8Length } from '../utf8-max';

/** What a tar entry is. */
export type FileKind = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

/** One entry of a layer tar, reduced to what the analysis needs (never its contents). */
export interface LayerTarEntry {
  /** Relative to the image root, no leading or trailing slash: `usr/bin/env`. */
  path: string;
  kind: FileKind;
  /** Regular file: its size; symlink: its target's length in bytes; anything else 0. */
  sizeBytes: number;
  /** A hard link's target path (same form as `path`); null otherwise. */
  linkTarget: string | null;
}

/** One layer tar read once: what it writes, what it deletes. */
export interface LayerTarSummary {
  entries: LayerTarEntry[];
  /** Paths a `.wh.<name>` whiteout deletes from the layers below. */
  whiteouts: string[];
  /** Directories marked `.wh..wh..opq`: everything the layers below had in them is hidden. */
  opaqueDirs: string[];
  /** Size of the layer tar itself (headers and padding included). */
  tarBytes: number;
}

/** A tar header as any tar reader gives it. */
export interface TarHeaderLike {
  name: string;
  type: string | null | undefined;
  size?: number | null | undefined;
  linkname?: string | null | undefined;
}

/** An empty summary to fill with `addTarHeader`. */
export function createLayerTarSummary(): LayerTarSummary {
  return { entries: [], whiteouts: [], opaqueDirs: [], tarBytes: 0 };
}

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';

/** Files one tar header into a summary: whiteouts and opaque markers apart from what it writes. */
export function addTarHeader(summary: LayerTarSummary, header: TarHeaderLike): void {
  const path = normalizeTarPath(header.name);
  if (path === '') return;
  const slash = path.lastIndexOf('/');
  const dir = slash < 0 ? '' : path.slice(0, slash);
  const base = path.slice(slash + 1);
  if (base === OPAQUE_MARKER) {
    summary.opaqueDirs.push(dir);
    return;
  }
  if (base.startsWith(WHITEOUT_PREFIX)) {
    const name = base.slice(WHITEOUT_PREFIX.length);
    // `.wh..wh.*` other than the opaque marker are aufs bookkeeping (hard-link dirs), not deletions.
    if (!name.startsWith(WHITEOUT_PREFIX)) summary.whiteouts.push(dir === '' ? name : `${dir}/${name}`);
    return;
  }
  const kind = kindOf(header.type);
  const linkname = header.linkname ?? '';
  summary.entries.push({
    path,
    kind,
    sizeBytes:
      kind === 'file' ? Math.max(0, header.size ?? 0) : kind === 'symlink' ? utf8Length(linkname) : 0,
    linkTarget: kind === 'hardlink' ? normalizeTarPath(linkname) : null,
  });
}

function kindOf(type: string | null | undefined): FileKind {
  switch (type) {
    case 'file':
    case 'contiguous-file':
    case null:
    case undefined:
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      return 'other';
  }
}

/** `./usr/bin/` and `/usr/bin` both become `usr/bin`; the root becomes ''. */
export function normalizeTarPath(name: string): string {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
