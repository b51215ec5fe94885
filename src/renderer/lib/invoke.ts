import type { RequestChannel, RequestInput, RequestOutput } from '@shared/api';
import type { AppError } from '@shared/result';

/** An AppError thrown into TanStack Query, keeping its code and field for the UI. */
export class ApiError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

/**
 * Calls main and unwraps the result: queries and mutations want a value or a throw. Only the
 * features' `api/` folders call it (lint-enforced), so every request has one home.
 */
export async function invoke<C extends RequestChannel>(
  channel: C,
  input: RequestInput<C>,
): Promise<RequestOutput<C>> {
  const result = await window.api.invoke(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

/** The AppError behind a failed request, or null when it failed some other way (or not at all). */
export function appErrorOf(error: unknown): AppError | null {
  return error instanceof ApiError ? error.error : null;
}

/** What to tell the user about a failure: main's message for a refused request, else the thrown one. */
export function errorMessage(error: unknown): string | null {
  if (error === null || error === undefined) return null;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Main's message when it refused the request because of `field` (or a field `field` matches,
 * such as every `buildArgs.*`), for the FieldError under that field; null otherwise.
 */
export function fieldErrorOf(error: unknown, field: string | ((name: string) => boolean)): string | null {
  const known = appErrorOf(error);
  if (!known?.field) return null;
  const matches = typeof field === 'string' ? known.field === field : field(known.field);
  return matches ? known.message : null;
}
