import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAesGcmCrypto } from '../../../../src/main/registry/aes-gcm-crypto';
import { createCredentialStore, type CredentialStore } from '../../../../src/main/registry/credentials';
import { CredentialHelperError, type RunHelper } from '../../../../src/main/registry/credential-helper';
import {
  authConfigFor,
  authConfigForImage,
  describeLoginFailure,
  login,
} from '../../../../src/main/registry/login';
import { DOCKER_HUB_KEY, registryName } from '../../../../src/shared/registry/registry-name';
import { findLeaks, findSecret } from '../../../support/secret-scan';

const secret = `pw-${randomBytes(9).toString('hex')}`;
let root: string;
let store: CredentialStore;

const noHelpers: RunHelper = async (name) => {
  throw new Error(`no helper ${name} expected`);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dw-login-'));
  store = createCredentialStore({
    dockerConfigDir: join(root, 'docker'),
    dataDir: join(root, 'data'),
    crypto: createAesGcmCrypto(randomBytes(32)),
    runHelper: noHelpers,
  });
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** How docker-modem rejects a non-2xx answer: status code and the engine's JSON body. */
function engineRefusal(statusCode: number, message: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) server error - ${message} `), {
    statusCode,
    json: { message },
  });
}

type CheckAuthOptions = {
  serveraddress: string;
  username: string;
  password: string;
  abortSignal?: AbortSignal;
};

function engine(checkAuth: (options: CheckAuthOptions) => Promise<unknown>) {
  const spy = vi.fn(checkAuth);
  return { docker: { checkAuth: spy } as unknown as Docker, spy };
}

const local = registryName('127.0.0.1:5000');
const hub = registryName('docker.io');

describe('describeLoginFailure', () => {
  // Engine 20.10's answers recorded on the test rig (docker-registry 2.8, a closed port, an unknown
  // host, a plain-HTTP and a self-signed server on a non-loopback address); Docker Hub's as users
  // reported them (docker/hub-feedback#1981); the two timeouts are Go net/http's own texts.
  it.each([
    [
      'a wrong password or unknown user',
      local,
      'login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized',
      'password',
      /refused this username and password/,
    ],
    [
      "Docker Hub's wrong password",
      hub,
      'Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password',
      'password',
      /Docker Hub refused this username and password/,
    ],
    [
      'Docker Hub asking for an access token (2FA)',
      hub,
      'Get https://registry-1.docker.io/v2/: unauthorized: please use personal access token to login',
      'password',
      /personal access token instead of your password/,
    ],
    [
      'a closed port',
      local,
      'Get "http://127.0.0.1:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused',
      'registry',
      /Nothing answers at 127\.0\.0\.1:5000 \(connection refused\)/,
    ],
    [
      'an unknown host',
      registryName('no-such-host.invalid:5000'),
      'Get "https://no-such-host.invalid:5000/v2/": dial tcp: lookup no-such-host.invalid on 10.255.255.53:53: no such host',
      'registry',
      /cannot find the host of no-such-host\.invalid:5000/,
    ],
    [
      'a plain-HTTP registry the engine talks HTTPS to',
      registryName('192.0.2.2:38829'),
      'Get "https://192.0.2.2:38829/v2/": http: server gave HTTP response to HTTPS client',
      'registry',
      /answers over plain HTTP.*"192\.0\.2\.2:38829" to "insecure-registries"/,
    ],
    [
      'an untrusted certificate',
      registryName('192.0.2.2:43909'),
      'Get "https://192.0.2.2:43909/v2/": x509: cannot validate certificate for 192.0.2.2 because it doesn\'t contain any IP SANs',
      'registry',
      /does not trust the TLS certificate of 192\.0\.2\.2:43909 \(x509: cannot validate.*\/etc\/docker\/certs\.d\/192\.0\.2\.2:43909\/ca\.crt/,
    ],
    [
      'an untrusted certificate in engine 26.1\'s words (the x509 part, not its "tls:" wrapper)',
      registryName('192.0.2.2:43011'),
      'Get "https://192.0.2.2:43011/v2/": tls: failed to verify certificate: x509: cannot validate certificate for 192.0.2.2 because it doesn\'t contain any IP SANs',
      'registry',
      /does not trust the TLS certificate of 192\.0\.2\.2:43011 \(x509: cannot validate certificate for 192\.0\.2\.2 because it doesn't contain any IP SANs\)\. Put/,
    ],
    [
      'a registry that does not answer',
      registryName('10.0.0.1:5000'),
      'Get "https://10.0.0.1:5000/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)',
      'registry',
      /did not answer in time/,
    ],
    [
      'a TLS handshake that times out (a timeout, not a certificate problem)',
      registryName('10.0.0.1:5000'),
      'Get "https://10.0.0.1:5000/v2/": net/http: TLS handshake timeout',
      'registry',
      /did not answer in time/,
    ],
  ])('puts %s in plain words at the right field', (_label, registry, engineText, field, message) => {
    const error = describeLoginFailure(engineRefusal(500, engineText), registry, [secret]);
    expect(error).toMatchObject({ code: 'VALIDATION', field });
    expect(error.message).toMatch(message);
  });

  it('passes on anything else as an engine error with its text, the secret redacted', () => {
    const error = describeLoginFailure(engineRefusal(500, `strange failure mentioning ${secret}`), local, [
      secret,
    ]);
    expect(error).toEqual({
      code: 'ENGINE_ERROR',
      message: 'Logging in to 127.0.0.1:5000 failed: strange failure mentioning ***',
    });
  });

  it('says the engine is unavailable when its socket refuses', () => {
    const error = describeLoginFailure(
      Object.assign(new Error('connect ECONNREFUSED /run/x.sock'), { code: 'ECONNREFUSED' }),
      local,
      [],
    );
    expect(error.code).toBe('ENGINE_UNAVAILABLE');
  });
});

describe('login', () => {
  it('checks the credentials with the engine, then saves them', async () => {
    const { docker, spy } = engine(async () => ({ Status: 'Login Succeeded', IdentityToken: '' }));

    const result = await login(docker, store, {
      registry: 'http://127.0.0.1:5000/',
      username: ' ada ',
      secret,
    });

    expect(result).toEqual({
      ok: true,
      value: {
        registry: '127.0.0.1:5000',
        displayName: '127.0.0.1:5000',
        username: 'ada',
        source: 'dockwright-encrypted',
        helper: null,
        cliSees: false,
        identityToken: false,
        notSaved: null,
      },
    });
    expect(spy).toHaveBeenCalledWith(
      expect.objectContaining({ serveraddress: '127.0.0.1:5000', username: 'ada', password: secret }),
    );
    expect(await store.get('127.0.0.1:5000')).toMatchObject({ username: 'ada', secret });
  });

  it('sends Docker Hub logins to https://index.docker.io/v1/, as the CLI does', async () => {
    const { docker, spy } = engine(async () => ({ Status: 'Login Succeeded' }));
    await login(docker, store, { registry: '', username: 'ada', secret });
    expect(spy.mock.calls[0]![0].serveraddress).toBe(DOCKER_HUB_KEY);
  });

  it('saves nothing when the engine refuses', async () => {
    const { docker } = engine(async () => {
      throw engineRefusal(
        500,
        'login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized',
      );
    });

    const result = await login(docker, store, { registry: '127.0.0.1:5000', username: 'ada', secret });

    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'password' } });
    expect(await store.get('127.0.0.1:5000')).toBeNull();
    expect(() => statSync(join(root, 'data', 'credentials.json'))).toThrow();
  });

  it('saves the identity token instead of the password when the registry gives one', async () => {
    const { docker } = engine(async () => ({ Status: 'Login Succeeded', IdentityToken: 'id-token-1' }));

    const result = await login(docker, store, { registry: 'ghcr.io', username: 'ada', secret });

    expect(result).toMatchObject({ ok: true, value: { identityToken: true } });
    expect(await store.get('ghcr.io')).toMatchObject({
      username: 'ada',
      secret: 'id-token-1',
      kind: 'identity-token',
    });
  });

  it.each([
    [{ registry: 'myregistry', username: 'ada', secret }, 'registry'],
    [{ registry: 'localhost:port', username: 'ada', secret }, 'registry'],
    [{ registry: '127.0.0.1:5000', username: '  ', secret }, 'username'],
    [{ registry: '127.0.0.1:5000', username: 'ada', secret: '' }, 'password'],
  ])('rejects %j at the %s field without asking the engine', async (request, field) => {
    const { docker, spy } = engine(async () => ({}));
    expect(await login(docker, store, request)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field },
    });
    expect(spy).not.toHaveBeenCalled();
  });

  it('gives up on a registry the engine cannot reach in time', async () => {
    const { docker } = engine(
      ({ abortSignal }) =>
        new Promise((_resolve, reject) =>
          abortSignal?.addEventListener('abort', () =>
            reject(Object.assign(new Error('aborted'), { code: 'ABORT_ERR' })),
          ),
        ),
    );

    const result = await login(
      docker,
      store,
      { registry: '10.0.0.1:5000', username: 'ada', secret },
      { timeoutMs: 50 },
    );

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        field: 'registry',
        message: expect.stringMatching(/^10\.0\.0\.1:5000 did not answer within 50 ms/),
      },
    });
  });

  it('reports a cancelled login as cancelled', async () => {
    const controller = new AbortController();
    const { docker } = engine(
      ({ abortSignal }) =>
        new Promise((_resolve, reject) => {
          abortSignal?.addEventListener('abort', () =>
            reject(Object.assign(new Error('aborted'), { code: 'ABORT_ERR' })),
          );
          controller.abort();
        }),
    );

    const result = await login(
      docker,
      store,
      { registry: '127.0.0.1:5000', username: 'ada', secret },
      { signal: controller.signal },
    );

    expect(result).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled.' } });
  });

  it('keeps the login for this session when saving fails, says why without the secret, and push uses it', async () => {
    mkdirSync(join(root, 'docker'), { recursive: true });
    writeFileSync(join(root, 'docker', 'config.json'), JSON.stringify({ credsStore: 'not-installed' }));
    const failingHelper: RunHelper = async (name) => {
      throw new CredentialHelperError(name, 'not-installed', `docker-credential-${name} is not installed.`);
    };
    const withHelper = createCredentialStore({
      dockerConfigDir: join(root, 'docker'),
      dataDir: join(root, 'data'),
      crypto: createAesGcmCrypto(randomBytes(32)),
      runHelper: failingHelper,
    });
    const { docker } = engine(async () => ({ Status: 'Login Succeeded' }));

    const result = await login(docker, withHelper, { registry: '127.0.0.1:5000', username: 'ada', secret });

    expect(result).toEqual({
      ok: true,
      value: {
        registry: '127.0.0.1:5000',
        displayName: '127.0.0.1:5000',
        username: 'ada',
        source: 'session',
        helper: null,
        cliSees: false,
        identityToken: false,
        notSaved: 'docker-credential-not-installed is not installed.',
      },
    });
    expect(await authConfigForImage(withHelper, '127.0.0.1:5000/team/app:1')).toEqual({
      username: 'ada',
      password: secret,
      serveraddress: '127.0.0.1:5000',
    });
    expect(findLeaks([root], secret)).toEqual([]);
  });
});

describe('authConfigFor', () => {
  it('builds username, password and serveraddress for a password', async () => {
    await store.store('127.0.0.1:5000', 'ada', secret);
    expect(await authConfigFor(store, '127.0.0.1:5000')).toEqual({
      username: 'ada',
      password: secret,
      serveraddress: '127.0.0.1:5000',
    });
    expect(await authConfigForImage(store, '127.0.0.1:5000/dw-test/x:1')).toEqual({
      username: 'ada',
      password: secret,
      serveraddress: '127.0.0.1:5000',
    });
  });

  it('builds identitytoken for a token', async () => {
    await store.store('docker.io', 'ada', 'tok', { identityToken: true });
    expect(await authConfigForImage(store, 'ada/app')).toEqual({
      identitytoken: 'tok',
      serveraddress: DOCKER_HUB_KEY,
    });
  });

  it('is null without credentials or for an invalid reference', async () => {
    expect(await authConfigFor(store, 'ghcr.io')).toBeNull();
    expect(await authConfigForImage(store, 'Not A Reference')).toBeNull();
  });
});

describe('login without a credential helper or an OS keyring (browser mode, Linux without Secret Service)', () => {
  const noKeyring = () =>
    createCredentialStore({
      dockerConfigDir: join(root, 'docker'),
      dataDir: join(root, 'data'),
      crypto: {
        ...createAesGcmCrypto(randomBytes(32)),
        isAvailable: () => false,
        whyUnavailable: () => 'no keyring here',
      },
      runHelper: noHelpers,
    });
  const accepted = () => engine(async () => ({ Status: 'Login Succeeded' })).docker;
  const consoleCalls = () =>
    (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => vi.spyOn(console, method));

  it('keeps the accepted login in memory for pushes: no file, no log line and no answer holds the password', async () => {
    const spies = consoleCalls();
    const store = noKeyring();

    const result = await login(accepted(), store, { registry: '127.0.0.1:5000', username: 'ada', secret });

    expect(result).toEqual({
      ok: true,
      value: {
        registry: '127.0.0.1:5000',
        displayName: '127.0.0.1:5000',
        username: 'ada',
        source: 'session',
        helper: null,
        cliSees: false,
        identityToken: false,
        notSaved: null,
      },
    });
    expect(await authConfigForImage(store, '127.0.0.1:5000/team/app:1')).toEqual({
      username: 'ada',
      password: secret,
      serveraddress: '127.0.0.1:5000',
    });
    const listing = await store.list();
    expect(listing.logins).toEqual([
      {
        registry: '127.0.0.1:5000',
        displayName: '127.0.0.1:5000',
        username: 'ada',
        source: 'session',
        helper: null,
        cliSees: false,
      },
    ]);
    const place = await store.placeFor('127.0.0.1:5000');
    // What goes to the renderer, and every line written to the console, in any form of the secret.
    const sent = JSON.stringify([result, listing, place]);
    expect(findSecret(sent, secret)).toBeNull();
    expect(findSecret(JSON.stringify(spies.flatMap((spy) => spy.mock.calls)), secret)).toBeNull();
    expect(findLeaks([root], secret)).toEqual([]);
    // Gone with the process: a new one (a restart) has nothing.
    expect(await noKeyring().get('127.0.0.1:5000')).toBeNull();
    spies.forEach((spy) => spy.mockRestore());
  });

  it('says before logging in that it can keep the login for this session only, and why, and where plain text would go', async () => {
    expect(await noKeyring().placeFor('127.0.0.1:5000')).toEqual({
      registry: '127.0.0.1:5000',
      source: 'session',
      helper: null,
      cliSees: false,
      noEncryption: 'no keyring here',
      plainTextFile: join(root, 'docker', 'config.json'),
    });
  });

  it('saves in config.json unencrypted only when asked, as docker login writes it, and the next start reads it', async () => {
    const result = await login(accepted(), noKeyring(), {
      registry: '127.0.0.1:5000',
      username: 'ada',
      secret,
      keep: 'config-file',
    });

    expect(result).toMatchObject({
      ok: true,
      value: { source: 'config-auths', cliSees: true, notSaved: null },
    });
    const configPath = join(root, 'docker', 'config.json');
    expect(JSON.parse(readFileSync(configPath, 'utf8'))).toEqual({
      auths: { '127.0.0.1:5000': { auth: Buffer.from(`ada:${secret}`).toString('base64') } },
    });
    expect(statSync(configPath).mode & 0o777).toBe(0o600);
    expect(await noKeyring().get('127.0.0.1:5000')).toMatchObject({
      username: 'ada',
      secret,
      source: 'config-auths',
    });
    // The one file that holds it is the one the user chose.
    expect(findLeaks([root], secret, [configPath])).toEqual([]);
  });

  it('logs out of the session copy: the next push has no credentials', async () => {
    const store = noKeyring();
    await login(accepted(), store, { registry: '127.0.0.1:5000', username: 'ada', secret });

    expect(await store.erase('127.0.0.1:5000')).toEqual(['session']);
    expect(await authConfigFor(store, '127.0.0.1:5000')).toBeNull();
  });
});
