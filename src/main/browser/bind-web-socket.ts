/**
 * Binds the handler table to one browser WebSocket: browser mode's counterpart of `ipc.ts`.
 *
 * Wire format (JSON text frames; the renderer side is src/renderer/app/browser-transport.ts):
 * requests `{t:'req', id, channel, input}` are answered by `{t:'res', id, result}`, and events
 * go out as `{t:'evt', event, payload}`. Validation stays in `dispatch`, as for Electron IPC.
 */
import { WebSocket } from 'ws';
import type { EventChannel, EventPayloads } from '../../shared/api';
import type { Result } from '../../shared/result';
import type { Dispatch, EventSink } from '../handlers';

/** A request from the page. */
export interface SocketRequest {
  t: 'req';
  id: number;
  channel: string;
  input: unknown;
}

/** What the server sends: an answer to one request, or an event for every page. */
export type SocketMessage =
  | { t: 'res'; id: number; result: Result<unknown> }
  | { t: 'evt'; event: EventChannel; payload: EventPayloads[EventChannel] };

/** Reads one frame; null when it is not a well-formed request. */
export function parseSocketRequest(text: string): SocketRequest | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { t, id, channel, input } = value as Record<string, unknown>;
  if (t !== 'req' || !Number.isSafeInteger(id) || typeof channel !== 'string') return null;
  return { t, id: id as number, channel, input };
}

/** Closes the socket on anything but a well-formed request: a page of ours never sends one. */
const POLICY_VIOLATION = 1008;

/**
 * Answers the socket's requests through `dispatch`. Work a request started is aborted when its
 * page goes away (long operations such as builds have their own ids and are not tied to it).
 */
export function bindWebSocket(socket: WebSocket, dispatch: Dispatch): void {
  const gone = new AbortController();
  socket.on('close', () => gone.abort());
  socket.on('message', (data, isBinary) => {
    const request = isBinary ? null : parseSocketRequest(data.toString());
    if (!request) {
      socket.close(POLICY_VIOLATION, 'Malformed request');
      return;
    }
    void dispatch(request.channel, request.input, gone.signal).then((result) => {
      if (socket.readyState !== WebSocket.OPEN) return;
      const answer: SocketMessage = { t: 'res', id: request.id, result };
      socket.send(JSON.stringify(answer));
    });
  });
}

/** An event sink that sends every event to every open page. */
export function socketEventSink(sockets: () => Iterable<WebSocket>): EventSink {
  return (event, payload) => {
    const message: SocketMessage = { t: 'evt', event, payload };
    const text = JSON.stringify(message);
    for (const socket of sockets()) {
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
    }
  };
}
