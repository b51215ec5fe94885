/**
 * Writing a file the user chose, by the rules in safe-files.ts: only a regular file (or a new
 * one) whose real folder is inside the folder the user picked, through a temp file with a random
 * name created `wx` and an atomic rename, keeping the file's mode.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, realpath, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { errno, isInside, kindOf, O_NOFOLLOW, problem, unreadable, type UserFileResult } from './safe-files';

export interface WriteOptions {
  /** The folder the user picked: the file's real folder must be it or inside it. */
  within: string;
  label?: string;
}

/** Where a write will land, checked: the real folder, and the file there now (null when new). */
export interface WriteTarget {
  realPath: string;
  existing: Stats | null;
}

/**
 * Checks that `path` may be written under `options`: its real folder is inside `within`, and the
 * file is absent or a regular file that is not a link. Also used before work that writes later.
 */
export async function checkWriteTarget(
  path: string,
  options: WriteOptions,
): Promise<UserFileResult<WriteTarget>> {
  const label = options.label ?? 'The file';
  if (!isAbsolute(path)) return problem('NOT_ALLOWED', path, `${label} path ${path} must be absolute.`);
  const folder = dirname(resolve(path));
  let realFolder: string;
  let realWithin: string;
  try {
    realFolder = await realpath(folder);
    realWithin = await realpath(options.within);
  } catch (error) {
    if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR')
      return problem('MISSING', path, `The folder of ${path} does not exist.`);
    return unreadable(path, label, error);
  }
  if (!isInside(realWithin, realFolder))
    return problem(
      'OUTSIDE',
      path,
      `${label} ${path} is outside ${options.within}; Dockwright writes only inside it.`,
    );
  const realPath = join(realFolder, basename(path));
  let existing: Stats | null;
  try {
    existing = await lstat(realPath).catch((error: unknown) =>
      errno(error) === 'ENOENT' ? null : Promise.reject(error),
    );
  } catch (error) {
    return unreadable(path, label, error);
  }
  if (existing?.isSymbolicLink())
    return problem(
      'SYMLINK',
      path,
      `${label} ${path} is a symbolic link; Dockwright does not write through links. Replace it with a plain file.`,
    );
  if (existing && !existing.isFile())
    return problem(
      'NOT_REGULAR',
      path,
      `${label} ${path} is ${kindOf(existing)}; Dockwright writes only plain files.`,
    );
  return { ok: true, value: { realPath, existing } };
}

/**
 * Replaces (or creates) a user's file: `fill` writes the content into a temp file with a random
 * name created `wx` beside it, which is then renamed over the target. An existing file keeps its
 * mode (and owner, where allowed); a new one gets 0644 less the umask. A throw from `fill`
 * removes the temp file and is rethrown.
 */
export async function replaceUserFile(
  path: string,
  options: WriteOptions,
  fill: (handle: FileHandle) => Promise<void>,
): Promise<UserFileResult<{ mtimeMs: number; size: number }>> {
  const checked = await checkWriteTarget(path, options);
  if (!checked.ok) return checked;
  const { realPath, existing } = checked.value;
  const temp = `${realPath}.${randomBytes(8).toString('hex')}.tmp`;
  // O_EXCL (wx) never follows or reuses anything already at the temp name.
  const handle = await open(
    temp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW,
    existing ? existing.mode & 0o7777 : 0o644,
  );
  let renamed = false;
  try {
    try {
      await fill(handle);
      if (existing) {
        await handle.chmod(existing.mode & 0o7777);
        await handle.chown(existing.uid, existing.gid).catch(() => undefined);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The target may have been swapped for a link or folder while we wrote: check again.
    const again = await checkWriteTarget(path, options);
    if (!again.ok) return again;
    await rename(temp, realPath);
    renamed = true;
    const written = await stat(realPath);
    return { ok: true, value: { mtimeMs: written.mtimeMs, size: written.size } };
  } finally {
    if (!renamed) await rm(temp, { force: true });
  }
}

/** Writes `data` as the whole content of a user's file (see replaceUserFile). */
export function writeUserFile(
  path: string,
  data: string | Uint8Array,
  options: WriteOptions,
): Promise<UserFileResult<{ mtimeMs: number; size: number }>> {
  return replaceUserFile(path, options, async (handle) => {
    await handle.writeFile(data);
  });
}
