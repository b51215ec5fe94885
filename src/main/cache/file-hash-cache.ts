/*
 * Per-context file hashes for cache insight (issue #17), keyed by what lstat says, so a rebuild
 * or a prediction reads only the files whose stat changed.
 *
 * What a COPY/ADD cache key is made of, per builder (read from the sources, to be re-measured on
 * the rig engines by test/integration/cache-insight.test.ts):
 * - BuildKit (moby/buildkit cache/contenthash/filehash.go + tarsum.go, NewFromStat →
 *   WriteV1TarsumHeaders): a tar header in tarsum v1 form — name (empty, added by the directory
 *   scan), mode (permission + setuid/setgid/sticky bits, 0777 for links), uid, gid, size, type,
 *   link target, device numbers — then the content. mtime is NOT part of v1 tarsum headers.
 *   uid/gid are what the session sends: Dockwright's session sends 0/0 for the context
 *   (session-build.ts `owner: 'root'`, like the CLI's resetUIDAndGID), so owner never changes a key.
 * - Classic builder (moby builder/remotecontext/filehash.go, tarsum.WriteV1Header over the
 *   extracted context): the same v1 header fields and content; the tar Dockwright uploads has
 *   uid/gid 0 and the mode from disk, so again content + mode, never mtime or owner.
 * So both builders key on content + mode (+ type and link target): a `touch` keeps the cache,
 * a `chmod` loses it. That is what `fileKeyHash` hashes.
 */
import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { readdir, readFile, readlink, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../store/atomic-write';

/** A context entry to hash: its path in the context, where it is, and its nanosecond lstat. */
export interface StatEntry {
  path: string;
  absPath: string;
  type: 'file' | 'directory' | 'symlink' | 'fifo' | 'character-device' | 'block-device';
  stats: BigIntStats;
}

/** What a builder keys a COPY source file on, as stored in CachedFile.hash. */
export interface FileKey {
  /** `<sha256 of the content>:<mode in octal>`; content stands for the link target of a symlink. */
  hash: string;
  bytes: number;
}

/** Content hashes of one context's files, remembered by path + stat. */
export interface FileHashCache {
  /** The key of every entry, reading only the files whose stat is not remembered. */
  keys(contextDir: string, entries: readonly StatEntry[]): Promise<Map<string, FileKey>>;
  /** How many files the last `keys` call read (the rest came from the cache). */
  lastReadCount(): number;
  /** Writes a context's remembered hashes next to the build history (no-op without a folder). */
  persist(contextDir: string): Promise<void>;
}

/** Per context on disk; past it the least recently used paths go first (they rehash on need). */
export const MAX_PERSISTED_FILES = 200_000;
/** Contexts kept on disk; the least recently built go. */
export const MAX_PERSISTED_CONTEXTS = 24;
/** Contexts kept in memory. */
const MAX_MEMORY_CONTEXTS = 4;
/** Files read at once while hashing. */
const PARALLEL_READS = 8;

/**
 * A file changed within this long before it was read may change again with the same stat: the
 * kernel stamps mtime from a coarse clock (a few ms per tick), so two same-sized writes in one tick
 * look alike. Such a hash is used once and not remembered (git's "racily clean" rule).
 */
const RACY_NS = 2_000_000_000n;

/** [statKey, content sha256] */
type Remembered = [string, string];

const persistedSchema = z.object({
  version: z.literal(1),
  contextDir: z.string(),
  files: z.record(z.string(), z.tuple([z.string(), z.string()])),
});

/** What stat says about a file that the hash depends on: size, mtime (ns), mode, inode. */
function statKey(stats: BigIntStats): string {
  return `${stats.size}:${stats.mtimeNs}:${stats.mode}:${stats.ino}`;
}

/** The permission bits the builders' tar headers carry (links are always 0777 in BuildKit). */
export function keyedMode(entry: Pick<StatEntry, 'type' | 'stats'>): number {
  return entry.type === 'symlink' ? 0o777 : Number(entry.stats.mode) & 0o7777;
}

/** The stored hash of one entry, from its content digest and mode. */
export function fileKeyHash(contentSha: string, mode: number): string {
  return `${contentSha}:${mode.toString(8)}`;
}

function contextFile(dir: string, contextDir: string): string {
  return join(dir, `${createHash('sha256').update(contextDir).digest('hex').slice(0, 24)}.json`);
}

async function contentSha(entry: StatEntry): Promise<string> {
  const hash = createHash('sha256');
  switch (entry.type) {
    case 'file':
      hash.update(await readFile(entry.absPath));
      break;
    case 'symlink':
      hash.update(`link:${await readlink(entry.absPath)}`);
      break;
    case 'directory':
      hash.update('directory');
      break;
    default:
      // Devices and FIFOs are sent without content: their type and device numbers are the key.
      hash.update(`${entry.type}:${entry.stats.rdev}`);
  }
  return hash.digest('hex');
}

/**
 * Hashes remembered per context folder in memory and, when `dir` is given, in one JSON file per
 * context there (capped in files and contexts, see above).
 */
export function createFileHashCache(dir: string | null): FileHashCache {
  const memory = new Map<string, Map<string, Remembered>>();
  /** Contexts with hashes not yet written. */
  const dirty = new Set<string>();
  let readCount = 0;

  const load = async (contextDir: string): Promise<Map<string, Remembered>> => {
    const known = memory.get(contextDir);
    if (known) {
      memory.delete(contextDir);
      memory.set(contextDir, known);
      return known;
    }
    const files = new Map<string, Remembered>();
    if (dir) {
      try {
        const parsed = persistedSchema.safeParse(
          JSON.parse(await readFile(contextFile(dir, contextDir), 'utf8')),
        );
        if (parsed.success && parsed.data.contextDir === contextDir)
          for (const [path, value] of Object.entries(parsed.data.files)) files.set(path, value);
      } catch {
        // Missing or damaged: everything is hashed again, which is only slower.
      }
    }
    memory.set(contextDir, files);
    while (memory.size > MAX_MEMORY_CONTEXTS) memory.delete(memory.keys().next().value!);
    return files;
  };

  return {
    async keys(contextDir, entries) {
      const files = await load(contextDir);
      const result = new Map<string, FileKey>();
      const toRead: StatEntry[] = [];
      for (const entry of entries) {
        const remembered = files.get(entry.path);
        const key = statKey(entry.stats);
        if (remembered && remembered[0] === key) {
          // Most recently used last, so the cap drops the oldest.
          files.delete(entry.path);
          files.set(entry.path, remembered);
          result.set(entry.path, {
            hash: fileKeyHash(remembered[1], keyedMode(entry)),
            bytes: entry.type === 'file' ? Number(entry.stats.size) : 0,
          });
        } else toRead.push(entry);
      }
      readCount = toRead.length;
      if (toRead.length > 0) dirty.add(contextDir);
      let next = 0;
      const readFrom = BigInt(Date.now()) * 1_000_000n;
      const worker = async (): Promise<void> => {
        while (next < toRead.length) {
          const entry = toRead[next++]!;
          let sha: string;
          try {
            sha = await contentSha(entry);
          } catch {
            // Vanished or unreadable since the walk: what the engine gets is unknown, say so by hash.
            result.set(entry.path, { hash: fileKeyHash('unreadable', keyedMode(entry)), bytes: 0 });
            continue;
          }
          files.delete(entry.path);
          if (entry.stats.mtimeNs < readFrom - RACY_NS) files.set(entry.path, [statKey(entry.stats), sha]);
          result.set(entry.path, {
            hash: fileKeyHash(sha, keyedMode(entry)),
            bytes: entry.type === 'file' ? Number(entry.stats.size) : 0,
          });
        }
      };
      await Promise.all(Array.from({ length: PARALLEL_READS }, worker));
      return result;
    },
    lastReadCount: () => readCount,
    async persist(contextDir) {
      const files = memory.get(contextDir);
      if (!dir || !files || !dirty.has(contextDir)) return;
      dirty.delete(contextDir);
      const kept = [...files].slice(-MAX_PERSISTED_FILES);
      await writeFileAtomic(
        contextFile(dir, contextDir),
        JSON.stringify({ version: 1, contextDir, files: Object.fromEntries(kept) }),
      );
      await pruneContexts(dir);
    },
  };
}

/** Keeps the most recently written MAX_PERSISTED_CONTEXTS files of the folder. */
async function pruneContexts(dir: string): Promise<void> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.json'));
  if (names.length <= MAX_PERSISTED_CONTEXTS) return;
  const dated = await Promise.all(
    names.map(async (name) => ({ name, at: (await stat(join(dir, name)).catch(() => null))?.mtimeMs ?? 0 })),
  );
  dated.sort((a, b) => b.at - a.at);
  for (const old of dated.slice(MAX_PERSISTED_CONTEXTS)) await rm(join(dir, old.name), { force: true });
}
