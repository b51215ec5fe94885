/**
 * A stand-in Docker engine for unit tests: an HTTP server on a unix socket in a temp dir that
 * answers with canned responses. Real dockerode/docker-modem clients talk to it,
 * so their errors have exactly the shape they have against a real daemon, without starting one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';

export interface StubReply {
  status: number;
  /** Sent as JSON unless it is a string, which is sent as text/plain. */
  body: unknown;
  /**
   * Send these JSON lines as the start of a streamed answer (push, pull, build), then drop the
   * connection without ending it: the engine crashing or restarting mid-stream.
   */
  thenDie?: boolean;
}

/** One reply for every request, or a reply chosen by method and URL. */
export type StubResponder = StubReply | ((request: { method: string; url: string }) => StubReply);

export interface StubEngine {
  docker: Docker;
  /** Requests seen, as `METHOD /path?query`. */
  requests: string[];
  reply(next: StubResponder): void;
  close(): Promise<void>;
}

export async function startStubEngine(initial: StubResponder): Promise<StubEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'dw-stub-engine-'));
  const socketPath = join(dir, 'docker.sock');
  let current = initial;
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const request = { method: req.method ?? '', url: req.url ?? '' };
    requests.push(`${request.method} ${request.url}`);
    req.resume();
    req.on('end', () => {
      const { status, body, thenDie } = typeof current === 'function' ? current(request) : current;
      if (thenDie) {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.write((body as unknown[]).map((line) => `${JSON.stringify(line)}\r\n`).join(''));
        setTimeout(() => res.socket?.destroy(), 50);
        return;
      }
      const text = typeof body === 'string';
      res.writeHead(status, { 'Content-Type': text ? 'text/plain' : 'application/json' });
      res.end(text ? body : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    docker: new Docker({ socketPath }),
    requests,
    reply(next) {
      current = next;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A client for a unix socket that does not exist: requests fail with ENOENT. */
export function clientForMissingSocket(): { docker: Docker; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'dw-no-engine-'));
  return {
    docker: new Docker({ socketPath: join(dir, 'docker.sock') }),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A client for a TCP port nobody listens on: requests fail with ECONNREFUSED. */
export async function clientForClosedPort(): Promise<Docker> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return new Docker({ protocol: 'http', host: '127.0.0.1', port: address.port });
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
