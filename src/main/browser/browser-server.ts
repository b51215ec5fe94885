/**
 * Browser mode's server: the built renderer over HTTP and `window.api` over one WebSocket, both
 * behind the access guard, bound to the same handler table the Electron shell uses.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import { join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import { APP_PROTOCOL, MAX_FRAME_BYTES } from '../../shared/socket-protocols';
import { mimeTypeFor } from '../mime-type';
import { createMainServices, type MainServices } from '../services';
import { createAccessGuard, isWildcardHost, type AccessGuard } from './access-guard';
import { bindWebSocket, POLICY_VIOLATION, SESSION_ENDED, socketEventSink } from './bind-web-socket';
import { keepAlive } from './keep-alive';

/** The path of the WebSocket that carries `window.api`. */
export const SOCKET_PATH = '/api';

export interface BrowserServerOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Address to listen on; loopback unless the user asked otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  env: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  /** Where the folder picker starts. */
  homeDir: string;
  /** Settings and build history (shared with the Electron app on the same machine). */
  dataDir: string;
  version?: string;
  retryDelaysMs?: readonly number[];
  /** How often each page's socket is pinged; a page that misses one ping is dropped. */
  keepAliveMs?: number;
  /** A session unused this long ends (default 12 h). */
  sessionIdleMs?: number;
  /** The clock session idle time is measured by; tests pass one they move. */
  now?: () => number;
  /** Where errors that reached no caller are reported (default: stderr). */
  log?: (line: string) => void;
}

export interface BrowserServer {
  /** `http://host:port`, the origin the pages are served from. */
  origin: string;
  port: number;
  /** A fresh one-time link that signs one browser in. */
  issueLink(): string;
  services: MainServices;
  close(): Promise<void>;
}

/** Headers on every answer: the app's CSP and no way to leak the sign-in link. No CORS headers, ever. */
const BASE_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function refuseHttp(response: ServerResponse, status: number, reason: string): void {
  // An answer already under way cannot change its status: cut it short instead.
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response
    .writeHead(status, { ...BASE_HEADERS, 'content-type': 'text/plain; charset=utf-8' })
    .end(`${reason}\n`);
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const text =
    { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 500: 'Internal Server Error' }[status] ??
    'Forbidden';
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n${reason}\n`,
  );
}

/**
 * The path of a request's target; null when the URL parser rejects it (`//[` is one). Read once,
 * where it can be answered with 400: a throw here used to escape every handler and end the process.
 */
function targetPath(request: IncomingMessage): string | null {
  try {
    return new URL(request.url ?? '/', 'http://local').pathname;
  } catch {
    return null;
  }
}

async function serveFile(
  rendererDir: string,
  pathname: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  let path: string;
  try {
    path = normalize(join(rendererDir, pathname === '/' ? 'index.html' : decodeURIComponent(pathname)));
  } catch {
    refuseHttp(response, 400, 'Bad path');
    return;
  }
  if (!path.startsWith(rendererDir + sep)) {
    refuseHttp(response, 404, 'Not found');
    return;
  }
  const data = await readFile(path).catch(() => null);
  if (!data) {
    refuseHttp(response, 404, 'Not found');
    return;
  }
  response.writeHead(200, { ...BASE_HEADERS, 'content-type': mimeTypeFor(path) });
  response.end(request.method === 'HEAD' ? undefined : data);
}

/** Starts the server; resolves once it listens. */
export async function createBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const host = options.host ?? '127.0.0.1';
  const rendererDir = resolve(options.rendererDir);
  const log = options.log ?? ((line: string) => console.error(line));
  // Set once listening: the guard needs the port, and nothing can connect before that.
  let guard: AccessGuard | null = null;
  /** Each open page's socket, with the session it was opened under. */
  const sockets = new Map<WebSocket, string>();
  /** Sockets whose session still lives; those of an ended session are closed instead. */
  const liveSockets = function* (): Iterable<WebSocket> {
    for (const [socket, session] of sockets) {
      if (guard?.sessionLive(session, false)) yield socket;
      else socket.close(POLICY_VIOLATION, SESSION_ENDED);
    }
  };
  const services = createMainServices({
    env: options.env,
    platform: options.platform ?? process.platform,
    homeDir: options.homeDir,
    dataDir: options.dataDir,
    emit: socketEventSink(liveSockets),
    // The handler runs here, possibly on another machine: the page opens links itself (see browser-transport.ts).
    openExternal: async () => {},
    // No native dialogs in a browser: the page shows its own picker over `fs:list-folders`.
    dialogs: { pickFolder: async () => null, pickFile: async () => null, saveFile: async () => null },
    // No OS keyring reachable from plain node: Dockwright's own encrypted store is not used (a key
    // kept next to it would be plaintext in disguise). Logins are kept for the session, or saved
    // with a docker credential helper, or unencrypted in config.json when the user asks.
    secretCrypto: {
      isAvailable: () => false,
      whyUnavailable: () =>
        "browser mode's server runs without Electron, so it cannot reach the system keyring to encrypt saved logins",
      encrypt: () => {
        throw new Error('No secret storage in browser mode');
      },
      decrypt: () => {
        throw new Error('No secret storage in browser mode');
      },
    },
    mode: 'browser',
    ...(options.version ? { version: options.version } : {}),
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
  });

  const server = createServer((request, response) => {
    try {
      answerHttp(request, response);
    } catch (error) {
      log(`Dockwright: answering ${request.method ?? '?'} failed: ${describe(error)}`);
      refuseHttp(response, 500, 'Internal error');
    }
  });
  const answerHttp = (request: IncomingMessage, response: ServerResponse): void => {
    if (!guard) return refuseHttp(response, 503, 'Starting');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return refuseHttp(response, 405, 'Method not allowed');
    }
    const pathname = targetPath(request);
    if (pathname === null) return refuseHttp(response, 400, 'Bad request target');
    const decision = guard.checkRequest(request);
    if (decision.verdict === 'refuse') return refuseHttp(response, decision.status, decision.reason);
    if (decision.verdict === 'enter') {
      response.writeHead(303, {
        ...BASE_HEADERS,
        location: decision.location,
        ...(decision.setCookie ? { 'set-cookie': decision.setCookie } : {}),
      });
      response.end();
      return;
    }
    serveFile(rendererDir, pathname, request, response).catch(() =>
      refuseHttp(response, 500, 'Could not read the file'),
    );
  };

  const webSockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    // Picks our protocol, never the one carrying the secret: the secret is not echoed back.
    handleProtocols: (offered) => (offered.has(APP_PROTOCOL) ? APP_PROTOCOL : false),
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      answerUpgrade(request, socket, head);
    } catch (error) {
      log(`Dockwright: answering a WebSocket upgrade failed: ${describe(error)}`);
      refuseUpgrade(socket, 500, 'Internal error');
    }
  });
  const answerUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (!guard) return refuseUpgrade(socket, 403, 'Starting');
    const pathname = targetPath(request);
    if (pathname === null) return refuseUpgrade(socket, 400, 'Bad request target');
    if (pathname !== SOCKET_PATH) return refuseUpgrade(socket, 404, 'Not found');
    const decision = guard.checkUpgrade(request);
    if (decision.verdict === 'refuse') return refuseUpgrade(socket, decision.status, decision.reason);
    if (decision.verdict !== 'allow') return refuseUpgrade(socket, 403, 'Refused');
    const access = guard;
    webSockets.handleUpgrade(request, socket, head, (webSocket) => {
      sockets.set(webSocket, decision.session);
      webSocket.on('close', () => sockets.delete(webSocket));
      keepAlive(webSocket, options.keepAliveMs ?? 20_000);
      bindWebSocket(webSocket, services.dispatch, {
        admit: () => access.sessionLive(decision.session, true),
        log,
      });
    });
  };

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    services.dispose();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const access = createAccessGuard({
    host,
    port,
    ...(options.sessionIdleMs ? { idleMs: options.sessionIdleMs } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  guard = access;

  // On a wildcard bind this machine's loopback works; other addresses are the user's to pick.
  const linkHost = isWildcardHost(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const origin = `http://${linkHost}:${port}`;
  let closing: Promise<void> | null = null;
  return {
    origin,
    port,
    issueLink: () => `${origin}/?token=${access.issueToken()}`,
    services,
    close: () =>
      (closing ??= (async () => {
        for (const webSocket of sockets.keys()) webSocket.terminate();
        webSockets.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        services.dispose();
      })()),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
