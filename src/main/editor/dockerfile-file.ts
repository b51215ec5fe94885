import { dirname } from 'node:path';
import { userFileMtime, type UserFileProblem, type UserFileResult } from '../fs/safe-files';
import { writeUserFile } from '../fs/write-user-file';
import { readDockerfile } from '../fs/user-dockerfile';
import { dockerfileNameProblem } from '../../shared/dockerfile/dockerfile-name';

/** A Dockerfile as the editor holds it: its text and the modification time it was read at. */
export interface DockerfileFile {
  path: string;
  text: string;
  mtimeMs: number;
}

/** The editor's Dockerfile: a Dockerfile-named regular file of at most 1 MB (see readDockerfile). */
export async function openDockerfile(path: string): Promise<UserFileResult<DockerfileFile>> {
  const read = await readDockerfile(path);
  return read.ok ? { ok: true, value: { path, text: read.value.text, mtimeMs: read.value.mtimeMs } } : read;
}

/** The file's modification time now, or null when it is gone (or is no longer a plain file). */
export async function dockerfileMtime(path: string): Promise<number | null> {
  return userFileMtime(path, dockerfileNameProblem);
}

/**
 * Saves the editor's text, unless the file changed on disk since it was read (`expectedMtimeMs`):
 * then the caller asks the user, so neither their edits nor the outside change is lost.
 *
 * The file is replaced atomically and keeps its mode; a link is refused rather than replaced by a
 * plain file (which would silently cut it) or written through (which could reach anywhere).
 */
export async function saveDockerfile(
  path: string,
  text: string,
  expectedMtimeMs: number | null,
): Promise<{ saved: DockerfileFile } | { changedOnDisk: number | null } | { refused: UserFileProblem }> {
  const current = await dockerfileMtime(path);
  if (expectedMtimeMs !== null && current !== expectedMtimeMs) return { changedOnDisk: current };
  const written = await writeUserFile(path, text, { within: dirname(path), label: 'The Dockerfile' });
  if (!written.ok) return { refused: written.problem };
  return { saved: { path, text, mtimeMs: written.value.mtimeMs } };
}
