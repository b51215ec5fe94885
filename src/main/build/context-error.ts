/** Why a context cannot be planned or sent. */
export type ContextErrorCode =
  | 'CONTEXT_NOT_FOUND'
  | 'DOCKERFILE_NOT_FOUND'
  | 'CONTEXT_UNREADABLE'
  | 'CONTEXT_BROKEN_SYMLINK'
  | 'CONTEXT_SPECIAL_FILE'
  | 'DOCKERIGNORE_INVALID';

/**
 * A build context problem, found before anything is sent; `path` is the absolute path at fault and
 * the message names it (relative to the context) with what to do.
 */
export class ContextError extends Error {
  constructor(
    readonly code: ContextErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'ContextError';
  }
}

/** The errno code of a Node file-system error, if it is one. */
export function errnoCode(error: unknown): string | undefined {
  return error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
}
