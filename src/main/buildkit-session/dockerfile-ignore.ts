/*
 * The Dockerfile-specific ignore file for BuildKit: `<Dockerfile>.dockerignore` next to the
 * Dockerfile replaces the context's `.dockerignore` (moby/buildkit frontend/dockerui/config.go,
 * 73ed6825c4b7569379ef89df0aedcdbe64473d31). Recent engines read it themselves and send its
 * patterns; older built-in frontends (docker 20.10's BuildKit 0.8) only know `.dockerignore` and
 * send its patterns, which this client then swaps for the Dockerfile's own.
 */
import { basename, dirname, join } from 'node:path';
import { readUserTextSync } from '../fs/safe-files';
import { parseDockerignore } from '../context/dockerignore-matcher';

/** Patterns as the engine sends them (ignorefile.ReadAll), or null when the file is absent or unusable. */
function readPatterns(path: string, within: string): string[] | null {
  const read = readUserTextSync(path, { links: 'follow', within, label: 'The ignore file' });
  if (!read.ok) return null;
  try {
    return parseDockerignore(read.value.text).map((line) => line.pattern);
  } catch {
    return null;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/**
 * The exclude rewrite for the context folder: null when there is no Dockerfile-specific file
 * (the engine's patterns stand). With one, a request for the whole context whose excludes are
 * exactly the `.dockerignore` patterns (or none, without a `.dockerignore`) gets the
 * Dockerfile's own patterns instead.
 */
export function dockerfileIgnoreRewrite(
  contextDir: string,
  dockerfilePath: string,
):
  | ((requested: readonly string[] | null, includes: readonly string[] | null) => readonly string[] | null)
  | null {
  const specific = readPatterns(
    join(dirname(dockerfilePath), `${basename(dockerfilePath)}.dockerignore`),
    dirname(dockerfilePath),
  );
  if (!specific) return null;
  const generic = readPatterns(join(contextDir, '.dockerignore'), contextDir) ?? [];
  return (requested, includes) => {
    if (includes && includes.length > 0) return requested;
    return sameList(requested ?? [], generic) ? specific : requested;
  };
}
