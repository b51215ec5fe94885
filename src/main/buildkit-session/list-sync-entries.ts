/*
 * What one DiffCopy call sends: the folder walked by the context walker with the engine's
 * include/exclude patterns, each entry lstat'ed into fsutil's Stat, in walk order, with every
 * parent folder present (fsutil's receiver rejects a path whose parent it has not seen, so a
 * folder that is itself excluded is still sent before a re-included child, as fsutil does).
 */
import { type BigIntStats, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { cleanPath } from '../context/dockerignore-matcher';
import { TimeSlicer } from '../context/time-slicer';
import { exactStatsFromWalk, walkContext } from '../context/walk-context';
import { SessionMatcher } from './session-matcher';
import { fsutilStat, type FsutilStat, type InodePaths } from './session-stat';

/** The filter part of a DiffCopy request (gRPC metadata). */
export interface SyncFilter {
  includePatterns: readonly string[] | null;
  excludePatterns: readonly string[] | null;
  /** Symlinks whose targets are added to the include patterns (fsutil FollowPaths). */
  followPaths: readonly string[] | null;
}

/** One entry to send, with the absolute path to read its content from. */
export interface SyncEntry {
  stat: FsutilStat;
  absPath: string;
  /** The nanosecond lstat of an entry the walk listed; null for a parent folder added for the receiver. */
  walked: BigIntStats | null;
}

const MAX_LINK_HOPS = 255;

/**
 * fsutil FollowLinks: each follow path becomes an include pattern, and so does every symlink on
 * the way to it with the path continued from the link's target (a Dockerfile that is a link to
 * `docker/Dockerfile` includes both). Wildcards in follow paths are taken literally.
 */
function followPathIncludes(root: string, followPaths: readonly string[]): string[] {
  const resolved = new Set<string>();
  let hops = 0;
  const resolve = (path: string): void => {
    const parts = cleanPath(path).replace(/^\/+/, '').split('/');
    let current = '';
    for (let index = 0; index < parts.length; index++) {
      current = current ? `${current}/${parts[index]}` : parts[index]!;
      if (current === '..' || current.startsWith('../')) return;
      const rest = parts.slice(index + 1).join('/');
      const stats = lstatSync(join(root, current), { throwIfNoEntry: false });
      if (stats?.isSymbolicLink()) {
        if (resolved.has(current) || ++hops > MAX_LINK_HOPS) return;
        resolved.add(current);
        const target = readlinkSync(join(root, current));
        const slash = current.lastIndexOf('/');
        const base = target.startsWith('/')
          ? target
          : `${slash === -1 ? '' : current.slice(0, slash + 1)}${target}`;
        resolve(rest ? `${base}/${rest}` : base);
        return;
      }
    }
    if (current && current !== '.') resolved.add(current);
  };
  for (const path of followPaths) resolve(path);
  return [...resolved].sort();
}

/**
 * The entries of `dir` to send for one request. Throws ContextError (unreadable paths) and
 * DockerignorePatternError (patterns patternmatcher would reject), like planning a context.
 */
export async function listSyncEntries(
  dir: string,
  filter: SyncFilter,
  owner: 'keep' | 'root',
  signal?: AbortSignal,
): Promise<SyncEntry[]> {
  const root = realpathSync(dir);
  let includes = filter.includePatterns ? [...filter.includePatterns] : null;
  if (filter.followPaths && filter.followPaths.length > 0) {
    includes = [...new Set([...(includes ?? []), ...followPathIncludes(root, filter.followPaths)])];
  }
  const matcher = new SessionMatcher(includes, filter.excludePatterns);
  const { entries } = await walkContext(root, matcher, new TimeSlicer(signal), { exactStats: true });

  const inodes: InodePaths = new Map();
  const sentDirs = new Set<string>();
  const result: SyncEntry[] = [];
  const slicer = new TimeSlicer(signal);
  const push = (relPath: string, walked?: BigIntStats): boolean => {
    const absPath = root + sep + relPath.split('/').join(sep);
    const stats = walked ?? lstatSync(absPath, { bigint: true, throwIfNoEntry: false });
    // Gone since the walk: fsutil skips vanished entries too.
    if (!stats) return false;
    const target = stats.isSymbolicLink() ? readlinkSync(absPath) : null;
    result.push({ stat: fsutilStat(relPath, stats, target, inodes, owner), absPath, walked: walked ?? null });
    if (stats.isDirectory()) sentDirs.add(relPath);
    return true;
  };
  for (const entry of entries) {
    const pause = slicer.tick();
    if (pause) await pause;
    for (let index = entry.path.indexOf('/'); index !== -1; index = entry.path.indexOf('/', index + 1)) {
      const parent = entry.path.slice(0, index);
      if (!sentDirs.has(parent)) push(parent);
    }
    push(entry.path, exactStatsFromWalk(entry));
  }
  return result;
}
