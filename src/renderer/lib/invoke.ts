import type { RequestChannel, RequestInput, RequestOutput } from '@shared/api';
import type { AppError } from '@shared/result';

/** An AppError thrown into TanStack Query, keeping its code and field for the UI. */
export class ApiError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

/** Calls main and unwraps the result: queries and mutations want a value or a throw. */
export async function invoke<C extends RequestChannel>(
  channel: C,
  input: RequestInput<C>,
): Promise<RequestOutput<C>> {
  const result = await window.api.invoke(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
