/*
 * Opens a BuildKit session on the engine: `POST /session` upgraded to h2c, after which the
 * engine is the gRPC client and we serve (moby/buildkit session/manager.go HandleHTTPRequest,
 * v0.8.0 73fe4736135645a342abc7b587bba0994cccf0f9; docker/cli v20.10.9 build_session.go).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { serveGrpc, type GrpcHandler } from './grpc-server';

/** Where the engine's API listens, as dockerode's modem knows it. */
export interface EngineAddress {
  socketPath: string | null;
  host: string | null;
  port: number | null;
  protocol: 'http' | 'https';
  /** API version prefix such as `v1.41`, or null for the engine's own. */
  version: string | null;
  tls: { ca?: string | Buffer; cert?: string | Buffer; key?: string | Buffer } | null;
}

interface ModemFields {
  socketPath?: string | (() => Promise<string>);
  host?: string;
  port?: number | string;
  protocol?: string;
  version?: string;
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
}

/** The engine address of a dockerode client; null for transports a session cannot use (ssh). */
export function engineAddressOf(docker: Docker): EngineAddress | null {
  const modem = (docker as unknown as { modem: ModemFields }).modem;
  const protocol =
    modem.protocol === 'https' ? 'https' : modem.protocol === 'http' || !modem.protocol ? 'http' : null;
  if (protocol === null) return null;
  const socketPath = typeof modem.socketPath === 'string' ? modem.socketPath : null;
  if (!socketPath && !modem.host) return null;
  return {
    socketPath: modem.host ? null : socketPath,
    host: modem.host ?? null,
    port: modem.port === undefined ? null : Number(modem.port),
    protocol,
    version: modem.version ?? null,
    tls: protocol === 'https' ? { ca: modem.ca, cert: modem.cert, key: modem.key } : null,
  };
}

/** What the session announces about itself. */
export interface SessionIdentity {
  id: string;
  /** Shown by the engine; the CLI uses the context folder's name. */
  name: string;
  /** Lets the engine reuse the previous transfer of the same folder (see buildSharedKey). */
  sharedKey: string;
}

/** A BuildKit-style session id: 25 base-36 characters, like moby/buildkit identity.NewID. */
export function newSessionId(): string {
  let id = '';
  for (const byte of randomBytes(25)) id += (byte % 36).toString(36);
  return id;
}

/** An open session; close it when the build's response has ended. */
export interface OpenSession {
  identity: SessionIdentity;
  /** Ends the session (the engine then fails whatever still needs it). Idempotent. */
  close(): void;
  /** Resolves when the connection has ended, for whichever reason. */
  closed: Promise<void>;
}

function upgradeRequest(
  address: EngineAddress,
  headers: http.OutgoingHttpHeaders,
  signal: AbortSignal | undefined,
): Promise<{ socket: Duplex; head: Buffer }> {
  return new Promise((resolve, reject) => {
    const path = `${address.version ? `/${address.version}` : ''}/session`;
    const options: https.RequestOptions = {
      method: 'POST',
      path,
      headers: { ...headers, Connection: 'Upgrade', Upgrade: 'h2c' },
      ...(signal ? { signal } : {}),
    };
    if (address.socketPath) options.socketPath = address.socketPath;
    else {
      options.host = address.host!;
      if (address.port !== null) options.port = address.port;
    }
    const request =
      address.protocol === 'https' ? https.request({ ...options, ...address.tls }) : http.request(options);
    request.on('upgrade', (_response, socket, head) => resolve({ socket, head }));
    request.on('response', (response) => {
      const parts: Buffer[] = [];
      response.on('data', (chunk: Buffer) => parts.push(chunk));
      response.on('end', () =>
        reject(
          new Error(
            `the engine refused a build session (HTTP ${response.statusCode}): ${Buffer.concat(parts).toString('utf8').trim()}`,
          ),
        ),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

/**
 * Opens the session and serves `handlers` on it. `signal` aborts the upgrade and, later, closes
 * the session.
 */
export async function openSession(
  address: EngineAddress,
  identity: SessionIdentity,
  handlers: ReadonlyMap<string, GrpcHandler>,
  signal?: AbortSignal,
): Promise<OpenSession> {
  const { socket, head } = await upgradeRequest(
    address,
    {
      'X-Docker-Expose-Session-Uuid': identity.id,
      'X-Docker-Expose-Session-Name': identity.name,
      'X-Docker-Expose-Session-Sharedkey': identity.sharedKey,
      // One header line per method: the engine reads them as a list.
      'X-Docker-Expose-Session-Grpc-Method': [...handlers.keys()],
    },
    signal,
  );
  // Bytes the engine sent right after the 101 (its HTTP/2 preface) go back in front of the
  // socket; Node's HTTP/2 session reads a socket's buffered data before its handle.
  if (head.length > 0) socket.unshift(head);
  const session = http2.performServerHandshake(socket);
  serveGrpc(session, handlers);
  session.on('error', () => undefined);
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
  });
  let closing = false;
  const close = (): void => {
    if (closing) return;
    closing = true;
    signal?.removeEventListener('abort', close);
    session.destroy();
    socket.destroy();
  };
  session.once('close', close);
  if (signal?.aborted) close();
  else signal?.addEventListener('abort', close, { once: true });
  return { identity, close, closed };
}
