import { describe, expect, it } from 'vitest';
import {
  createAccessGuard,
  isLoopbackHost,
  type AccessDecision,
  type RequestFacts,
} from '../../../../src/main/browser/access-guard';

const PORT = 41234;

function guardWithCounter(host = '127.0.0.1', extra: { idleMs?: number; now?: () => number } = {}) {
  let counter = 0;
  return createAccessGuard({ host, port: PORT, randomSecret: () => `secret-${++counter}`, ...extra });
}

const request = (url: string, headers: Record<string, string> = {}): RequestFacts => ({
  url,
  headers: { host: `127.0.0.1:${PORT}`, ...headers },
});

/** Opens the one-time link and returns the cookie header a browser would send afterwards. */
function signIn(guard: ReturnType<typeof createAccessGuard>): string {
  return signInTab(guard).cookie;
}

/** Opens the one-time link: the cookie, and the secret the page finds in the redirect's #fragment. */
function signInTab(guard: ReturnType<typeof createAccessGuard>): { cookie: string; secret: string } {
  const decision = guard.checkRequest(request(`/?token=${guard.issueToken()}`));
  if (decision.verdict !== 'enter' || !decision.setCookie) throw new Error('sign-in failed');
  return { cookie: decision.setCookie.split(';')[0]!, secret: decision.location.split('#session=')[1]! };
}

/** The upgrade headers of a signed-in tab. */
const tabUpgrade = (tab: { cookie: string; secret: string }, headers: Record<string, string> = {}) =>
  request('/api', {
    cookie: tab.cookie,
    origin: `http://127.0.0.1:${PORT}`,
    'sec-websocket-protocol': `dockwright, dockwright.session.${tab.secret}`,
    ...headers,
  });

const status = (decision: AccessDecision): number | string =>
  decision.verdict === 'refuse' ? decision.status : decision.verdict;

describe('createAccessGuard', () => {
  describe('the one-time link', () => {
    it('exchanges a fresh token for an HttpOnly SameSite=Strict session cookie and a redirect with the secret in its #fragment', () => {
      const guard = guardWithCounter();
      const token = guard.issueToken();
      const decision = guard.checkRequest(request(`/?token=${token}`));
      expect(decision).toEqual({
        verdict: 'enter',
        location: '/#session=secret-2',
        setCookie: `dockwright_session_${PORT}=secret-3; Path=/; HttpOnly; SameSite=Strict`,
      });
    });

    it('signs in only once: the same token is refused to a browser without the cookie', () => {
      const guard = guardWithCounter();
      const token = guard.issueToken();
      expect(guard.checkRequest(request(`/?token=${token}`)).verdict).toBe('enter');
      const again = guard.checkRequest(request(`/?token=${token}`));
      expect(again).toMatchObject({ verdict: 'refuse', status: 403 });
      expect(again.verdict === 'refuse' && again.reason).toMatch(/already used/);
    });

    it('refuses a wrong token', () => {
      const guard = guardWithCounter();
      guard.issueToken();
      const decision = guard.checkRequest(request('/?token=guessed'));
      expect(decision).toMatchObject({ verdict: 'refuse', status: 403 });
      expect(decision.verdict === 'refuse' && decision.reason).toMatch(/not valid/);
    });

    it('refuses an empty token', () => {
      const guard = guardWithCounter();
      guard.issueToken();
      expect(status(guard.checkRequest(request('/?token=')))).toBe(403);
    });

    it('never hands a secret out again: an old link is refused even with the session cookie', () => {
      const guard = guardWithCounter();
      const cookie = signIn(guard);
      expect(status(guard.checkRequest(request('/?token=secret-1', { cookie })))).toBe(403);
    });

    it('adds a new link’s secret to the session of a browser already signed in, without a new cookie', () => {
      const guard = guardWithCounter();
      const first = signInTab(guard);
      const decision = guard.checkRequest(request(`/?token=${guard.issueToken()}`, { cookie: first.cookie }));
      expect(decision).toEqual({ verdict: 'enter', location: '/#session=secret-5', setCookie: null });
      expect(guard.checkUpgrade(tabUpgrade(first)).verdict).toBe('allow');
      expect(guard.checkUpgrade(tabUpgrade({ cookie: first.cookie, secret: 'secret-5' })).verdict).toBe(
        'allow',
      );
    });

    it('issues independent links: each signs in once', () => {
      const guard = guardWithCounter();
      const first = guard.issueToken();
      const second = guard.issueToken();
      expect(first).not.toBe(second);
      expect(guard.checkRequest(request(`/?token=${second}`)).verdict).toBe('enter');
      expect(guard.checkRequest(request(`/?token=${first}`)).verdict).toBe('enter');
      expect(status(guard.checkRequest(request(`/?token=${first}`)))).toBe(403);
    });

    it('uses 256-bit random tokens by default', () => {
      const guard = createAccessGuard({ host: '127.0.0.1', port: PORT });
      const token = guard.issueToken();
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(guard.issueToken()).not.toBe(token);
    });
  });

  describe('the session cookie', () => {
    it('asks for the link when there is no cookie and no token', () => {
      const decision = guardWithCounter().checkRequest(request('/'));
      expect(decision).toMatchObject({ verdict: 'refuse', status: 401 });
      expect(decision.verdict === 'refuse' && decision.reason).toMatch(/one-time link/);
    });

    it('lets a signed-in browser load pages and assets', () => {
      const guard = guardWithCounter();
      const cookie = signIn(guard);
      expect(guard.checkRequest(request('/', { cookie })).verdict).toBe('allow');
      expect(
        guard.checkRequest(request('/assets/index.js', { cookie: `other=1; ${cookie}; x=y` })).verdict,
      ).toBe('allow');
    });

    it('refuses a made-up session, and a token passed as the cookie', () => {
      const guard = guardWithCounter();
      const token = guard.issueToken();
      expect(status(guard.checkRequest(request('/', { cookie: `dockwright_session_${PORT}=forged` })))).toBe(
        401,
      );
      expect(
        status(guard.checkRequest(request('/', { cookie: `dockwright_session_${PORT}=${token}` }))),
      ).toBe(401);
    });

    it('does not accept the session of a server on another port', () => {
      const guard = guardWithCounter();
      const cookie = signIn(guard);
      const other = createAccessGuard({ host: '127.0.0.1', port: PORT + 1, randomSecret: () => 'secret-2' });
      expect(
        status(other.checkRequest({ url: '/', headers: { host: `127.0.0.1:${PORT + 1}`, cookie } })),
      ).toBe(401);
    });
  });

  describe('the Host header (DNS rebinding)', () => {
    it('accepts the bound address and localhost on our port', () => {
      const guard = guardWithCounter();
      const cookie = signIn(guard);
      for (const host of [`127.0.0.1:${PORT}`, `localhost:${PORT}`, `LOCALHOST:${PORT}`]) {
        expect(guard.checkRequest({ url: '/', headers: { host, cookie } }).verdict, host).toBe('allow');
      }
    });

    it('refuses any other name, another port, a missing Host, even with a valid session or token', () => {
      const guard = guardWithCounter();
      const cookie = signIn(guard);
      const token = guard.issueToken();
      for (const host of [
        `evil.example:${PORT}`,
        `127.0.0.1:${PORT + 1}`,
        '127.0.0.1',
        `127.0.0.1.nip.io:${PORT}`,
      ]) {
        expect(status(guard.checkRequest({ url: '/', headers: { host, cookie } })), host).toBe(403);
        expect(status(guard.checkRequest({ url: `/?token=${token}`, headers: { host } })), host).toBe(403);
        expect(
          status(guard.checkUpgrade({ url: '/api', headers: { host, cookie, origin: `http://${host}` } })),
        ).toBe(403);
      }
      expect(status(guard.checkRequest({ url: '/', headers: { cookie } }))).toBe(403);
      // The refused token was not spent.
      expect(guard.checkRequest(request(`/?token=${token}`)).verdict).toBe('enter');
    });

    it('on a wildcard bind accepts IP literals but no names but localhost', () => {
      const guard = createAccessGuard({ host: '0.0.0.0', port: PORT, randomSecret: () => 's' });
      const cookie = (() => {
        const decision = guard.checkRequest({
          url: `/?token=${guard.issueToken()}`,
          headers: { host: `192.168.1.20:${PORT}` },
        });
        return decision.verdict === 'enter' ? decision.setCookie!.split(';')[0]! : '';
      })();
      expect(guard.checkRequest({ url: '/', headers: { host: `10.0.0.5:${PORT}`, cookie } }).verdict).toBe(
        'allow',
      );
      expect(guard.checkRequest({ url: '/', headers: { host: `[fe80::1]:${PORT}`, cookie } }).verdict).toBe(
        'allow',
      );
      expect(
        status(guard.checkRequest({ url: '/', headers: { host: `my-server.lan:${PORT}`, cookie } })),
      ).toBe(403);
    });

    it('accepts [::1] when bound to IPv6 loopback', () => {
      const guard = createAccessGuard({ host: '::1', port: PORT, randomSecret: () => 's' });
      const decision = guard.checkRequest({
        url: `/?token=${guard.issueToken()}`,
        headers: { host: `[::1]:${PORT}` },
      });
      expect(decision.verdict).toBe('enter');
    });
  });

  describe('the Origin header', () => {
    it('allows same-origin requests and requests without Origin (navigations)', () => {
      const guard = guardWithCounter();
      const cookie = signIn(guard);
      expect(guard.checkRequest(request('/', { cookie, origin: `http://127.0.0.1:${PORT}` })).verdict).toBe(
        'allow',
      );
      expect(guard.checkRequest(request('/', { cookie })).verdict).toBe('allow');
    });

    it('refuses a foreign or opaque Origin on a request', () => {
      const guard = guardWithCounter();
      const cookie = signIn(guard);
      for (const origin of [
        'http://evil.example',
        `http://localhost:${PORT}`,
        `https://127.0.0.1:${PORT}`,
        'null',
      ]) {
        expect(status(guard.checkRequest(request('/', { cookie, origin }))), origin).toBe(403);
      }
    });

    it('lets the WebSocket upgrade through only with our Origin, our Host, the session and its secret', () => {
      const guard = guardWithCounter();
      const tab = signInTab(guard);
      const { cookie } = tab;
      const origin = `http://127.0.0.1:${PORT}`;
      expect(guard.checkUpgrade(tabUpgrade(tab))).toEqual({ verdict: 'allow', session: 'secret-3' });
      expect(status(guard.checkUpgrade(tabUpgrade(tab, { origin: '' })))).toBe(403);
      expect(status(guard.checkUpgrade(tabUpgrade(tab, { origin: 'http://evil.example' })))).toBe(403);
      expect(status(guard.checkUpgrade(request('/api', { origin })))).toBe(401);
      // The cookie alone (it reaches every port of this host) is not enough.
      expect(status(guard.checkUpgrade(request('/api', { cookie, origin })))).toBe(401);
      expect(status(guard.checkUpgrade(tabUpgrade({ cookie, secret: 'secret-2x' })))).toBe(401);
      expect(status(guard.checkUpgrade(tabUpgrade({ cookie, secret: '' })))).toBe(401);
    });

    it('does not take the secret of one session with the cookie of another', () => {
      const guard = guardWithCounter();
      const first = signInTab(guard);
      const second = signInTab(guard);
      expect(status(guard.checkUpgrade(tabUpgrade({ cookie: first.cookie, secret: second.secret })))).toBe(
        401,
      );
    });

    it('never signs in over the WebSocket upgrade', () => {
      const guard = guardWithCounter();
      const token = guard.issueToken();
      const origin = `http://127.0.0.1:${PORT}`;
      expect(status(guard.checkUpgrade(request(`/api?token=${token}`, { origin })))).toBe(401);
    });
  });
});

describe('session idle time', () => {
  it('ends a session unused for 12 hours by default, and any use moves the deadline', () => {
    const clock = { now: 0 };
    const guard = guardWithCounter('127.0.0.1', { now: () => clock.now });
    const tab = signInTab(guard);
    clock.now = 12 * 3_600_000;
    expect(guard.checkRequest(request('/', { cookie: tab.cookie })).verdict).toBe('allow');
    clock.now += 12 * 3_600_000;
    expect(guard.sessionLive('secret-3', true)).toBe(true);
    clock.now += 12 * 3_600_000 + 1;
    expect(guard.sessionLive('secret-3', false)).toBe(false);
    expect(status(guard.checkRequest(request('/', { cookie: tab.cookie })))).toBe(401);
    expect(status(guard.checkUpgrade(tabUpgrade(tab)))).toBe(401);
  });

  it('does not count a check without use as activity', () => {
    const clock = { now: 0 };
    const guard = guardWithCounter('127.0.0.1', { idleMs: 1000, now: () => clock.now });
    signIn(guard);
    clock.now = 900;
    expect(guard.sessionLive('secret-3', false)).toBe(true);
    clock.now = 1001;
    expect(guard.sessionLive('secret-3', false)).toBe(false);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['[::1]', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['192.168.1.4', false],
    ['::', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
