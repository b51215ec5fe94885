import {
  accessSync,
  type BigIntStats,
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
import { cleanPath, type DockerignoreMatcher, type ParentMatches } from './dockerignore-matcher';
import type { ContextEntry, ContextNotes } from './context-plan';
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
function canRead(reader: Reader, path: string, stats: { uid: number; gid: number; mode: number }): boolean {
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

/** How many paths a message names before "and N more"; `ContextError.paths` has them all. */
const NAMED_PATHS = 10;

/** One CONTEXT_UNREADABLE for every unreadable path a walk met, so they can be fixed in one go. */
function unreadableAll(problems: readonly Problem[]): ContextError {
  if (problems.length === 1) return unreadable(problems[0]!.absPath, problems[0]!.relPath);
  const named = problems.slice(0, NAMED_PATHS);
  const more = problems.length - named.length;
  const list = (paths: string[]): string => paths.join(', ') + (more > 0 ? ` and ${more} more` : '');
  return new ContextError(
    'CONTEXT_UNREADABLE',
    problems[0]!.absPath,
    `Cannot read ${problems.length} paths of the context (permission denied): ` +
      `${list(named.map((problem) => `"${problem.relPath}"`))}. Make them readable, or add them to ` +
      `.dockerignore if the build does not need them: ${list(named.map((problem) => escapePattern(problem.relPath)))}.`,
    problems.map((problem) => problem.absPath),
  );
}

interface Problem {
  absPath: string;
  relPath: string;
}

export type EntryKind = ContextEntry['type'] | 'socket';

/** The kind of a directory entry or lstat result; null when readdir did not say (some file systems). */
export function kindOf(item: Dirent | Stats | BigIntStats): EntryKind | null {
  if (item.isDirectory()) return 'directory';
  if (item.isSymbolicLink()) return 'symlink';
  if (item.isFile()) return 'file';
  if (item.isFIFO()) return 'fifo';
  if (item.isSocket()) return 'socket';
  if (item.isCharacterDevice()) return 'character-device';
  if (item.isBlockDevice()) return 'block-device';
  return null;
}

/**
 * Notes a link whose target is missing here or lies outside the context. The link is sent as it
 * is either way, like the CLI: the target may well exist in the image.
 */
function noteSymlink(notes: ContextNotes, absPath: string, relPath: string): void {
  let target: string;
  try {
    target = readlinkSync(absPath);
  } catch {
    return;
  }
  const slash = relPath.lastIndexOf('/');
  const resolved = cleanPath(slash === -1 ? target : `${relPath.slice(0, slash)}/${target}`);
  if (target.startsWith('/') || resolved === '..' || resolved.startsWith('../')) notes.linksLeavingContext++;
  try {
    statSync(absPath);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') notes.danglingLinks++;
  }
}

/** The folder's entries in byte order; null when it is unreadable or vanished meanwhile. */
function readDirectory(walk: Walk, absDir: string, relDir: string): Dirent[] | null {
  try {
    return readdirSync(absDir, { withFileTypes: true }).sort(compareNames);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'EACCES' || code === 'EPERM') {
      walk.problems.push({ absPath: absDir, relPath: relDir || '.' });
      return null;
    }
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/** What the walk learnt about a planned file, so packing need not lstat it again. */
export interface PlannedStats {
  mode: number;
  mtimeMs: number;
}

const plannedStats = new WeakMap<ContextEntry, PlannedStats>();
const exactStats = new WeakMap<ContextEntry, BigIntStats>();

/**
 * The nanosecond lstat of an entry of a walk made with `exactStats` (what a BuildKit session sends
 * for every entry), so the session need not lstat the context a second time.
 */
export function exactStatsFromWalk(entry: ContextEntry): BigIntStats | undefined {
  return exactStats.get(entry);
}

/**
 * The mode and mtime the walk saw for a planned file entry; undefined for other entries and for
 * plans that were copied (across IPC, say), whose entries are no longer the walk's objects.
 */
export function statsFromPlan(entry: ContextEntry): PlannedStats | undefined {
  return plannedStats.get(entry);
}

interface Walk {
  /** lstat every sent entry in nanoseconds and keep it (exactStatsFromWalk). */
  exactStats: boolean;
  reader: Reader;
  matcher: DockerignoreMatcher;
  slicer: TimeSlicer;
  entries: ContextEntry[];
  notes: ContextNotes;
  problems: Problem[];
}

async function walkDirectory(
  walk: Walk,
  absDir: string,
  relDir: string,
  parent: ParentMatches | null,
): Promise<void> {
  for (const dirent of readDirectory(walk, absDir, relDir) ?? []) {
    const pause = walk.slicer.tick();
    if (pause) await pause;
    const relPath = relDir === '' ? dirent.name : `${relDir}/${dirent.name}`;
    const absPath = absDir + sep + dirent.name;
    const { excluded, matches } = walk.matcher.walkMatch(relPath, parent);
    let stats: Stats | undefined;
    let kind = kindOf(dirent);
    if (kind === null && !excluded) {
      // A vanished entry is skipped, as the CLI does.
      stats = lstatSync(absPath, { throwIfNoEntry: false });
      if (!stats) continue;
      kind = kindOf(stats);
    }
    if (excluded) {
      if (kind === 'directory' && walk.matcher.mustEnter(relPath))
        await walkDirectory(walk, absPath, relPath, matches);
      continue;
    }
    let exact: BigIntStats | undefined;
    if (walk.exactStats) {
      exact = lstatSync(absPath, { bigint: true, throwIfNoEntry: false });
      if (!exact) continue;
      kind = kindOf(exact);
    }
    const push = (entry: ContextEntry): void => {
      if (exact) exactStats.set(entry, exact);
      walk.entries.push(entry);
    };
    switch (kind) {
      case 'directory':
        push({ path: relPath, type: 'directory', size: 0 });
        await walkDirectory(walk, absPath, relPath, matches);
        break;
      case 'symlink':
        noteSymlink(walk.notes, absPath, relPath);
        push({ path: relPath, type: 'symlink', size: 0 });
        break;
      case 'fifo':
        // The CLI sends a named pipe as one (never opening it) and the engine recreates it.
        push({ path: relPath, type: 'fifo', size: 0 });
        break;
      case 'socket':
        // A tar cannot hold a socket: the CLI logs "sockets not supported" and goes on without it.
        walk.notes.socketsLeftOut.push(relPath);
        break;
      case 'file':
      case 'character-device':
      case 'block-device': {
        if (!exact) stats ??= lstatSync(absPath, { throwIfNoEntry: false });
        const seen = exact
          ? {
              uid: Number(exact.uid),
              gid: Number(exact.gid),
              mode: Number(exact.mode),
              size: Number(exact.size),
              mtimeMs: Number(exact.mtimeMs),
            }
          : stats;
        if (!seen) continue;
        // The CLI opens devices too before sending them (as device nodes, without content).
        if (!canRead(walk.reader, absPath, seen)) {
          walk.problems.push({ absPath, relPath });
          continue;
        }
        const entry: ContextEntry = { path: relPath, type: kind, size: kind === 'file' ? seen.size : 0 };
        if (kind === 'file') plannedStats.set(entry, { mode: seen.mode, mtimeMs: seen.mtimeMs });
        push(entry);
        break;
      }
      default:
        // A type Node cannot name: nothing the CLI could send either.
        break;
    }
  }
}

/**
 * The CLI's walk of a context: names in byte order, excluded files skipped, excluded folders
 * pruned unless an exception starts with their path (then walked without sending the folder entry
 * itself — the engine creates it). Symlinks are sent as links and never followed, whatever they
 * point at; FIFOs and devices as such; sockets are left out. Every unreadable file or folder that
 * would be sent is collected, and the walk fails with all of them at once (CONTEXT_UNREADABLE),
 * so nothing is half-sent.
 */
export async function walkContext(
  contextDir: string,
  matcher: DockerignoreMatcher,
  slicer: TimeSlicer,
  options: { exactStats?: boolean } = {},
): Promise<{ entries: ContextEntry[]; notes: ContextNotes }> {
  const groups = new Set(process.getgroups?.() ?? []);
  const gid = process.getgid?.();
  if (gid !== undefined) groups.add(gid);
  const walk: Walk = {
    exactStats: options.exactStats ?? false,
    reader: { uid: process.getuid?.(), groups },
    matcher,
    slicer,
    entries: [],
    notes: { danglingLinks: 0, linksLeavingContext: 0, socketsLeftOut: [] },
    problems: [],
  };
  await walkDirectory(walk, contextDir, '', null);
  if (walk.problems.length > 0) throw unreadableAll(walk.problems);
  return { entries: walk.entries, notes: walk.notes };
}
