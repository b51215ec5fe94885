import type Docker from 'dockerode';
import { fail, type ErrorCode, type Result } from '../../shared/result';
import type { EngineConnection } from './engine-connection';
import { isConnectionError, toAppError } from './engine-error';

/**
 * Runs `work` against the connected engine and maps its failures once: no engine, a refused
 * request (with `byStatus` naming what an HTTP status means for this operation), or a connection
 * that broke — the earliest sign the engine went away, so it also triggers a reconnect.
 *
 * `work` returns a Result itself where it knows failures of its own (a port in use, a bad name).
 */
export async function withEngine<T>(
  connection: EngineConnection,
  work: (docker: Docker) => Promise<Result<T>>,
  byStatus: Partial<Record<number, ErrorCode>> = {},
): Promise<Result<T>> {
  const docker = connection.client();
  if (!docker) return fail('ENGINE_UNAVAILABLE', 'No Docker engine is connected.');
  try {
    return await work(docker);
  } catch (error) {
    if (isConnectionError(error)) void connection.reconnect();
    return { ok: false, error: toAppError(error, byStatus) };
  }
}
