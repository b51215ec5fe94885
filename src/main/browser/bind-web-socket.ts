/**
 * Binds the handler table to one browser WebSocket: browser mode's counterpart of `ipc.ts`.
 * The wire format is src/shared/browser-wire.ts; the page's side is browser-transport.ts.
 */
import { WebSocket } from 'ws';
import { parseSocketRequest, type SocketMessage } from '../../shared/browser-wire';
import type { Dispatch, EventSink } from '../handlers';

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
    if (request.t === 'ping') {
      send(socket, { t: 'pong', id: request.id });
      return;
    }
    void dispatch(request.channel, request.input, gone.signal).then((result) =>
      send(socket, { t: 'res', id: request.id, result }),
    );
  });
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
