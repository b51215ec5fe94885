/**
 * Browser mode's transport: `window.api` over one WebSocket to the server that served the page.
 *
 * The wire format is src/shared/browser-wire.ts; the server's side is main/browser/bind-web-socket.ts.
 * The socket reconnects with backoff; while it is down, requests reject with a plain message
 * that the queries show, and everything is refetched once it is back. A ping every heartbeat
 * finds a connection that died without closing.
 *
 * The socket offers the tab's session secret as a subprotocol (see browser-session.ts); a tab
 * without one never connects. A request too large for one frame is answered here with a
 * VALIDATION error naming its largest field, instead of being sent and closing the socket.
 */
import { parseSocketMessage, type SocketPing, type SocketRequest } from '@shared/browser-wire';
import type { ApiTransport } from '@shared/create-api';
import { fail } from '@shared/result';
import { MAX_FRAME_BYTES, socketProtocols } from '@shared/socket-protocols';
import { utf8Length } from '@shared/utf8-max';

/** The part of the browser's WebSocket this transport uses. */
export interface SocketLike {
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/** The browser globals the transport touches; tests pass stand-ins. */
export interface BrowserGlobals {
  location: { protocol: string; host: string };
  WebSocket: new (url: string, protocols: string[]) => SocketLike;
  open(url: string, target: string, features: string): unknown;
  setTimeout(callback: () => void, ms: number): unknown;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface BrowserTransportOptions {
  /** The tab's session secret from its sign-in link; null when this tab was not signed in. */
  sessionSecret: string | null;
  /** Called after the socket came back, to refetch what changed meanwhile. */
  onReconnect?(): void;
  /** Called with false when the socket is lost (or cannot be opened) and true when it opens. */
  onConnectionChange?(connected: boolean): void;
  /** Waits before each reconnection attempt; the last one repeats. */
  retryDelaysMs?: readonly number[];
  /**
   * How often the page pings the server. A socket that heard nothing for a whole period after a
   * ping counts as lost: a stalled tunnel or a sleeping network never delivers a close.
   */
  heartbeatMs?: number;
}

/** What a request rejects with while the server cannot be reached. */
export const CONNECTION_LOST =
  'Connection to Dockwright lost; reconnecting… (if Dockwright was restarted or this tab’s sign-in ended, open a new link from its terminal)';

/** What a request rejects with in a tab that was opened without a sign-in link. */
export const NOT_SIGNED_IN =
  'This tab is not signed in to Dockwright: open a one-time link from its terminal (press Enter there for a new one).';

const megabytes = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1)} MB`;

/** The top-level field of `input` that weighs most on the wire, to point the error at. */
function largestField(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  let largest: [string, number] | undefined;
  for (const [key, value] of Object.entries(input)) {
    const size = utf8Length(JSON.stringify(value) ?? '');
    if (!largest || size > largest[1]) largest = [key, size];
  }
  return largest?.[0];
}

const DEFAULT_DELAYS_MS = [250, 500, 1000, 2000, 4000, 5000];

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

function externalUrl(channel: string, input: unknown): string | null {
  if (channel !== 'shell:open-external' || typeof input !== 'object' || input === null) return null;
  const url = (input as { url?: unknown }).url;
  if (typeof url !== 'string') return null;
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol) ? url : null;
  } catch {
    return null;
  }
}

/** The transport for a page served by browser mode's server. */
export function createBrowserTransport(
  options: BrowserTransportOptions,
  globals: BrowserGlobals = globalThis as unknown as BrowserGlobals,
): ApiTransport {
  const delays = options.retryDelaysMs ?? DEFAULT_DELAYS_MS;
  const url = `${globals.location.protocol === 'https:' ? 'wss' : 'ws'}://${globals.location.host}/api`;
  const pending = new Map<number, Pending>();
  const subscribers = new Set<(event: string, payload: unknown) => void>();
  /** Requests made before the first connection opened: sent once it does. */
  let waiting: string[] = [];
  let socket: SocketLike | null = null;
  let open = false;
  let everOpened = false;
  let failures = 0;
  let nextId = 0;
  let heartbeat: unknown = null;

  const receive = (text: string): void => {
    const message = parseSocketMessage(text);
    if (message?.t === 'res') {
      pending.get(message.id)?.resolve(message.result);
      pending.delete(message.id);
    } else if (message?.t === 'evt') {
      for (const subscriber of subscribers) subscriber(message.event, message.payload);
    }
  };

  /** Gives up on `current`: requests in flight fail, and a new socket is tried after a delay. */
  const lose = (current: SocketLike): void => {
    if (socket !== current) return;
    open = false;
    socket = null;
    waiting = [];
    if (heartbeat !== null) globals.clearInterval(heartbeat);
    heartbeat = null;
    // Answers to requests in flight will never come: their page-side work must not hang.
    for (const request of pending.values()) request.reject(new Error(CONNECTION_LOST));
    pending.clear();
    globals.setTimeout(connect, delays[Math.min(failures, delays.length - 1)] ?? 1000);
    failures++;
    options.onConnectionChange?.(false);
  };

  const connect = (): void => {
    if (options.sessionSecret === null) return;
    const current = new globals.WebSocket(url, socketProtocols(options.sessionSecret));
    socket = current;
    let heard = true;
    current.addEventListener('open', () => {
      open = true;
      failures = 0;
      for (const text of waiting) current.send(text);
      waiting = [];
      options.onConnectionChange?.(true);
      if (everOpened) options.onReconnect?.();
      everOpened = true;
      heartbeat = globals.setInterval(() => {
        if (!heard) {
          lose(current);
          current.close();
          return;
        }
        heard = false;
        const ping: SocketPing = { t: 'ping', id: ++nextId };
        current.send(JSON.stringify(ping));
      }, options.heartbeatMs ?? 10_000);
    });
    current.addEventListener('message', (event) => {
      heard = true;
      receive(String(event.data));
    });
    current.addEventListener('close', () => lose(current));
  };
  connect();
  // Not signed in: there is nothing to connect to, say so at once.
  if (options.sessionSecret === null) options.onConnectionChange?.(false);

  return {
    invoke: (channel, input) => {
      // The handler runs on the server, maybe on another machine: links open here, in the user's browser.
      // Opened before any await so the click still counts as a user gesture for the popup blocker.
      const link = externalUrl(channel, input);
      if (link) globals.open(link, '_blank', 'noopener');
      return new Promise((resolve, reject) => {
        if (options.sessionSecret === null) {
          reject(new Error(NOT_SIGNED_IN));
          return;
        }
        if (!socket || (everOpened && !open)) {
          reject(new Error(CONNECTION_LOST));
          return;
        }
        const id = ++nextId;
        const request: SocketRequest = { t: 'req', id, channel, input };
        const text = JSON.stringify(request);
        const bytes = utf8Length(text);
        if (bytes > MAX_FRAME_BYTES) {
          // The server would close the socket on such a frame: answer like a validation error.
          const field = largestField(input);
          resolve(
            fail(
              'VALIDATION',
              `${field ? `${field}: ` : ''}This request is ${megabytes(bytes)}; at most ${megabytes(MAX_FRAME_BYTES)} can be sent.`,
              field ? { field } : {},
            ),
          );
          return;
        }
        pending.set(id, { resolve, reject });
        if (open) socket.send(text);
        else waiting.push(text);
      });
    },
    subscribe: (listener) => {
      subscribers.add(listener);
      return () => subscribers.delete(listener);
    },
  };
}
