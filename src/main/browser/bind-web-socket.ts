/**
 * Binds the handler table to one browser WebSocket: browser mode's counterpart of `ipc.ts`.
 * The wire format is src/shared/browser-wire.ts; the page's side is browser-transport.ts.
 */
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import { parseSocketRequest, type SocketMessage } from '../../shared/browser-wire';
import { fail } from '../../shared/result';
import type { EventSink } from '../../shared/api';
import type { Dispatch } from '../handlers';
import type { RequestPage } from '../request-page';

/** Closes the socket on anything but a well-formed request: a page of ours never sends one. */
export const POLICY_VIOLATION = 1008;

/** The close reason when the socket's session ended (idle too long). */
export const SESSION_ENDED = 'Session ended';

export interface BindOptions {
  /** Whether the socket's session still lives; asked (and counted as activity) before each request. */
  admit?(): boolean;
  /** Where a failure that reached no caller is reported. */
  log?(line: string): void;
}

/**
 * Answers the socket's requests through `dispatch`. Work a request started is aborted when its
 * page goes away (long operations such as builds have their own ids and are not tied to it).
 *
 * Nothing a peer sends can throw out of here: a protocol error (bad UTF-8, an oversized or
 * malformed frame) closes this socket with its RFC 6455 code, as `ws` does once an 'error'
 * listener exists (without one, `ws` rethrows and the process ends); a handler that throws
 * anyway is answered with INTERNAL.
 */
export function bindWebSocket(socket: WebSocket, dispatch: Dispatch, options: BindOptions = {}): void {
  const log = options.log ?? ((line: string) => console.error(line));
  // One controller per request, not one shared signal: every engine call listens on its signal, and
  // a dozen requests in flight on one page would pile their listeners onto a single AbortSignal.
  const inFlight = new Set<AbortController>();
  const page: RequestPage = {
    id: randomUUID(),
    emit: (event, payload) => send(socket, { t: 'evt', event, payload }),
    onGone: (listener) => socket.once('close', listener),
  };
  socket.on('close', () => inFlight.forEach((request) => request.abort()));
  // `ws` has already sent the close frame with the error's code; the peer's fault, nothing to log.
  socket.on('error', () => {});
  socket.on('message', (data, isBinary) => {
    let id: number | null = null;
    try {
      const request = isBinary ? null : parseSocketRequest(data.toString());
      if (!request) {
        socket.close(POLICY_VIOLATION, 'Malformed request');
        return;
      }
      if (request.t === 'ping') {
        send(socket, { t: 'pong', id: request.id });
        return;
      }
      if (options.admit && !options.admit()) {
        socket.close(POLICY_VIOLATION, SESSION_ENDED);
        return;
      }
      id = request.id;
      const answered = id;
      const work = new AbortController();
      inFlight.add(work);
      dispatch(request.channel, request.input, work.signal, page)
        .catch((error: unknown) => internal(error, log))
        .finally(() => inFlight.delete(work))
        .then((result) => send(socket, { t: 'res', id: answered, result }))
        .catch((error: unknown) => log(`Dockwright: answering a request failed: ${String(error)}`));
    } catch (error) {
      const result = internal(error, log);
      if (id !== null) send(socket, { t: 'res', id, result });
    }
  });
}

function internal(error: unknown, log: (line: string) => void) {
  log(
    `Dockwright: a request handler threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return fail('INTERNAL', 'Dockwright hit an unexpected error answering this request; see its terminal.');
}

function send(socket: WebSocket, message: SocketMessage): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
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
