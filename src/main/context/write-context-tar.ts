import { closeSync, lstatSync, openSync, readlinkSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { sep } from 'node:path';
import type tar from 'tar-stream';
import { readUserTextSync } from '../fs/safe-files';
import { readDockerfileSync } from '../fs/user-dockerfile';
import { ContextError, errnoCode } from './context-error';
import type { ContextEntry, ContextPlan } from './context-plan';
import { statsFromPlan } from './walk-context';
import { TimeSlicer } from './time-slicer';

const DOCKERIGNORE = '.dockerignore';
/** Files up to this size are read in one go; bigger ones are streamed in chunks. */
const WHOLE_FILE_LIMIT = 512 * 1024;
const CHUNK_BYTES = 1024 * 1024;
/** The feeder waits for the reader after this many bytes, bounding what sits in memory. */
const AHEAD_BYTES = 256 * 1024;

type TarHeader = Parameters<tar.Pack['entry']>[0];

/**
 * The .dockerignore inside the tar when the Dockerfile is added under `name`, as the CLI writes
 * it: the name appended (after `.dockerignore` itself when the context has none), so the engine
 * drops the added Dockerfile from what `COPY .` sees.
 */
export function dockerignoreWithDockerfile(original: string | null, name: string): string {
  return `${original ?? DOCKERIGNORE}\n${name}\n`;
}

/** A pack-time surprise: the context changed between planning and sending. */
function changedWhileSending(absPath: string, relPath: string): ContextError {
  return new ContextError(
    'CONTEXT_UNREADABLE',
    absPath,
    `"${relPath}" changed or disappeared while the build context was being sent. Start the build again.`,
  );
}

interface SendStats {
  mode: number;
  mtimeMs: number;
  size: number;
  rdev: number;
}

const KIND_TESTS: ReadonlyArray<readonly [ContextEntry['type'], (stats: Stats) => boolean]> = [
  ['directory', (stats) => stats.isDirectory()],
  ['symlink', (stats) => stats.isSymbolicLink()],
  ['file', (stats) => stats.isFile()],
  ['fifo', (stats) => stats.isFIFO()],
  ['character-device', (stats) => stats.isCharacterDevice()],
  ['block-device', (stats) => stats.isBlockDevice()],
];

/**
 * Mode, mtime and size to send: what the walk saw for files (one lstat fewer per file; the bytes
 * actually read decide the size), a fresh lstat otherwise, which must still be the same kind.
 */
function currentStats(entry: ContextEntry, absPath: string): SendStats {
  const planned = statsFromPlan(entry);
  if (planned) return { ...planned, size: entry.size, rdev: 0 };
  const stats = lstatSync(absPath, { throwIfNoEntry: false });
  const kind = stats && KIND_TESTS.find(([, test]) => test(stats))?.[0];
  if (!stats || kind !== entry.type) throw changedWhileSending(absPath, entry.path);
  return stats;
}

/** Linux's major and minor device numbers (glibc's gnu_dev_major/minor), as Go's tar header takes them. */
function deviceNumbers(rdev: number): { devmajor: number; devminor: number } {
  const dev = BigInt(rdev);
  const devmajor = ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
  const devminor = (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
  return { devmajor: Number(devmajor), devminor: Number(devminor) };
}

/** Reads up to `size` bytes; a file that shrank meanwhile gives what it has (the header follows the buffer). */
function readSmallFile(absPath: string, size: number): Buffer {
  // Like the CLI, an empty file is not opened.
  if (size === 0) return Buffer.alloc(0);
  const buffer = Buffer.allocUnsafe(size);
  const fd = openSync(absPath, 'r');
  let filled = 0;
  try {
    while (filled < size) {
      const read = readSync(fd, buffer, filled, size - filled, filled);
      if (read === 0) break;
      filled += read;
    }
  } finally {
    closeSync(fd);
  }
  return filled === size ? buffer : buffer.subarray(0, filled);
}

/** A big file in chunks, read asynchronously so the main process never blocks on it. */
async function streamFile(
  pack: tar.Pack,
  header: TarHeader & { size: number },
  absPath: string,
  relPath: string,
  sent: (bytes: number) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const file = await open(absPath, 'r');
  try {
    await new Promise<void>((done, fail) => {
      const sink = pack.entry(header, (error) => (error ? fail(error) : done()));
      void (async () => {
        for (let offset = 0; offset < header.size;) {
          signal?.throwIfAborted();
          const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, header.size - offset));
          const { bytesRead } = await file.read(chunk, 0, chunk.length, offset);
          if (bytesRead === 0) throw changedWhileSending(absPath, relPath);
          offset += bytesRead;
          const drained = sink.write(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
          if (!drained) {
            // A reader that went away destroys the tar and this entry: stop instead of waiting forever.
            // Both listeners go once either fires: a big file waits here many times on one sink.
            await new Promise<void>((resume) => {
              const resumeOnce = (): void => {
                sink.off('drain', resumeOnce);
                sink.off('close', resumeOnce);
                resume();
              };
              sink.on('drain', resumeOnce);
              sink.on('close', resumeOnce);
            });
            if (sink.destroyed) return;
          }
          sent(bytesRead);
        }
        sink.end(undefined);
      })().catch((error: unknown) => {
        sink.destroy(error instanceof Error ? error : new Error(String(error)));
        fail(error);
      });
    });
  } finally {
    await file.close();
  }
}

/**
 * Writes the plan's entries into `pack` (then the added Dockerfile): modes (type bits masked by
 * tar-stream), whole-second mtimes, uid/gid 0 as the CLI sends them, symlink targets read now and
 * sent untouched, FIFOs and devices (with their device numbers) without content.
 * `sent` gets content bytes as the reader takes them (within AHEAD_BYTES). An entry that vanished
 * or changed kind since planning fails with CONTEXT_UNREADABLE naming it.
 */
export async function writeContextTar(
  pack: tar.Pack,
  plan: ContextPlan,
  sent: (bytes: number) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const slicer = new TimeSlicer(signal);
  let failure: unknown = null;
  let ahead = 0;
  let unconfirmed = 0;
  let last: Promise<void> = Promise.resolve();
  // Entry callbacks never reject: one failure is kept and thrown at the next wait, so no promise is left unhandled.
  const add = (header: TarHeader, body?: Buffer): Promise<void> =>
    new Promise<void>((done) => {
      const onDone = (error?: Error | null): void => {
        if (error) failure ??= error;
        done();
      };
      if (body) pack.entry(header, body, onDone);
      else pack.entry(header, onDone);
    });
  const settle = async (): Promise<void> => {
    await last;
    if (failure) throw failure;
    ahead = 0;
    if (unconfirmed > 0) sent(unconfirmed);
    unconfirmed = 0;
  };

  for (const entry of plan.entries) {
    const pause = slicer.tick();
    if (pause) await pause;
    const absPath = plan.contextDir + sep + (sep === '/' ? entry.path : entry.path.split('/').join(sep));
    const synthetic = entry.path === DOCKERIGNORE && plan.dockerfileAdded && !plan.hasDockerignore;
    const stats: SendStats = synthetic
      ? { mode: 0o100600, mtimeMs: Date.now(), size: 0, rdev: 0 }
      : currentStats(entry, absPath);
    const header: TarHeader = {
      name: entry.type === 'directory' ? `${entry.path}/` : entry.path,
      // tar-stream turns mode 0 into 0o644; the type bits keep it truthy and are masked off when encoding.
      mode: stats.mode,
      mtime: new Date(Math.floor(stats.mtimeMs / 1000) * 1000),
      uid: 0,
      gid: 0,
      type: entry.type,
      ...(entry.type === 'character-device' || entry.type === 'block-device'
        ? deviceNumbers(stats.rdev)
        : {}),
    };
    let body: Buffer | undefined;
    try {
      if (entry.type === 'symlink') {
        header.linkname = readlinkSync(absPath);
      } else if (entry.type === 'file' && entry.path === DOCKERIGNORE && plan.dockerfileAdded) {
        const original = synthetic ? null : readContextText(absPath);
        body = Buffer.from(dockerignoreWithDockerfile(original, plan.dockerfileName));
      } else if (entry.type === 'file' && stats.size > WHOLE_FILE_LIMIT) {
        await settle();
        await streamFile(pack, { ...header, size: stats.size }, absPath, entry.path, sent, signal);
        continue;
      } else if (entry.type === 'file') {
        body = readSmallFile(absPath, stats.size);
      }
    } catch (error) {
      if (error instanceof ContextError || !errnoCode(error)) throw error;
      throw changedWhileSending(absPath, entry.path);
    }
    last = add(header, body);
    unconfirmed += body?.length ?? 0;
    ahead += 512 + (body?.length ?? 0);
    if (ahead >= AHEAD_BYTES) await settle();
  }
  if (plan.dockerfileAdded) {
    const read = readDockerfileSync(plan.dockerfilePath);
    if (!read.ok) throw new ContextError('DOCKERFILE_NOT_FOUND', plan.dockerfilePath, read.problem.message);
    const dockerfile = Buffer.from(read.value.text);
    const header = { name: plan.dockerfileName, mode: 0o100600, mtime: new Date(), uid: 0, gid: 0 };
    last = add({ ...header, type: 'file' }, dockerfile);
  }
  await settle();
  pack.finalize();
}

/** A context text file read again while sending: still a regular, capped file, or the send stops. */
function readContextText(path: string): string {
  const read = readUserTextSync(path, { links: 'refuse' });
  if (!read.ok) throw new ContextError('DOCKERIGNORE_INVALID', path, read.problem.message);
  return read.value.text;
}
