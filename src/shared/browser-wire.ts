/**
 * Browser mode's wire format over its one WebSocket (JSON text frames), for both ends:
 * requests `{t:'req', id, channel, input}` are answered by `{t:'res', id, result}`, and events
 * go out as `{t:'evt', event, payload}`; the page's heartbeat `{t:'ping', id}` is answered by
 * `{t:'pong', id}`. Validation of `input` stays in `dispatch`, as for Electron IPC; these readers
 * only check the envelope.
 */
import type { EventChannel, EventPayloads } from './api';
import { fail, type Result } from './result';

/** What a request resolves to when the server's answer to it is not a result. */
export const MALFORMED_ANSWER = 'The app sent back an answer it could not read.';

/** A request from the page. */
export interface SocketRequest {
  t: 'req';
  id: number;
  channel: string;
  input: unknown;
}

/** A page asking whether the server still hears it; answered by a pong with the same id. */
export interface SocketPing {
  t: 'ping';
  id: number;
}

/** What the server sends: an answer to one request, an event for every page, or a pong. */
export type SocketMessage =
  | { t: 'res'; id: number; result: Result<unknown> }
  | { t: 'evt'; event: EventChannel; payload: EventPayloads[EventChannel] }
  | { t: 'pong'; id: number };

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Reads one frame from a page; null when it is neither a well-formed request nor a ping. */
export function parseSocketRequest(text: string): SocketRequest | SocketPing | null {
  const value = parseObject(text);
  if (!value) return null;
  const { t, id, channel, input } = value;
  if (!Number.isSafeInteger(id)) return null;
  if (t === 'ping') return { t, id: id as number };
  if (t !== 'req' || typeof channel !== 'string') return null;
  return { t, id: id as number, channel, input };
}

/**
 * Reads one frame from the server; null when it is not an answer, an event or a pong. The result and
 * payload are the server's own, typed by the contract it was built from; only the result's envelope
 * is checked, and an answer without one becomes an `INTERNAL` failure.
 */
export function parseSocketMessage(text: string): SocketMessage | null {
  const value = parseObject(text);
  if (!value) return null;
  if (value.t === 'res' && Number.isSafeInteger(value.id)) {
    // The request is still waiting for this answer: a malformed one settles it as a failure.
    if (!isResult(value.result))
      return { t: 'res', id: value.id as number, result: fail('INTERNAL', MALFORMED_ANSWER) };
    return value as unknown as SocketMessage;
  }
  if (value.t === 'evt' && typeof value.event === 'string') return value as unknown as SocketMessage;
  if (value.t === 'pong' && Number.isSafeInteger(value.id)) return { t: 'pong', id: value.id as number };
  return null;
}

/** Checks a result's envelope: callers read `ok`, then `error.message` on a failure. */
function isResult(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { ok, error } = value as Record<string, unknown>;
  if (ok === true) return true;
  if (ok !== false || typeof error !== 'object' || error === null) return false;
  const { code, message } = error as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string';
}
