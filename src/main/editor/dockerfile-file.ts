import { readFile, stat } from 'node:fs/promises';
import { writeFileAtomic } from '../store/atomic-write';

/** A Dockerfile as the editor holds it: its text and the modification time it was read at. */
export interface DockerfileFile {
  path: string;
  text: string;
  mtimeMs: number;
}

export async function openDockerfile(path: string): Promise<DockerfileFile> {
  const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
  return { path, text, mtimeMs: info.mtimeMs };
}

/** The file's modification time now, or null when it is gone. */
export async function dockerfileMtime(path: string): Promise<number | null> {
  return stat(path).then(
    (info) => info.mtimeMs,
    () => null,
  );
}

/**
 * Saves the editor's text, unless the file changed on disk since it was read (`expectedMtimeMs`):
 * then the caller asks the user, so neither their edits nor the outside change is lost.
 */
export async function saveDockerfile(
  path: string,
  text: string,
  expectedMtimeMs: number | null,
): Promise<{ saved: DockerfileFile } | { changedOnDisk: number | null }> {
  const current = await dockerfileMtime(path);
  if (expectedMtimeMs !== null && current !== expectedMtimeMs) return { changedOnDisk: current };
  await writeFileAtomic(path, text);
  return { saved: { path, text, mtimeMs: (await dockerfileMtime(path)) ?? Date.now() } };
}
