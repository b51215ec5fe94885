/** Why a context cannot be planned or sent. */
export type ContextErrorCode =
  'CONTEXT_NOT_FOUND' | 'DOCKERFILE_NOT_FOUND' | 'CONTEXT_UNREADABLE' | 'DOCKERIGNORE_INVALID';

/**
 * A build context problem, found before anything is sent; `path` is the absolute path at fault
 * (the first one, when a walk found several) and the message names them (relative to the
 * context) with what to do. `paths` holds every absolute path at fault, `path` first.
 */
export class ContextError extends Error {
  readonly paths: readonly string[];

  constructor(
    readonly code: ContextErrorCode,
    readonly path: string,
    message: string,
    paths?: readonly string[],
  ) {
    super(message);
    this.name = 'ContextError';
    this.paths = paths && paths.length > 0 ? paths : [path];
  }
}

/** The errno code of a Node file-system error, if it is one. */
export function errnoCode(error: unknown): string | undefined {
  return error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
}
