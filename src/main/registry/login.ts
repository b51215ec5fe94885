/**
 * Logging in to a registry: the engine checks the credentials (`POST /auth`, as `docker login`
 * does) and only credentials it accepted are kept: for the session always, and saved as the
 * user chose (see login-place.ts).
 */
import type Docker from 'dockerode';
import { fail, ok, type AppError, type Result } from '../../shared/result';
import type { KeepLogin, RegistryLogin } from '../../shared/registry';
import { engineMessage, isConnectionError, toAppError } from '../engine/engine-error';
import { formatDuration } from './credential-helper';
import { redactSecrets } from './credential-store-error';
import { CredentialStoreError, type CredentialStore } from './credentials';
import {
  registryAddressProblem,
  registryName,
  registryOfImage,
  type RegistryName,
} from '../../shared/registry/registry-name';
import {
  certificateProblem,
  untrustedCertificateAdvice,
} from '../../shared/registry/classify-registry-error';

/** What the login form sends. */
export interface LoginRequest {
  /** As typed: `docker.io`, `localhost:5000`, `https://ghcr.io`; empty means Docker Hub. */
  registry: string;
  username: string;
  /** Password or personal access token. */
  secret: string;
  /** How to keep it beyond this session; `default` when not said. */
  keep?: KeepLogin;
}

/** A login the engine accepted, and where it is kept (no secret: this goes to the renderer). */
export type LoginOutcome = RegistryLogin;

export interface LoginOptions {
  signal?: AbortSignal;
  /** How long the engine may take to reach the registry. */
  timeoutMs?: number;
}

/** The body of `POST /auth` and what it answers (Engine API, AuthConfig / SystemAuthResponse). */
type CheckAuth = (options: {
  serveraddress: string;
  username: string;
  password: string;
  abortSignal?: AbortSignal;
}) => Promise<{ Status?: string; IdentityToken?: string } | null>;

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Checks the credentials with the engine, keeps them for this session, then saves them as
 * `request.keep` says. A login that could not be saved still succeeds: `notSaved` says why.
 *
 * Failures come back in plain words at the form field they concern: `password` for refused
 * credentials, `registry` for an address the engine cannot reach or trust.
 */
export async function login(
  docker: Docker,
  store: CredentialStore,
  request: LoginRequest,
  options: LoginOptions = {},
): Promise<Result<LoginOutcome>> {
  const addressProblem = registryAddressProblem(request.registry);
  if (addressProblem) return fail('VALIDATION', addressProblem, { field: 'registry' });
  const registry = registryName(request.registry);
  const username = request.username.trim();
  if (username === '')
    return fail('VALIDATION', `Enter your ${registry.displayName} username.`, { field: 'username' });
  if (request.secret === '') {
    return fail('VALIDATION', 'Enter the password or access token.', { field: 'password' });
  }

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let identityToken = '';
  try {
    const response = await (docker.checkAuth as CheckAuth).call(docker, {
      serveraddress: registry.key,
      username,
      password: request.secret,
      abortSignal: signal,
    });
    identityToken = response?.IdentityToken ?? '';
  } catch (error) {
    if (options.signal?.aborted) return fail('CANCELLED', 'Cancelled.');
    if (timeout.aborted) {
      return fail(
        'VALIDATION',
        `${registry.displayName} did not answer within ${formatDuration(timeoutMs)}. Check the address, and that the engine's machine can reach it (proxy, VPN, firewall).`,
        { field: 'registry' },
      );
    }
    return { ok: false, error: describeLoginFailure(error, registry, [request.secret]) };
  }

  const accepted = { displayName: registry.displayName, username, identityToken: identityToken !== '' };
  const keep = request.keep ?? 'default';
  try {
    // Like `docker login`: an identity token from the registry replaces the password.
    const place =
      identityToken !== ''
        ? await store.store(registry.key, username, identityToken, { identityToken: true, keep })
        : await store.store(registry.key, username, request.secret, { keep });
    return ok({ ...place, ...accepted, notSaved: null });
  } catch (error) {
    if (!(error instanceof CredentialStoreError)) throw error;
    // The store kept it for the session before saving failed: pushes work until Dockwright quits.
    return ok({
      registry: registry.key,
      source: 'session',
      helper: null,
      cliSees: false,
      ...accepted,
      notSaved: redactSecrets(error.message, [request.secret, identityToken]),
    });
  }
}

/**
 * A refused `POST /auth` in plain words. The engine answers HTTP 500 for every registry-side
 * failure, with the registry's or the network's own text as the message, e.g.
 * `login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized` or
 * `Get "https://registry-1.docker.io/v2/": unauthorized: please use personal access token to login`;
 * 26.1 words an untrusted certificate `tls: failed to verify certificate: x509: …`.
 */
export function describeLoginFailure(
  error: unknown,
  registry: RegistryName,
  secrets: readonly string[],
): AppError {
  if (isConnectionError(error)) return toAppError(error);
  const said = redactSecrets(engineMessage(error), secrets);
  const name = registry.displayName;
  const atRegistry = (message: string): AppError => ({ code: 'VALIDATION', message, field: 'registry' });

  if (/personal access token|use an? access token|two-factor|\b2fa\b/i.test(said)) {
    return {
      code: 'VALIDATION',
      field: 'password',
      message: registry.dockerHub
        ? 'Docker Hub wants a personal access token instead of your password for this account (two-factor authentication or single sign-on is on). Create one under Account settings → Personal access tokens and paste it as the password.'
        : `${name} wants an access token instead of your password. Create one in the registry's settings and paste it as the password.`,
    };
  }
  if (/server gave HTTP response to HTTPS client/i.test(said)) {
    return atRegistry(
      `${name} answers over plain HTTP, but the engine only talks HTTPS to it. Serve the registry over HTTPS, or add "${registry.key}" to "insecure-registries" in the engine's daemon.json and restart the engine.`,
    );
  }
  if (/i\/o timeout|deadline exceeded|Client\.Timeout|handshake timeout|timed out/i.test(said)) {
    return atRegistry(
      `${name} did not answer in time. Check the address, and that the engine's machine can reach it (proxy, VPN, firewall).`,
    );
  }
  const problem = certificateProblem(said);
  if (problem !== null) return atRegistry(untrustedCertificateAdvice(name, registry.key, problem));
  if (/connection refused/i.test(said)) {
    return atRegistry(
      `Nothing answers at ${name} (connection refused). Check the address and port, and that the registry is running.`,
    );
  }
  if (/no such host|server misbehaving|name resolution|name or service not known/i.test(said)) {
    return atRegistry(
      `The engine cannot find the host of ${name}: the name does not resolve. Check the address.`,
    );
  }
  if (/network is unreachable|no route to host|connection reset/i.test(said)) {
    return atRegistry(`The engine cannot reach ${name} over the network (${said}).`);
  }
  if (/\b401\b|unauthorized|incorrect username or password|authentication required/i.test(said)) {
    return {
      code: 'VALIDATION',
      field: 'password',
      message: `${name} refused this username and password. Check both: to the registry a wrong password and an unknown user look the same.`,
    };
  }
  return { code: 'ENGINE_ERROR', message: `Logging in to ${name} failed: ${said}` };
}

/** Credentials as dockerode sends them in `X-Registry-Auth` (push, pull). */
export type RegistryAuthConfig =
  | { username: string; password: string; serveraddress: string }
  | { identitytoken: string; serveraddress: string };

/**
 * The `authconfig` for pushing to `registry`, from wherever its credentials live; null when there
 * are none. Throws CredentialStoreError when a store cannot be read.
 */
export async function authConfigFor(
  store: CredentialStore,
  registry: string,
): Promise<RegistryAuthConfig | null> {
  const credential = await store.get(registry);
  if (!credential) return null;
  return credential.kind === 'identity-token'
    ? { identitytoken: credential.secret, serveraddress: credential.registry }
    : {
        username: credential.username ?? '',
        password: credential.secret,
        serveraddress: credential.registry,
      };
}

/** The `authconfig` for the registry of an image reference (`127.0.0.1:5000/team/app:1`). */
export async function authConfigForImage(
  store: CredentialStore,
  reference: string,
): Promise<RegistryAuthConfig | null> {
  const parsed = registryOfImage(reference);
  return parsed.ok ? authConfigFor(store, parsed.registry.key) : null;
}
