/**
 * Threat: anyone who can reach the port, signed in or not, kills the server with one request whose
 * target `new URL` cannot parse (issue #13, finding 1). Defence: every request path reads the target
 * once, inside its handler, and answers 400 when it is malformed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pageSocket,
  rawExchange,
  requestText,
  signIn,
  upgradeHeaders,
  type Session,
} from './support/attacker';
import { bundleServe, startServerProcess, type ServerProcess } from './support/server-process';
import { rmSync } from 'node:fs';

/** Targets node's HTTP parser lets through but WHATWG URL parsing rejects. */
const MALFORMED = ['//[', '//[::1', '//a:b@[', 'http://[', '//:99999', 'http://%zz/'];

describe('browser mode: a request target the URL parser rejects', () => {
  let bundleDir = '';
  let server: ServerProcess;
  let session: Session;

  beforeAll(async () => {
    const bundled = await bundleServe();
    bundleDir = bundled.dir;
    server = await startServerProcess(bundled);
    session = await signIn(server.link);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(bundleDir, { recursive: true, force: true });
  });

  it.each(MALFORMED)(
    'answers 400 to a WebSocket upgrade to %s, signed in or not, and keeps running',
    async (target) => {
      expect(await rawExchange(server.port, requestText(target, upgradeHeaders(server.port, null)))).toBe(
        400,
      );
      expect(await rawExchange(server.port, requestText(target, upgradeHeaders(server.port, session)))).toBe(
        400,
      );
      expect(server.exitCode()).toBe(null);
    },
  );

  it.each(MALFORMED)('answers 400 to a plain GET of %s, signed in or not', async (target) => {
    const headers = { Host: `127.0.0.1:${server.port}`, Connection: 'close' };
    expect(await rawExchange(server.port, requestText(target, headers))).toBe(400);
    expect(await rawExchange(server.port, requestText(target, { ...headers, Cookie: session.cookie }))).toBe(
      400,
    );
  });

  it('still answers a signed-in page afterwards, and no error reached the process guard', async () => {
    const page = await pageSocket(server.port, session);
    expect(await page.call('app:info', {})).toMatchObject({ ok: true, value: { mode: 'browser' } });
    page.socket.close();
    expect(server.exitCode()).toBe(null);
    expect(server.stderr()).not.toMatch(/uncaught/i);
  });
});
