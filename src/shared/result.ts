/**
 * Every failure a user can meet, as a value.
 *
 * Known failures travel as `{ ok: false, error }` across IPC because Electron drops custom error
 * fields on `invoke` (electron/electron#24427); only bugs throw, and the dispatcher maps those to
 * `INTERNAL`.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNKNOWN_CHANNEL'
  | 'INTERNAL'
  | 'ENGINE_UNAVAILABLE'
  | 'ENGINE_ERROR'
  | 'NOT_FOUND'
  | 'IMAGE_IN_USE'
  | 'CONFLICT'
  | 'CANCELLED'
  /** The credential store cannot be used: a missing helper, no encryption, a damaged config.json. */
  | 'CREDENTIALS';

/** A failure with a human message; `field` names the form field it belongs to, `line` a Dockerfile line. */
export interface AppError {
  code: ErrorCode;
  message: string;
  field?: string;
  line?: number;
}

/** What every request channel answers. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Wraps a value as a success. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps a failure; `extra` adds the field or line it points at. */
export function fail<T = never>(
  code: ErrorCode,
  message: string,
  extra: { field?: string; line?: number } = {},
): Result<T> {
  return { ok: false, error: { code, message, ...extra } };
}

/** Exhaustiveness check for switches over unions: a new member becomes a type error here. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
