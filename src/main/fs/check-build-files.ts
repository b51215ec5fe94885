/**
 * The files a build reads from the user's disk besides the context walk — the Dockerfile and the
 * context's .dockerignore — checked by the rules of safe-files before planning reads them, so a
 * channel refuses `/etc/passwd` as a Dockerfile or a `.dockerignore -> /dev/zero` with a message
 * at the right field instead of reading them.
 */
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../shared/result';
import { readUserText, userFileFailure } from './safe-files';
import { readDockerfile } from './user-dockerfile';

/** The CLI's default: `<context>/Dockerfile`, else a lowercase `dockerfile` when only that exists. */
export async function defaultDockerfile(contextDir: string): Promise<string> {
  const upper = join(contextDir, 'Dockerfile');
  if (await lstat(upper).catch(() => null)) return upper;
  const lower = join(contextDir, 'dockerfile');
  return (await lstat(lower).catch(() => null)) ? lower : upper;
}

/**
 * Null when both files may be read (or are missing: planning reports that in its own words), else
 * the failure at `dockerfile` or `contextDir`.
 */
export async function checkBuildFiles(contextDir: string, dockerfile: string | null): Promise<Result<null>> {
  const dockerignore = await readUserText(join(contextDir, '.dockerignore'), {
    links: 'follow',
    within: contextDir,
  });
  if (!dockerignore.ok && dockerignore.problem.code !== 'MISSING')
    return userFileFailure(dockerignore.problem, 'contextDir');
  // A Dockerfile the user picked may live anywhere; the default one belongs to the context.
  const read =
    dockerfile === null
      ? await readDockerfile(await defaultDockerfile(contextDir), contextDir)
      : await readDockerfile(dockerfile);
  if (!read.ok && read.problem.code !== 'MISSING')
    return fail('VALIDATION', read.problem.message, { field: 'dockerfile' });
  return ok(null);
}
