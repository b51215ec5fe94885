import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readUserText, type UserFileProblem } from '../fs/safe-files';
import { writeUserFile } from '../fs/write-user-file';

/** What reading or writing the wizard's files found; `problem` names the file and the reason. */
export type WizardFilesProblem = { problem: UserFileProblem };

/**
 * The Dockerfile and .dockerignore a folder has now (null when missing), for the wizard's diff.
 *
 * Links are followed only inside the folder: a repo's `Dockerfile -> ~/.ssh/id_rsa` must not be
 * shown in the diff. A FIFO, a device or a file over 1 MB is a problem, not content.
 */
export async function readWizardFiles(
  dir: string,
): Promise<{ dockerfile: string | null; dockerignore: string | null } | WizardFilesProblem> {
  const folder = await stat(dir).catch(() => null);
  if (!folder?.isDirectory())
    return { problem: { code: 'MISSING', path: dir, message: `There is no folder ${dir}.` } };
  const read = async (name: string) => {
    const result = await readUserText(join(dir, name), {
      links: 'follow',
      within: dir,
      label: `The ${name}`,
    });
    if (result.ok) return result.value.text;
    return result.problem.code === 'MISSING' ? null : { problem: result.problem };
  };
  const [dockerfile, dockerignore] = await Promise.all([read('Dockerfile'), read('.dockerignore')]);
  if (dockerfile !== null && typeof dockerfile === 'object') return dockerfile;
  if (dockerignore !== null && typeof dockerignore === 'object') return dockerignore;
  return { dockerfile, dockerignore };
}

/**
 * Writes the wizard's Dockerfile and .dockerignore into the folder.
 *
 * Refuses to replace a file whose content differs from what the user saw (`expected`), so an
 * outside edit made after the diff was shown is never lost; writes only plain files inside it.
 */
export async function writeWizardFiles(
  dir: string,
  files: { dockerfile: string; dockerignore: string },
  expected: { dockerfile: string | null; dockerignore: string | null },
): Promise<{ written: string[] } | { changed: string } | WizardFilesProblem> {
  const current = await readWizardFiles(dir);
  if ('problem' in current) return current;
  if (current.dockerfile !== expected.dockerfile) return { changed: 'Dockerfile' };
  if (current.dockerignore !== expected.dockerignore) return { changed: '.dockerignore' };
  const written: string[] = [];
  for (const [name, text, now] of [
    ['Dockerfile', files.dockerfile, current.dockerfile],
    ['.dockerignore', files.dockerignore, current.dockerignore],
  ] as const) {
    if (now === text) continue;
    const result = await writeUserFile(join(dir, name), text, { within: dir, label: `The ${name}` });
    if (!result.ok) return { problem: result.problem };
    written.push(name);
  }
  return { written };
}
