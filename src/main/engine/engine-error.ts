import type { AppError, ErrorCode } from '../../shared/result';

/** The shape of errors docker-modem rejects with: HTTP status plus the engine's JSON body. */
interface ModemError {
  statusCode?: number;
  reason?: string;
  json?: { message?: string } | string | Uint8Array | null;
  code?: string;
  message?: string;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'ECONNRESET',
  'EPIPE',
  'EACCES',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/** True when the request never reached a working engine (as opposed to the engine refusing it). */
export function isConnectionError(error: unknown): boolean {
  const code = (error as ModemError | undefined)?.code;
  return typeof code === 'string' && CONNECTION_CODES.has(code);
}

/** The engine's own explanation of a refused request, without docker-modem's "(HTTP code 409) …" wrapper. */
export function engineMessage(error: unknown): string {
  const modem = error as ModemError | undefined;
  const json = modem?.json;
  // A non-JSON body arrives as a Buffer; its text is still the engine's own explanation.
  if (json instanceof Uint8Array) {
    const text = Buffer.from(json).toString('utf8').trim();
    if (text) return text;
  } else if (json && typeof json === 'object' && typeof json.message === 'string') {
    return json.message;
  }
  if (typeof json === 'string' && json.trim()) return json.trim();
  return modem?.message ?? String(error);
}

/**
 * Maps an engine failure to an AppError once, at the handler boundary.
 *
 * `byStatus` lets each operation name what a status means for it (409 on image removal is "in use").
 */
export function toAppError(error: unknown, byStatus: Partial<Record<number, ErrorCode>> = {}): AppError {
  if ((error as ModemError | undefined)?.code === 'ABORT_ERR') {
    return { code: 'CANCELLED', message: 'Cancelled.' };
  }
  if (isConnectionError(error)) {
    return {
      code: 'ENGINE_UNAVAILABLE',
      message: `The Docker engine cannot be reached: ${engineMessage(error)}`,
    };
  }
  const status = (error as ModemError | undefined)?.statusCode;
  const code: ErrorCode =
    (status !== undefined ? byStatus[status] : undefined) ??
    (status === 404 ? 'NOT_FOUND' : status === 409 ? 'CONFLICT' : 'ENGINE_ERROR');
  return { code, message: engineMessage(error) };
}
