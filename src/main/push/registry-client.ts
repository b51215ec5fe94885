/**
 * A read-only client for one repository of a registry (Distribution API v2), authenticating the
 * way the engine does: ask, read the `WWW-Authenticate` challenge, then send Basic credentials
 * or fetch a Bearer token for `repository:<name>:pull` from the challenge's realm.
 *
 * Only GET and HEAD are ever sent: a preflight must not change the registry.
 */

/** The credentials to answer a challenge with; the secret stays in the main process. */
export type RegistrySecret =
  { kind: 'password'; username: string; password: string } | { kind: 'identity-token'; token: string };

/** A challenge from `WWW-Authenticate`. */
export type AuthChallenge =
  { scheme: 'basic' } | { scheme: 'bearer'; realm: string; service: string | null; scope: string | null };

/** Why the registry could not be asked, as a value. */
export type RegistryProblem =
  { kind: 'unauthorized'; withLogin: boolean; message: string } | { kind: 'unreachable'; message: string };

export interface RegistryResponse {
  status: number;
  headers: Headers;
  body: string;
}

export interface RepositoryClient {
  /** GET or HEAD `/v2/<repository>/<path>`; null body for HEAD. Throws RegistryRequestError. */
  request(method: 'GET' | 'HEAD', path: string, accept?: string): Promise<RegistryResponse>;
}

/** A failure that ends the whole preflight's registry part. */
export class RegistryRequestError extends Error {
  constructor(readonly problem: RegistryProblem) {
    super(problem.message);
  }
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Parses a `WWW-Authenticate` header: `Basic realm="x"` or
 * `Bearer realm="https://auth/token",service="registry",scope="repository:a:pull"`.
 */
export function parseChallenge(header: string | null): AuthChallenge | null {
  if (!header) return null;
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!match) return null;
  const scheme = match[1]!.toLowerCase();
  if (scheme === 'basic') return { scheme: 'basic' };
  if (scheme !== 'bearer') return null;
  const params = new Map<string, string>();
  for (const param of match[2]!.matchAll(/(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params.set(param[1]!.toLowerCase(), (param[2] ?? param[3] ?? '').replace(/\\(.)/g, '$1'));
  }
  const realm = params.get('realm');
  if (!realm) return null;
  return {
    scheme: 'bearer',
    realm,
    service: params.get('service') ?? null,
    scope: params.get('scope') ?? null,
  };
}

/**
 * The base URL of a registry host: plain HTTP for loopback addresses (the engine treats
 * 127.0.0.0/8 as insecure, and the local test registry speaks HTTP), HTTPS everywhere else.
 */
export function registryBaseUrl(domain: string): string {
  const host = domain.startsWith('[') ? domain.slice(0, domain.indexOf(']') + 1) : domain.split(':')[0]!;
  const loopback = host === 'localhost' || /^127\./.test(host) || host === '[::1]';
  const api = domain === 'docker.io' ? 'registry-1.docker.io' : domain;
  return `${loopback ? 'http' : 'https'}://${api}`;
}

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** A client for `repository` on the registry at `domain`, answering challenges with `secret`. */
export function createRepositoryClient(options: {
  domain: string;
  repository: string;
  secret: RegistrySecret | null;
  signal?: AbortSignal;
}): RepositoryClient {
  const base = registryBaseUrl(options.domain);
  const { repository, secret } = options;
  let authorization: string | null = null;
  let tokenFetch: Promise<string> | null = null;

  const send = async (url: string, init: RequestInit): Promise<Response> => {
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    try {
      return await fetch(url, {
        ...init,
        signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new RegistryRequestError({
        kind: 'unreachable',
        message: `${options.domain} did not answer (${why}).`,
      });
    }
  };

  const fetchToken = async (challenge: Extract<AuthChallenge, { scheme: 'bearer' }>): Promise<string> => {
    const url = new URL(challenge.realm);
    if (challenge.service) url.searchParams.set('service', challenge.service);
    url.searchParams.set('scope', `repository:${repository}:pull`);
    let response: Response;
    if (secret?.kind === 'identity-token') {
      // An identity token is an OAuth refresh token: the engine trades it at the realm by POST.
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: secret.token,
        service: challenge.service ?? '',
        scope: `repository:${repository}:pull`,
        client_id: 'dockwright',
      });
      response = await send(challenge.realm, { method: 'POST', body: form });
    } else {
      const headers: Record<string, string> = {};
      if (secret) headers.Authorization = basic(secret.username, secret.password);
      response = await send(url.toString(), { headers });
    }
    if (response.status === 401 || response.status === 403) {
      throw new RegistryRequestError({
        kind: 'unauthorized',
        withLogin: secret !== null,
        message: `The token service of ${options.domain} refused ${secret ? 'the stored login' : 'an anonymous request'}.`,
      });
    }
    if (!response.ok) {
      throw new RegistryRequestError({
        kind: 'unreachable',
        message: `The token service of ${options.domain} answered ${response.status}.`,
      });
    }
    const body = (await response.json().catch(() => null)) as {
      token?: string;
      access_token?: string;
    } | null;
    const token = body?.token ?? body?.access_token;
    if (!token) {
      throw new RegistryRequestError({
        kind: 'unreachable',
        message: `The token service of ${options.domain} sent no token.`,
      });
    }
    return `Bearer ${token}`;
  };

  const answer = async (challenge: AuthChallenge | null): Promise<string | null> => {
    if (challenge?.scheme === 'bearer') {
      // Parallel HEADs share one token request.
      tokenFetch ??= fetchToken(challenge);
      try {
        return await tokenFetch;
      } catch (error) {
        tokenFetch = null;
        throw error;
      }
    }
    if (challenge?.scheme === 'basic' && secret?.kind === 'password')
      return basic(secret.username, secret.password);
    return null;
  };

  const request: RepositoryClient['request'] = async (method, path, accept) => {
    const url = `${base}/v2/${repository}/${path}`;
    const headers = (auth: string | null): Record<string, string> => ({
      ...(accept ? { Accept: accept } : {}),
      ...(auth ? { Authorization: auth } : {}),
    });
    const sentWith = authorization;
    let response = await send(url, { method, headers: headers(sentWith) });
    if (response.status === 401) {
      // Requests run side by side: another may have logged in while this one was refused.
      const next =
        authorization !== sentWith
          ? authorization
          : await answer(parseChallenge(response.headers.get('www-authenticate')));
      if (next !== null && next !== sentWith) {
        await response.body?.cancel();
        authorization = next;
        response = await send(url, { method, headers: headers(authorization) });
      }
      if (response.status === 401) {
        await response.body?.cancel();
        throw new RegistryRequestError({
          kind: 'unauthorized',
          withLogin: secret !== null,
          message: secret
            ? `${options.domain} refused the stored login for ${repository}.`
            : `${options.domain} asks for a login before it shows ${repository}.`,
        });
      }
    }
    const body = method === 'HEAD' ? '' : await response.text();
    return { status: response.status, headers: response.headers, body };
  };

  return { request };
}
