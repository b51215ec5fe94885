/**
 * The only way main reads or writes a file a user chose (a Dockerfile, a .dockerignore, wizard
 * files, an image archive). A request names a path, but what it may touch is narrower:
 *
 * - reads: a regular file only (a FIFO would block, /dev/zero would fill memory), capped, and
 *   optionally one whose real path stays inside a folder (a link in a cloned repo must not lead
 *   to ~/.ssh), opened with O_NONBLOCK and checked again with fstat so a swap after the check is
 *   caught;
 * - writes (write-user-file.ts): a fresh temp file with a random name opened `wx` beside the
 *   target, then an atomic rename over a target that is absent or a regular file (never a link:
 *   a link would send the bytes elsewhere), inside the folder the user picked; the mode is kept.
 *
 * Problems are values naming the file; only bugs and errors of the caller's `fill` throw.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import { lstat, open, realpath, stat, type FileHandle } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { fail, type Result } from '../../shared/result';

/** "1 MB" for text files: above the 1,000,000 bytes a save may write, so a saved file always reopens. */
export const TEXT_FILE_MAX_BYTES = 1024 * 1024;

export type UserFileProblemCode =
  /** Nothing there (or a link to nothing). */
  | 'MISSING'
  /** A folder, FIFO, socket or device where a regular file is needed. */
  | 'NOT_REGULAR'
  | 'TOO_LARGE'
  /** A symbolic link where only the file itself is allowed. */
  | 'SYMLINK'
  /** The file (or the folder of a write) is not inside the folder it must stay in. */
  | 'OUTSIDE'
  /** Not a path the rules of the caller accept (a relative path, a name that is not a Dockerfile). */
  | 'NOT_ALLOWED'
  /** Permission denied, or the file changed between the check and the open. */
  | 'UNREADABLE';

/** Why a user file cannot be used; `message` names the file and is fit to show. */
export interface UserFileProblem {
  code: UserFileProblemCode;
  message: string;
  path: string;
}

export type UserFileResult<T> = { ok: true; value: T } | { ok: false; problem: UserFileProblem };

export interface ReadOptions {
  /**
   * 'refuse' when the file itself must not be a link (what we are about to replace); 'follow'
   * when a link is a normal way to share a file (a Dockerfile kept in another folder).
   */
  links: 'follow' | 'refuse';
  /** When set, the file's real path must be inside this folder (also after following links). */
  within?: string;
  /** Default TEXT_FILE_MAX_BYTES. */
  maxBytes?: number;
  /** How messages call the file ("The Dockerfile"); default "The file". */
  label?: string;
  /** A further rule on the real path (a link's target must be a Dockerfile too), checked before opening. */
  realPathProblem?: (realPath: string) => string | null;
}

/** A regular file read whole. */
export interface UserTextFile {
  /** The path as asked for. */
  path: string;
  /** Links resolved. */
  realPath: string;
  text: string;
  mtimeMs: number;
  mode: number;
}

export const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
const READ_FLAGS = constants.O_RDONLY | O_NONBLOCK | O_NOFOLLOW;

export function problem<T>(code: UserFileProblemCode, path: string, message: string): UserFileResult<T> {
  return { ok: false, problem: { code, path, message } };
}

export function errno(error: unknown): string | undefined {
  return error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
}

/** True when `child` is `parent` or inside it (both absolute, links already resolved). */
export function isInside(parent: string, child: string): boolean {
  const path = relative(parent, child);
  return path === '' || (path.split(/[\\/]/)[0] !== '..' && !isAbsolute(path));
}

export function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

function tooLarge<T>(path: string, label: string, maxBytes: number): UserFileResult<T> {
  return problem(
    'TOO_LARGE',
    path,
    `${label} ${path} is larger than ${Math.round(maxBytes / 1024)} KB; Dockwright reads text files up to that size.`,
  );
}

/** The checks every read makes on the path before opening it; pure over the stats it is given. */
function judge<T>(
  path: string,
  link: Stats | null,
  real: string | null,
  target: Stats | null,
  withinReal: string | null,
  options: ReadOptions,
): UserFileResult<T> | null {
  const label = options.label ?? 'The file';
  if (!link) return problem('MISSING', path, `${label} ${path} does not exist.`);
  if (link.isSymbolicLink() && options.links === 'refuse')
    return problem(
      'SYMLINK',
      path,
      `${label} ${path} is a symbolic link; Dockwright uses it only as a plain file.`,
    );
  if (!real || !target)
    return problem('MISSING', path, `${label} ${path} is a link to something that does not exist.`);
  if (withinReal !== null && !isInside(withinReal, real))
    return problem(
      'OUTSIDE',
      path,
      `${label} ${path} leads to ${real}, outside ${options.within}: Dockwright does not follow it there.`,
    );
  const refusedReal = options.realPathProblem?.(real);
  if (refusedReal) return problem('NOT_ALLOWED', path, `${label} ${path} leads to ${real}: ${refusedReal}.`);
  if (!target.isFile())
    return problem('NOT_REGULAR', path, `${label} ${path} is ${kindOf(target)}, not a file.`);
  const maxBytes = options.maxBytes ?? TEXT_FILE_MAX_BYTES;
  if (target.size > maxBytes) return tooLarge(path, label, maxBytes);
  return null;
}

export function unreadable<T>(path: string, label: string, error: unknown): UserFileResult<T> {
  const code = errno(error);
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return problem('MISSING', path, `${label} ${path} does not exist.`);
  if (code === 'ELOOP')
    return problem('SYMLINK', path, `${label} ${path} changed into a symbolic link while it was read.`);
  if (code === 'EACCES' || code === 'EPERM')
    return problem('UNREADABLE', path, `${label} ${path} cannot be read (permission denied).`);
  throw error;
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** Reads a user's text file under the rules of `options` (see the module comment). */
export async function readUserText(
  path: string,
  options: ReadOptions,
): Promise<UserFileResult<UserTextFile>> {
  const label = options.label ?? 'The file';
  if (!isAbsolute(path)) return problem('NOT_ALLOWED', path, `${label} path ${path} must be absolute.`);
  let handle: FileHandle | null = null;
  try {
    const link = await lstat(path).catch((error: unknown) =>
      errno(error) === 'ENOENT' ? null : Promise.reject(error),
    );
    const real = link ? await realpath(path).catch(() => null) : null;
    const target = real ? await stat(real).catch(() => null) : null;
    const withinReal =
      options.within === undefined
        ? null
        : await realpath(options.within).catch(() => resolve(options.within!));
    const refused = judge<UserTextFile>(path, link, real, target, withinReal, options);
    if (refused) return refused;
    // O_NONBLOCK: a FIFO swapped in after the check must not hang the open; fstat then refuses it.
    handle = await open(real!, READ_FLAGS);
    const opened = await handle.stat();
    if (!opened.isFile() || !sameFile(opened, target!))
      return problem('UNREADABLE', path, `${label} ${path} changed while it was being read; try again.`);
    const maxBytes = options.maxBytes ?? TEXT_FILE_MAX_BYTES;
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return tooLarge(path, label, maxBytes);
    return {
      ok: true,
      value: {
        path,
        realPath: real!,
        text: buffer.toString('utf8', 0, length),
        mtimeMs: opened.mtimeMs,
        mode: opened.mode & 0o7777,
      },
    };
  } catch (error) {
    return unreadable(path, label, error);
  } finally {
    await handle?.close();
  }
}

/** readUserText for synchronous callers (context planning). */
export function readUserTextSync(path: string, options: ReadOptions): UserFileResult<UserTextFile> {
  const label = options.label ?? 'The file';
  if (!isAbsolute(path)) return problem('NOT_ALLOWED', path, `${label} path ${path} must be absolute.`);
  let fd: number | null = null;
  try {
    const link = lstatSync(path, { throwIfNoEntry: false }) ?? null;
    let real: string | null = null;
    try {
      real = link ? realpathSync(path) : null;
    } catch {
      real = null;
    }
    const target = real ? (statSync(real, { throwIfNoEntry: false }) ?? null) : null;
    let withinReal: string | null = null;
    if (options.within !== undefined) {
      try {
        withinReal = realpathSync(options.within);
      } catch {
        withinReal = resolve(options.within);
      }
    }
    const refused = judge<UserTextFile>(path, link, real, target, withinReal, options);
    if (refused) return refused;
    fd = openSync(real!, READ_FLAGS);
    const opened = fstatSync(fd);
    if (!opened.isFile() || !sameFile(opened, target!))
      return problem('UNREADABLE', path, `${label} ${path} changed while it was being read; try again.`);
    const maxBytes = options.maxBytes ?? TEXT_FILE_MAX_BYTES;
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return tooLarge(path, label, maxBytes);
    return {
      ok: true,
      value: {
        path,
        realPath: real!,
        text: buffer.toString('utf8', 0, length),
        mtimeMs: opened.mtimeMs,
        mode: opened.mode & 0o7777,
      },
    };
  } catch (error) {
    return unreadable(path, label, error);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Opens a user's file for streaming (an image archive to load): regular files only, no size cap.
 * Links are followed (the user picked the file) when `realPathProblem` accepts where they lead.
 * The caller closes the handle.
 */
export async function openUserFile(
  path: string,
  options: Pick<ReadOptions, 'label' | 'realPathProblem'> = {},
): Promise<UserFileResult<FileHandle>> {
  const label = options.label ?? 'The file';
  if (!isAbsolute(path)) return problem('NOT_ALLOWED', path, `${label} path ${path} must be absolute.`);
  try {
    const real = await realpath(path).catch((error: unknown) =>
      errno(error) === 'ENOENT' ? null : Promise.reject(error),
    );
    const target = real === null ? null : await stat(real);
    if (!real || !target) return problem('MISSING', path, `${label} ${path} does not exist.`);
    const refusedReal = options.realPathProblem?.(real);
    if (refusedReal)
      return problem('NOT_ALLOWED', path, `${label} ${path} leads to ${real}: ${refusedReal}.`);
    if (!target.isFile())
      return problem('NOT_REGULAR', path, `${label} ${path} is ${kindOf(target)}, not a file.`);
    const handle = await open(real, READ_FLAGS);
    const opened = await handle.stat();
    if (opened.isFile() && sameFile(opened, target)) return { ok: true, value: handle };
    await handle.close();
    return problem('UNREADABLE', path, `${label} ${path} changed while it was being opened; try again.`);
  } catch (error) {
    return unreadable(path, label, error);
  }
}

/**
 * The modification time of a regular file, or null when there is none (missing, a folder, a
 * device, or a link `realPathProblem` refuses: its target's time is none of the caller's business).
 */
export async function userFileMtime(
  path: string,
  realPathProblem?: (realPath: string) => string | null,
): Promise<number | null> {
  if (!isAbsolute(path)) return null;
  const real = await realpath(path).catch(() => null);
  if (real === null || realPathProblem?.(real)) return null;
  const info = await stat(real).catch(() => null);
  return info?.isFile() ? info.mtimeMs : null;
}

/** A user-file problem as a channel's answer, at the form field that named the file. */
export function userFileFailure<T = never>(problem: UserFileProblem, field: string): Result<T> {
  return fail(problem.code === 'MISSING' ? 'NOT_FOUND' : 'VALIDATION', problem.message, { field });
}
