/**
 * Which shell a terminal opens when the user names no command: the best one the image has, as
 * Docker Desktop does. Busybox-only images (distroless debug, some minimal ones) keep it in /busybox.
 */

/** Looked for in this order; the first that exists is run. */
export const SHELL_CANDIDATES = ['/bin/bash', '/bin/sh', '/busybox/sh'] as const;

/** The first candidate `exists` confirms, or null when the image has none of them. */
export async function chooseShell(exists: (path: string) => Promise<boolean>): Promise<string | null> {
  for (const candidate of SHELL_CANDIDATES) {
    if (await exists(candidate)) return candidate;
  }
  return null;
}
