import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/atomic-write';

/** The Dockerfile and .dockerignore a folder has now (null when missing), for the wizard's diff. */
export async function readWizardFiles(
  dir: string,
): Promise<{ dockerfile: string | null; dockerignore: string | null }> {
  const read = (name: string) =>
    readFile(join(dir, name), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
  const [dockerfile, dockerignore] = await Promise.all([read('Dockerfile'), read('.dockerignore')]);
  return { dockerfile, dockerignore };
}

/**
 * Writes the wizard's Dockerfile and .dockerignore into the folder.
 *
 * Refuses to replace a file whose content differs from what the user saw (`expected`), so an
 * outside edit made after the diff was shown is never lost.
 */
export async function writeWizardFiles(
  dir: string,
  files: { dockerfile: string; dockerignore: string },
  expected: { dockerfile: string | null; dockerignore: string | null },
): Promise<{ written: string[] } | { changed: string }> {
  const current = await readWizardFiles(dir);
  if (current.dockerfile !== expected.dockerfile) return { changed: 'Dockerfile' };
  if (current.dockerignore !== expected.dockerignore) return { changed: '.dockerignore' };
  const written: string[] = [];
  if (current.dockerfile !== files.dockerfile) {
    await writeFileAtomic(join(dir, 'Dockerfile'), files.dockerfile);
    written.push('Dockerfile');
  }
  if (current.dockerignore !== files.dockerignore) {
    await writeFileAtomic(join(dir, '.dockerignore'), files.dockerignore);
    written.push('.dockerignore');
  }
  return { written };
}
