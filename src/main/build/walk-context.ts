import {
  accessSync,
  constants as fsConstants,
  type Dirent,
  lstatSync,
  readdirSync,
  readlinkSync,
  type Stats,
  statSync,
} from 'node:fs';
import { sep } from 'node:path';
import { ContextError, errnoCode } from './context-error';
import { escapePattern } from './context-summary';
import type { DockerignoreMatcher, ParentMatches } from './dockerignore-matcher';
import type { ContextEntry } from './pack-context';
import type { TimeSlicer } from './time-slicer';

const hasSurrogate = (name: string): boolean => /[\uD800-\uDFFF]/.test(name);

/** UTF-8 byte order, as Go's os.ReadDir sorts (UTF-16 order differs only past U+FFFF). */
function compareNames(a: Dirent, b: Dirent): number {
  if (hasSurrogate(a.name) || hasSurrogate(b.name)) {
    return Buffer.compare(Buffer.from(a.name), Buffer.from(b.name));
  }
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Who is reading, looked up once per walk. */
interface Reader {
  uid: number | undefined;
  groups: Set<number>;
}

/**
 * Whether the reader may read the file, from its mode bits (no syscall per file); a "no" is
 * confirmed with access(2), which also knows ACLs. Root reads everything.
 */
function canRead(reader: Reader, path: string, stats: Stats): boolean {
  if (reader.uid === undefined || reader.uid === 0) return true;
  let allowed: boolean;
  if (stats.uid === reader.uid) allowed = (stats.mode & 0o400) !== 0;
  else if (reader.groups.has(stats.gid)) allowed = (stats.mode & 0o040) !== 0;
  else allowed = (stats.mode & 0o004) !== 0;
  if (allowed) return true;
  try {
    accessSync(path, fsConstants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** CONTEXT_UNREADABLE for a path of the context. */
export function unreadable(absPath: string, relPath: string): ContextError {
  return new ContextError(
    'CONTEXT_UNREADABLE',
    absPath,
    `Cannot read "${relPath}" (permission denied). Make it readable, or add "${escapePattern(relPath)}" ` +
      'to .dockerignore if the build does not need it.',
  );
}

function specialFile(absPath: string, relPath: string, stats: Stats): ContextError {
  const kind = stats.isFIFO()
    ? 'named pipe (FIFO)'
    : stats.isSocket()
      ? 'socket'
      : stats.isCharacterDevice()
        ? 'character device'
        : stats.isBlockDevice()
          ? 'block device'
          : 'special file';
  return new ContextError(
    'CONTEXT_SPECIAL_FILE',
    absPath,
    `"${relPath}" is a ${kind}, which cannot be sent to the engine. Add "${escapePattern(relPath)}" to .dockerignore.`,
  );
}

function checkSymlink(absPath: string, relPath: string): void {
  try {
    statSync(absPath);
  } catch (error) {
    const code = errnoCode(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'ELOOP') return;
    let target = '?';
    try {
      target = readlinkSync(absPath);
    } catch {
      // The link vanished meanwhile; the message still names it.
    }
    throw new ContextError(
      'CONTEXT_BROKEN_SYMLINK',
      absPath,
      `"${relPath}" is a symbolic link to "${target}", which does not exist. Remove the link, or add ` +
        `"${escapePattern(relPath)}" to .dockerignore.`,
    );
  }
}

function readDirectory(absDir: string, relDir: string): Dirent[] {
  try {
    return readdirSync(absDir, { withFileTypes: true }).sort(compareNames);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'EACCES' || code === 'EPERM') throw unreadable(absDir, relDir || '.');
    throw error;
  }
}

/** What the walk learnt about a planned file, so packing need not lstat it again. */
export interface PlannedStats {
  mode: number;
  mtimeMs: number;
}

const plannedStats = new WeakMap<ContextEntry, PlannedStats>();

/**
 * The mode and mtime the walk saw for a planned file entry; undefined for other entries and for
 * plans that were copied (across IPC, say), whose entries are no longer the walk's objects.
 */
export function statsFromPlan(entry: ContextEntry): PlannedStats | undefined {
  return plannedStats.get(entry);
}

interface Walk {
  reader: Reader;
  matcher: DockerignoreMatcher;
  slicer: TimeSlicer;
  entries: ContextEntry[];
}

async function walkDirectory(
  walk: Walk,
  absDir: string,
  relDir: string,
  parent: ParentMatches | null,
): Promise<void> {
  for (const dirent of readDirectory(absDir, relDir)) {
    const pause = walk.slicer.tick();
    if (pause) await pause;
    const relPath = relDir === '' ? dirent.name : `${relDir}/${dirent.name}`;
    const absPath = absDir + sep + dirent.name;
    const { excluded, matches } = walk.matcher.walkMatch(relPath, parent);
    let stats: Stats | undefined;
    let kind = dirent.isDirectory()
      ? 'directory'
      : dirent.isSymbolicLink()
        ? 'symlink'
        : dirent.isFile()
          ? 'file'
          : null;
    if (kind === null && !excluded) {
      // Some file systems give no type in readdir; a vanished entry is skipped, as the CLI does.
      stats = lstatSync(absPath, { throwIfNoEntry: false });
      if (!stats) continue;
      kind = stats.isDirectory()
        ? 'directory'
        : stats.isSymbolicLink()
          ? 'symlink'
          : stats.isFile()
            ? 'file'
            : 'special';
    }
    if (excluded) {
      if (kind === 'directory' && walk.matcher.mustEnter(relPath))
        await walkDirectory(walk, absPath, relPath, matches);
      continue;
    }
    if (kind === 'directory') {
      walk.entries.push({ path: relPath, type: 'directory', size: 0 });
      await walkDirectory(walk, absPath, relPath, matches);
    } else if (kind === 'symlink') {
      checkSymlink(absPath, relPath);
      walk.entries.push({ path: relPath, type: 'symlink', size: 0 });
    } else if (kind === 'file') {
      stats ??= lstatSync(absPath, { throwIfNoEntry: false });
      if (!stats) continue;
      if (!canRead(walk.reader, absPath, stats)) throw unreadable(absPath, relPath);
      const entry: ContextEntry = { path: relPath, type: 'file', size: stats.size };
      plannedStats.set(entry, { mode: stats.mode, mtimeMs: stats.mtimeMs });
      walk.entries.push(entry);
    } else {
      throw specialFile(absPath, relPath, stats!);
    }
  }
}

/**
 * The CLI's walk of a context: names in byte order, excluded files skipped, excluded folders
 * pruned unless an exception starts with their path (then walked without sending the folder entry
 * itself — the engine creates it). Every entry that would be sent is checked here, so nothing is
 * half-sent: unreadable files and folders, symlinks to nothing, sockets, FIFOs and devices.
 */
export async function walkContext(
  contextDir: string,
  matcher: DockerignoreMatcher,
  slicer: TimeSlicer,
): Promise<ContextEntry[]> {
  const groups = new Set(process.getgroups?.() ?? []);
  const gid = process.getgid?.();
  if (gid !== undefined) groups.add(gid);
  const walk: Walk = { reader: { uid: process.getuid?.(), groups }, matcher, slicer, entries: [] };
  await walkDirectory(walk, contextDir, '', null);
  return walk.entries;
}
