/**
 * Reading a Dockerfile a request names: a Dockerfile-like name (the shared rule), a regular file
 * of at most TEXT_FILE_MAX_BYTES, and, when it is a link, a link to a Dockerfile-like name too
 * (`Dockerfile -> docker/Dockerfile.prod` works, `Dockerfile -> /etc/passwd` does not).
 *
 * A Dockerfile the user picked may live anywhere (the CLI's `-f` too); the default
 * `<context>/Dockerfile` is part of the context, so its links must stay inside it (`within`).
 */
import { dockerfileNameProblem } from '../../shared/dockerfile/dockerfile-name';
import {
  readUserText,
  readUserTextSync,
  type ReadOptions,
  type UserFileResult,
  type UserTextFile,
} from './safe-files';

const LABEL = 'The Dockerfile';

function options(within: string | undefined): ReadOptions {
  return {
    links: 'follow',
    label: LABEL,
    realPathProblem: (realPath) => dockerfileNameProblem(realPath),
    ...(within === undefined ? {} : { within }),
  };
}

function refusedName(path: string): UserFileResult<UserTextFile> | null {
  const refused = dockerfileNameProblem(path);
  return refused ? { ok: false, problem: { code: 'NOT_ALLOWED', path, message: `${refused}.` } } : null;
}

/** A Dockerfile's text; `within` when the Dockerfile was implied by a folder rather than picked. */
export async function readDockerfile(path: string, within?: string): Promise<UserFileResult<UserTextFile>> {
  return refusedName(path) ?? readUserText(path, options(within));
}

/** readDockerfile for synchronous callers (context planning). */
export function readDockerfileSync(path: string, within?: string): UserFileResult<UserTextFile> {
  return refusedName(path) ?? readUserTextSync(path, options(within));
}
