/**
 * Who may talk to browser mode's server: the checks every HTTP request and WebSocket upgrade pass.
 *
 * The server fronts a Docker engine, which is root-equivalent, so a page must prove four things:
 * it holds the session cookie that only a one-time link hands out (no other local user or page
 * can guess it), it addressed this server by a name no DNS rebinding can fake (Host), it is our
 * own page and not another site's script (Origin), and, for the WebSocket that carries the API,
 * it holds the session's secret. Cookies ignore ports, so every page on any port of this host
 * receives our cookie, and a local process can forge Host and Origin; the secret is handed over
 * in the redirect's #fragment, which no server and no other origin sees. Sessions end when idle
 * and with the process. Pure decisions: the server applies them.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { secretFromProtocols, SESSION_FRAGMENT } from '../../shared/socket-protocols';

/** What the guard reads of a request: method, target and headers as node's http gives them. */
export interface RequestFacts {
  url?: string | undefined;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** The guard's answer for one request. */
export type AccessDecision =
  /** `session` names the session the request belongs to, for `sessionLive`. */
  | { verdict: 'allow'; session: string }
  /**
   * The one-time link was opened: set the cookie (when a new session began) and send the page to
   * `/` with the session's secret in the #fragment, the token gone from the URL.
   */
  | { verdict: 'enter'; location: string; setCookie: string | null }
  | { verdict: 'refuse'; status: 400 | 401 | 403; reason: string };

export interface AccessGuardOptions {
  /** The address the server listens on, as given to `listen` (e.g. 127.0.0.1, ::1, 0.0.0.0). */
  host: string;
  port: number;
  /** Source of tokens, session ids and secrets; tests pass a predictable one. */
  randomSecret?: () => string;
  /** A session unused this long ends (default 12 h). */
  idleMs?: number;
  /** The clock idle time is measured by; tests pass one they move. */
  now?: () => number;
}

/** How long a session may go unused before it ends. */
export const DEFAULT_SESSION_IDLE_MS = 12 * 60 * 60 * 1000;

export interface AccessGuard {
  /** Name of the session cookie; it carries the port because cookies ignore ports. */
  readonly cookieName: string;
  /** A fresh one-time token for a sign-in link. */
  issueToken(): string;
  /** Decides about a plain HTTP request (pages and assets). */
  checkRequest(request: RequestFacts): AccessDecision;
  /** Decides about the WebSocket upgrade that carries `window.api`; it must offer the secret as a subprotocol. */
  checkUpgrade(request: RequestFacts): AccessDecision;
  /**
   * Whether a session still lives; `use` counts this as activity (a request on its socket), which
   * moves its idle deadline. An ended session is forgotten.
   */
  sessionLive(session: string, use: boolean): boolean;
}

const NO_SESSION =
  "Not signed in (or the session ended): open a one-time link from Dockwright's terminal (press Enter there for a new one).";
const NO_SECRET =
  "Not signed in in this tab: the socket needs the secret of the link that signed it in. Open a new one-time link from Dockwright's terminal.";

/** True for addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/** True for the "every interface" addresses. */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

const header = (request: RequestFacts, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Splits a Host header into a lower-case name (IPv6 without brackets) and a port. */
function parseHostHeader(value: string): { name: string; port: number } | null {
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(value.trim());
  if (!match?.[1]) return null;
  return { name: match[1].replace(/^\[|\]$/g, '').toLowerCase(), port: match[2] ? Number(match[2]) : 80 };
}

function readCookie(request: RequestFacts, name: string): string | null {
  for (const part of (header(request, 'cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/** Compares secrets in time that does not depend on where they differ. */
function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function tokenIn(request: RequestFacts): string | null {
  try {
    return new URL(request.url ?? '/', 'http://local').searchParams.get('token');
  } catch {
    return null;
  }
}

export function createAccessGuard(options: AccessGuardOptions): AccessGuard {
  const randomSecret = options.randomSecret ?? (() => randomBytes(32).toString('base64url'));
  const idleMs = options.idleMs ?? DEFAULT_SESSION_IDLE_MS;
  const now = options.now ?? Date.now;
  const bound = options.host.replace(/^\[|\]$/g, '').toLowerCase();
  const cookieName = `dockwright_session_${options.port}`;
  /** token → whether it was already exchanged (kept to tell "used" from "wrong"). */
  const tokens = new Map<string, boolean>();
  /** Session id (the cookie) → the secrets handed to its tabs, and when it was last used. */
  const sessions = new Map<string, { secrets: string[]; lastUsed: number }>();
  const allowedNames = isWildcardHost(options.host)
    ? `localhost:${options.port} or an IP address with port ${options.port}`
    : `${bound.includes(':') ? `[${bound}]` : bound}:${options.port} or localhost:${options.port}`;

  /**
   * A rebinding attack reaches us under the attacker's domain name, so only names that cannot be
   * rebound pass: localhost, the bound address, and (on a wildcard bind) any IP literal.
   */
  const hostProblem = (request: RequestFacts): string | null => {
    const value = header(request, 'host');
    const parsed = value ? parseHostHeader(value) : null;
    const refused = `Refused: this server answers only as ${allowedNames} (Host "${value ?? ''}").`;
    if (!parsed || parsed.port !== options.port) return refused;
    if (parsed.name === 'localhost' || parsed.name === bound) return null;
    if (isLoopbackHost(bound) && isLoopbackHost(parsed.name)) return null;
    if (isWildcardHost(options.host) && isIP(parsed.name) !== 0) return null;
    return refused;
  };

  /** Browsers send Origin on every WebSocket upgrade and on cross-origin requests: it must be ours. */
  const originProblem = (request: RequestFacts, required: boolean): string | null => {
    const origin = header(request, 'origin');
    if (origin === undefined) return required ? 'Refused: the request has no Origin.' : null;
    const own = `http://${(header(request, 'host') ?? '').toLowerCase()}`;
    return origin.toLowerCase() === own ? null : `Refused: requests from ${origin} are not allowed.`;
  };

  const sessionLive = (session: string, use: boolean): boolean => {
    const entry = sessions.get(session);
    if (!entry) return false;
    const at = now();
    if (at - entry.lastUsed > idleMs) {
      sessions.delete(session);
      return false;
    }
    if (use) entry.lastUsed = at;
    return true;
  };

  /** The request's live session (its use counts as activity), or null. */
  const sessionOf = (request: RequestFacts): string | null => {
    const session = readCookie(request, cookieName);
    return session !== null && sessionLive(session, true) ? session : null;
  };

  const refuse = (status: 400 | 401 | 403, reason: string): AccessDecision => ({
    verdict: 'refuse',
    status,
    reason,
  });

  return {
    cookieName,
    issueToken: () => {
      const token = randomSecret();
      tokens.set(token, false);
      return token;
    },
    checkRequest: (request) => {
      const host = hostProblem(request);
      if (host) return refuse(403, host);
      const origin = originProblem(request, false);
      if (origin) return refuse(403, origin);
      const token = tokenIn(request);
      const current = sessionOf(request);
      if (token !== null) {
        // A used link never hands a secret out again, even with the cookie: the cookie leaks to
        // every port of this host, and cookie plus secret is the whole session.
        const used = tokens.get(token);
        if (used === undefined) return refuse(403, 'Refused: that link is not valid for this server.');
        if (used) return refuse(403, 'Refused: that link was already used; each link signs in once.');
        tokens.set(token, true);
        const secret = randomSecret();
        const location = `/#${SESSION_FRAGMENT}=${secret}`;
        // A second link in a browser already signed in adds a secret for its tab to the session.
        if (current) {
          sessions.get(current)!.secrets.push(secret);
          return { verdict: 'enter', location, setCookie: null };
        }
        const session = randomSecret();
        sessions.set(session, { secrets: [secret], lastUsed: now() });
        return {
          verdict: 'enter',
          location,
          setCookie: `${cookieName}=${session}; Path=/; HttpOnly; SameSite=Strict`,
        };
      }
      return current ? { verdict: 'allow', session: current } : refuse(401, NO_SESSION);
    },
    checkUpgrade: (request) => {
      const host = hostProblem(request);
      if (host) return refuse(403, host);
      const origin = originProblem(request, true);
      if (origin) return refuse(403, origin);
      const current = sessionOf(request);
      if (!current) return refuse(401, NO_SESSION);
      const offered = secretFromProtocols(
        (header(request, 'sec-websocket-protocol') ?? '').split(',').map((p) => p.trim()),
      );
      const secrets = sessions.get(current)!.secrets;
      if (offered === null || !secrets.some((secret) => sameSecret(secret, offered)))
        return refuse(401, NO_SECRET);
      return { verdict: 'allow', session: current };
    },
    sessionLive,
  };
}
