/**
 * Threat: cookies ignore ports, so any other process serving a page on another port of 127.0.0.1
 * receives browser mode's session cookie, and any local process can replay it with a forged Host
 * and Origin (issue #13, finding 9). Defence: the cookie alone opens no socket. The sign-in
 * redirect hands the page a per-session secret in its #fragment (never sent to any server, and
 * kept in the tab's sessionStorage, which only our origin reads); the WebSocket upgrade must carry
 * it as a subprotocol, next to the cookie it belongs to. Sessions end after an idle time (12 h by
 * default) and with the process.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBrowserServer, type BrowserServer } from '../../../src/main/browser/browser-server';
import {
  APP_PROTOCOL,
  get,
  pageSocket,
  sessionProtocol,
  signIn,
  tryUpgrade,
  type Session,
} from './support/attacker';

const HOUR = 3_600_000;

describe('browser mode: the session is bound to a secret only our page holds', () => {
  const dirs: string[] = [];
  const servers: BrowserServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** The real server, no engine (DOCKER_HOST names a socket that does not exist), a clock the test moves. */
  async function start(options: { sessionIdleMs?: number; port?: number } = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'dw-session-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>\n');
    const clock = { now: 1_000_000 };
    const server = await createBrowserServer({
      rendererDir: dir,
      port: options.port ?? 0,
      env: { DOCKER_HOST: `unix://${join(dir, 'no-engine.sock')}` },
      homeDir: dir,
      dataDir: join(dir, 'data'),
      now: () => clock.now,
      ...(options.sessionIdleMs ? { sessionIdleMs: options.sessionIdleMs } : {}),
    });
    servers.push(server);
    return { server, clock };
  }

  /** What a local process sends when it replays the cookie: our Host and our Origin, forged. */
  const forged = (server: BrowserServer, session: Session) => ({
    cookie: session.cookie,
    origin: server.origin,
    host: `127.0.0.1:${server.port}`,
  });

  it('hands the secret over in the redirect’s #fragment, apart from the HttpOnly cookie', async () => {
    const { server } = await start();
    const answer = await get(server.issueLink());
    expect(answer.status).toBe(303);
    const location = String(answer.headers['location']);
    expect(location).toMatch(/^\/#session=[A-Za-z0-9_-]{43}$/);
    const cookie = String(answer.headers['set-cookie']);
    expect(cookie).toMatch(
      new RegExp(`^dockwright_session_${server.port}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$`),
    );
    expect(cookie).not.toContain(location.slice('/#session='.length));
  });

  it('refuses a replayed cookie with forged Origin and Host unless the upgrade carries its secret', async () => {
    const { server } = await start();
    const session = await signIn(server.issueLink());
    const headers = forged(server, session);
    expect(await tryUpgrade(server.port, headers)).toBe(401);
    expect(session.secret).not.toBe(null);
    expect(await tryUpgrade(server.port, headers, [APP_PROTOCOL])).toBe(401);
    expect(await tryUpgrade(server.port, headers, [APP_PROTOCOL, sessionProtocol('A'.repeat(43))])).toBe(401);
    // The secret of another session does not go with this cookie.
    const other = await signIn(server.issueLink());
    expect(await tryUpgrade(server.port, headers, [APP_PROTOCOL, sessionProtocol(other.secret!)])).toBe(401);
    // The page that holds the secret gets in, and is answered.
    expect(await tryUpgrade(server.port, headers, [APP_PROTOCOL, sessionProtocol(session.secret!)])).toBe(
      'open',
    );
    const page = await pageSocket(server.port, session);
    expect(page.socket.protocol).toBe(APP_PROTOCOL);
    expect(await page.call('app:info', {})).toMatchObject({ ok: true, value: { mode: 'browser' } });
    page.socket.close();
  });

  it('never hands the secret out again: an old link opened with the cookie is refused', async () => {
    const { server } = await start();
    const link = server.issueLink();
    const session = await signIn(link);
    const again = await get(link, { cookie: session.cookie });
    expect(again.status).toBe(403);
    expect(String(again.headers['location'] ?? '')).not.toContain(session.secret!);
    expect(again.body).not.toContain(session.secret!);
  });

  it('lets a second link in the same browser add a secret to its session, and both tabs keep working', async () => {
    const { server } = await start();
    const first = await signIn(server.issueLink());
    const answer = await get(server.issueLink(), { cookie: first.cookie });
    expect(answer.status).toBe(303);
    expect(answer.headers['set-cookie']).toBeUndefined();
    const secondSecret = /#session=(.+)$/.exec(String(answer.headers['location']))![1]!;
    for (const secret of [first.secret!, secondSecret]) {
      expect(
        await tryUpgrade(server.port, forged(server, first), [APP_PROTOCOL, sessionProtocol(secret)]),
      ).toBe('open');
    }
  });

  it('ends a session idle for 12 hours by default: pages, upgrades and an open socket’s next request', async () => {
    const { server, clock } = await start();
    const session = await signIn(server.issueLink());
    const protocols = [APP_PROTOCOL, sessionProtocol(session.secret!)];
    const page = await pageSocket(server.port, session);
    clock.now += 11 * HOUR;
    // Activity moves the deadline.
    expect(await page.call('app:info', {})).toMatchObject({ ok: true });
    clock.now += 12 * HOUR - 1;
    expect((await get(`${server.origin}/`, { cookie: session.cookie })).status).toBe(200);
    clock.now += 12 * HOUR + 1;
    expect((await get(`${server.origin}/`, { cookie: session.cookie })).status).toBe(401);
    expect(await tryUpgrade(server.port, forged(server, session), protocols)).toBe(401);
    await expect(page.call('app:info', {})).rejects.toThrow(/socket closed \(1008\)/);
  });

  it('takes the idle time from its options', async () => {
    const { server, clock } = await start({ sessionIdleMs: 30 * 60_000 });
    const session = await signIn(server.issueLink());
    clock.now += 30 * 60_000 + 1;
    expect((await get(`${server.origin}/`, { cookie: session.cookie })).status).toBe(401);
  });

  it('forgets every session when the server restarts', async () => {
    const first = await start();
    const session = await signIn(first.server.issueLink());
    const port = first.server.port;
    await first.server.close();
    const { server } = await start({ port });
    expect(server.port).toBe(port);
    expect((await get(`${server.origin}/`, { cookie: session.cookie })).status).toBe(401);
    expect(
      await tryUpgrade(port, forged(server, session), [
        APP_PROTOCOL,
        sessionProtocol(session.secret ?? 'none'),
      ]),
    ).toBe(401);
  });
});
