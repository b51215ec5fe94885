import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAesGcmCrypto } from '../../../../src/main/registry/aes-gcm-crypto';
import {
  CREDENTIALS_NOT_FOUND,
  CredentialHelperError,
  type HelperAction,
  type HelperOutput,
  type RunHelper,
} from '../../../../src/main/registry/credential-helper';
import {
  createCredentialStore,
  credentialResult,
  CredentialStoreError,
  type CredentialStore,
} from '../../../../src/main/registry/credentials';
import type { SecretCrypto } from '../../../../src/main/registry/encrypted-store';
import { DOCKER_HUB_KEY } from '../../../../src/shared/registry/registry-name';
import { findLeaks } from '../../../support/secret-scan';

const REGISTRY = '127.0.0.1:5000';
const secret = `pw-${randomBytes(9).toString('hex')}`;
const b64 = (text: string) => Buffer.from(text).toString('base64');

let root: string;
let configDir: string;
let dataDir: string;
let configPath: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dw-credentials-'));
  configDir = join(root, 'docker');
  dataDir = join(root, 'data');
  mkdirSync(configDir);
  mkdirSync(dataDir);
  configPath = join(configDir, 'config.json');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

interface HelperEntry {
  Username: string;
  Secret: string;
}

/**
 * Credential helpers kept in memory, answering with the protocol's exact text (the integration
 * test runs a real one); an uninstalled name fails as the real runner does.
 */
function memoryHelpers(installed: string[]) {
  const stores = new Map<string, Map<string, HelperEntry>>(installed.map((name) => [name, new Map()]));
  const calls: Array<{ name: string; action: HelperAction; input: string }> = [];
  const out = (stdout: string, exitCode = 0): HelperOutput => ({ exitCode, stdout, stderr: '' });
  const run: RunHelper = async (name, action, input) => {
    calls.push({ name, action, input });
    const store = stores.get(name);
    if (!store) {
      throw new CredentialHelperError(
        name,
        'not-installed',
        `docker-credential-${name} is not installed or not on PATH.`,
      );
    }
    switch (action) {
      case 'get': {
        const entry = store.get(input);
        return entry
          ? out(JSON.stringify({ ServerURL: input, ...entry }))
          : out(`${CREDENTIALS_NOT_FOUND}\n`, 1);
      }
      case 'store': {
        const { ServerURL, Username, Secret } = JSON.parse(input) as HelperEntry & { ServerURL: string };
        store.set(ServerURL, { Username, Secret });
        return out('');
      }
      case 'erase':
        return store.delete(input) ? out('') : out(`${CREDENTIALS_NOT_FOUND}\n`, 1);
      case 'list':
        return out(
          JSON.stringify(Object.fromEntries([...store].map(([url, entry]) => [url, entry.Username]))),
        );
    }
  };
  return { run, stores, calls };
}

function writeConfig(document: unknown): void {
  writeFileSync(configPath, JSON.stringify(document, null, 2));
}

function readConfig(): Record<string, unknown> {
  return JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
}

function storeWith(
  run: RunHelper,
  crypto: SecretCrypto = createAesGcmCrypto(randomBytes(32)),
): CredentialStore {
  return createCredentialStore({ dockerConfigDir: configDir, dataDir, crypto, runHelper: run });
}

describe('createCredentialStore without a credential helper', () => {
  it('saves encrypted in the app data folder, never in config.json, and says the CLI will not see it', async () => {
    const helpers = memoryHelpers([]);
    const crypto = createAesGcmCrypto(randomBytes(32));
    const store = storeWith(helpers.run, crypto);

    expect(await store.store(REGISTRY, 'ada', secret)).toEqual({
      registry: REGISTRY,
      source: 'dockwright-encrypted',
      helper: null,
      cliSees: false,
    });
    // Read back after a restart: this session's memory no longer holds it.
    expect(await storeWith(helpers.run, crypto).get(REGISTRY)).toEqual({
      registry: REGISTRY,
      username: 'ada',
      secret,
      kind: 'password',
      source: 'dockwright-encrypted',
      helper: null,
    });
    expect(() => statSync(configPath)).toThrow();
    expect(statSync(join(dataDir, 'credentials.json')).mode & 0o777).toBe(0o600);
    expect(helpers.calls).toEqual([]);
  });

  it('leaves a config.json with plaintext auths for other registries byte for byte as it was', async () => {
    writeConfig({ auths: { 'other.example.com': { auth: b64('bob:old') } }, psFormat: 'x' });
    const before = readFileSync(configPath);

    await storeWith(memoryHelpers([]).run).store(REGISTRY, 'ada', secret);

    expect(readFileSync(configPath).equals(before)).toBe(true);
  });

  it('reads plaintext auths written by the CLI, legacy keys included', async () => {
    writeConfig({
      auths: {
        'https://legacy.example.com/v1/': { auth: b64('old:timer') },
        [DOCKER_HUB_KEY]: { auth: b64('ada:'), identitytoken: 'hub-token' },
      },
    });
    const store = storeWith(memoryHelpers([]).run);

    expect(await store.get('legacy.example.com')).toMatchObject({
      registry: 'legacy.example.com',
      username: 'old',
      secret: 'timer',
      kind: 'password',
      source: 'config-auths',
    });
    expect(await store.get('docker.io')).toMatchObject({
      registry: DOCKER_HUB_KEY,
      username: 'ada',
      secret: 'hub-token',
      kind: 'identity-token',
      source: 'config-auths',
    });
    expect(await store.get('nothing.example.com')).toBeNull();
  });

  it('prefers a login made in Dockwright to an older plaintext one for the same registry', async () => {
    writeConfig({ auths: { [REGISTRY]: { auth: b64('old:password') } } });
    const crypto = createAesGcmCrypto(randomBytes(32));
    await storeWith(memoryHelpers([]).run, crypto).store(REGISTRY, 'ada', secret);

    expect(await storeWith(memoryHelpers([]).run, crypto).get(REGISTRY)).toMatchObject({
      username: 'ada',
      secret,
      source: 'dockwright-encrypted',
    });
  });

  it('keeps the login for this session only when the OS has no encryption, and writes no file at all', async () => {
    const crypto = { ...createAesGcmCrypto(randomBytes(32)), isAvailable: () => false };
    const store = storeWith(memoryHelpers([]).run, crypto);

    expect(await store.store(REGISTRY, 'ada', secret)).toEqual({
      registry: REGISTRY,
      source: 'session',
      helper: null,
      cliSees: false,
    });
    expect(await store.get(REGISTRY)).toMatchObject({ username: 'ada', secret, source: 'session' });
    expect(() => statSync(join(dataDir, 'credentials.json'))).toThrow();
    expect(() => statSync(configPath)).toThrow();
    expect(await storeWith(memoryHelpers([]).run, crypto).get(REGISTRY)).toBeNull();
  });
});

describe('createCredentialStore with credential helpers', () => {
  it('stores through credsStore as the CLI does, leaving only an empty marker in config.json', async () => {
    writeConfig({
      credsStore: 'dwtest',
      auths: { [REGISTRY]: { auth: b64('old:plain'), email: 'a@b.c' } },
      x: 1,
    });
    const helpers = memoryHelpers(['dwtest']);
    const store = storeWith(helpers.run);

    expect(await store.store(REGISTRY, 'ada', secret)).toEqual({
      registry: REGISTRY,
      source: 'credsStore',
      helper: 'dwtest',
      cliSees: true,
    });
    expect(helpers.stores.get('dwtest')!.get(REGISTRY)).toEqual({ Username: 'ada', Secret: secret });
    // The CLI's native store replaces the entry by one without credentials (docker/cli native_store.go).
    expect(readConfig()).toEqual({ credsStore: 'dwtest', auths: { [REGISTRY]: { email: 'a@b.c' } }, x: 1 });
    expect(statSync(configPath).mode & 0o777).toBe(0o600);
    expect(await storeWith(helpers.run).get(REGISTRY)).toEqual({
      registry: REGISTRY,
      username: 'ada',
      secret,
      kind: 'password',
      source: 'credsStore',
      helper: 'dwtest',
    });
  });

  it('keys Docker Hub as https://index.docker.io/v1/ in the helper', async () => {
    writeConfig({ credsStore: 'dwtest' });
    const helpers = memoryHelpers(['dwtest']);
    await storeWith(helpers.run).store('docker.io', 'ada', secret);

    expect([...helpers.stores.get('dwtest')!.keys()]).toEqual([DOCKER_HUB_KEY]);
    expect(Object.keys(readConfig()['auths'] as object)).toEqual([DOCKER_HUB_KEY]);
  });

  it('stores an identity token under the <token> username and reads it back as a token', async () => {
    writeConfig({ credsStore: 'dwtest' });
    const helpers = memoryHelpers(['dwtest']);
    const store = storeWith(helpers.run);
    await store.store(REGISTRY, 'ada', secret, { identityToken: true });

    expect(helpers.stores.get('dwtest')!.get(REGISTRY)).toEqual({ Username: '<token>', Secret: secret });
    expect(await storeWith(helpers.run).get(REGISTRY)).toMatchObject({
      username: null,
      secret,
      kind: 'identity-token',
    });
  });

  it('uses credHelpers[registry] before credsStore, and credsStore for the rest', async () => {
    writeConfig({ credsStore: 'general', credHelpers: { [REGISTRY]: 'special' } });
    const helpers = memoryHelpers(['general', 'special']);
    const store = storeWith(helpers.run);

    expect(await store.store(REGISTRY, 'ada', secret)).toMatchObject({
      source: 'credHelper',
      helper: 'special',
    });
    expect(await store.store('ghcr.io', 'bob', secret)).toMatchObject({
      source: 'credsStore',
      helper: 'general',
    });
    expect([...helpers.stores.get('special')!.keys()]).toEqual([REGISTRY]);
    expect([...helpers.stores.get('general')!.keys()]).toEqual(['ghcr.io']);
    expect(await storeWith(helpers.run).get(REGISTRY)).toMatchObject({
      username: 'ada',
      source: 'credHelper',
      helper: 'special',
    });
  });

  it('ignores plaintext auths once a credsStore is set, exactly as the CLI does', async () => {
    writeConfig({ credsStore: 'dwtest', auths: { [REGISTRY]: { auth: b64('old:plain') } } });
    const store = storeWith(memoryHelpers(['dwtest']).run);

    expect(await store.get(REGISTRY)).toBeNull();
  });

  it('does not fall back to Dockwright’s own store where a helper applies', async () => {
    const helpers = memoryHelpers(['dwtest']);
    await storeWith(helpers.run).store(REGISTRY, 'ada', secret);
    writeConfig({ credsStore: 'dwtest' });

    expect(await storeWith(helpers.run).get(REGISTRY)).toBeNull();
  });

  it('removes the Dockwright copy when the login moves to a helper', async () => {
    const helpers = memoryHelpers(['dwtest']);
    const crypto = createAesGcmCrypto(randomBytes(32));
    await storeWith(helpers.run, crypto).store(REGISTRY, 'ada', secret);
    writeConfig({ credsStore: 'dwtest' });
    await storeWith(helpers.run, crypto).store(REGISTRY, 'ada', secret);

    expect(JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')).entries).toEqual({});
  });

  it('names the helper that is not installed, in get, store and erase', async () => {
    writeConfig({ credsStore: 'osxkeychain' });
    const store = storeWith(memoryHelpers([]).run);
    const message = /docker-credential-osxkeychain is not installed or not on PATH/;

    await expect(store.get(REGISTRY)).rejects.toThrow(message);
    await expect(store.store(REGISTRY, 'ada', secret)).rejects.toThrow(message);
    await expect(store.erase(REGISTRY)).rejects.toThrow(message);
    expect(await credentialResult(() => store.get(REGISTRY))).toMatchObject({
      ok: false,
      error: { code: 'CREDENTIALS', message: expect.stringMatching(message) },
    });
  });
});

describe('keeping a login (the keep choice)', () => {
  it('reads this session’s login before any store, and lists it as the one in use while unsaved', async () => {
    writeConfig({ credsStore: 'dwtest' });
    const helpers = memoryHelpers(['dwtest']);
    helpers.stores.get('dwtest')!.set(REGISTRY, { Username: 'saved-user', Secret: 'saved-secret' });
    const store = storeWith(helpers.run);

    expect(await store.store(REGISTRY, 'ada', secret, { keep: 'session' })).toEqual({
      registry: REGISTRY,
      source: 'session',
      helper: null,
      cliSees: false,
    });

    expect(await store.get(REGISTRY)).toMatchObject({ username: 'ada', secret, source: 'session' });
    expect(helpers.stores.get('dwtest')!.get(REGISTRY)).toEqual({
      Username: 'saved-user',
      Secret: 'saved-secret',
    });
    expect((await store.list()).logins).toEqual([
      {
        registry: REGISTRY,
        displayName: REGISTRY,
        username: 'ada',
        source: 'session',
        helper: null,
        cliSees: false,
      },
    ]);
    expect(findLeaks([root], secret)).toEqual([]);
  });

  it('refuses config.json where a helper applies, keeping the session copy and config.json as they were', async () => {
    writeConfig({ credsStore: 'dwtest' });
    const before = readFileSync(configPath);
    const store = storeWith(memoryHelpers(['dwtest']).run);

    const result = await credentialResult(() =>
      store.store(REGISTRY, 'ada', secret, { keep: 'config-file' }),
    );

    expect(result).toMatchObject({ ok: false, error: { code: 'CREDENTIALS' } });
    expect(!result.ok && result.error.message).toMatch(/names docker-credential-dwtest/);
    expect(readFileSync(configPath).equals(before)).toBe(true);
    expect(await store.get(REGISTRY)).toMatchObject({ secret, source: 'session' });
  });

  it('writes an identity token to config.json as the CLI does, keeping other fields and entries', async () => {
    writeConfig({ auths: { [REGISTRY]: { email: 'a@b.c' }, other: { auth: b64('o:p') } }, x: 1 });
    const crypto = createAesGcmCrypto(randomBytes(32));
    const store = storeWith(memoryHelpers([]).run, crypto);
    await store.store(REGISTRY, 'ada', 'an-old-password', {});

    expect(await store.store(REGISTRY, 'ada', secret, { identityToken: true, keep: 'config-file' })).toEqual({
      registry: REGISTRY,
      source: 'config-auths',
      helper: null,
      cliSees: true,
    });
    expect(readConfig()).toEqual({
      auths: {
        [REGISTRY]: { email: 'a@b.c', auth: b64('ada:'), identitytoken: secret },
        other: { auth: b64('o:p') },
      },
      x: 1,
    });
    // The encrypted copy made first would be read before config.json: it is gone.
    expect(await storeWith(memoryHelpers([]).run, crypto).get(REGISTRY)).toMatchObject({
      username: 'ada',
      secret,
      kind: 'identity-token',
      source: 'config-auths',
    });
  });

  it('says where a login would go before it is made, with why encryption is missing', async () => {
    writeConfig({ credHelpers: { 'ghcr.io': 'gh' } });
    const noCrypto = {
      ...createAesGcmCrypto(randomBytes(32)),
      isAvailable: () => false,
      whyUnavailable: () => 'no keyring or Secret Service is running',
    };
    const store = storeWith(memoryHelpers(['gh']).run, noCrypto);

    expect(await store.placeFor('ghcr.io')).toEqual({
      registry: 'ghcr.io',
      source: 'credHelper',
      helper: 'gh',
      cliSees: true,
      noEncryption: 'no keyring or Secret Service is running',
      plainTextFile: null,
    });
    expect(await storeWith(memoryHelpers([]).run).placeFor(REGISTRY)).toEqual({
      registry: REGISTRY,
      source: 'dockwright-encrypted',
      helper: null,
      cliSees: false,
      noEncryption: null,
      plainTextFile: configPath,
    });
  });
});

describe('erase', () => {
  it('removes the login from the helper and every config.json key for it, as docker logout does', async () => {
    writeConfig({
      credsStore: 'dwtest',
      auths: { [REGISTRY]: {}, [`https://${REGISTRY}`]: {}, 'keep.example.com': {} },
    });
    const helpers = memoryHelpers(['dwtest']);
    const store = storeWith(helpers.run);
    await store.store(REGISTRY, 'ada', secret);

    expect(await store.erase(`http://${REGISTRY}/v2/`)).toEqual(['session', 'credsStore']);
    expect(helpers.stores.get('dwtest')!.size).toBe(0);
    expect(readConfig()).toEqual({ credsStore: 'dwtest', auths: { 'keep.example.com': {} } });
    expect(await store.get(REGISTRY)).toBeNull();
  });

  it('removes a plaintext config.json login and a Dockwright one', async () => {
    writeConfig({
      auths: { [REGISTRY]: { auth: b64('old:plain') }, 'keep.example.com': { auth: b64('k:v') } },
    });
    const store = storeWith(memoryHelpers([]).run);
    await store.store(REGISTRY, 'ada', secret);

    expect((await store.erase(REGISTRY)).sort()).toEqual(['config-auths', 'dockwright-encrypted', 'session']);
    expect(readConfig()).toEqual({ auths: { 'keep.example.com': { auth: b64('k:v') } } });
    expect(await store.get(REGISTRY)).toBeNull();
  });

  it('answers an empty list when there was no login', async () => {
    expect(await storeWith(memoryHelpers([]).run).erase(REGISTRY)).toEqual([]);
    expect(() => statSync(configPath)).toThrow();
  });
});

describe('list', () => {
  it('lists every login once, from the store the CLI would use, without secrets', async () => {
    writeConfig({
      credHelpers: { 'gcr.io': 'gcloud', 'broken.example.com': 'missing' },
      auths: {
        'https://plain.example.com/v1/': { auth: b64('plainuser:plainpass') },
        'gcr.io': { auth: b64('shadowed:plain') },
        'marker.example.com': {},
      },
    });
    const helpers = memoryHelpers(['gcloud']);
    helpers.stores.get('gcloud')!.set('https://gcr.io', { Username: 'oauth2accesstoken', Secret: 'x' });
    const store = storeWith(helpers.run);
    await store.store(REGISTRY, 'ada', secret);

    const { logins, problems } = await store.list();

    expect(logins).toEqual([
      {
        registry: REGISTRY,
        displayName: REGISTRY,
        username: 'ada',
        source: 'dockwright-encrypted',
        helper: null,
        cliSees: false,
      },
      {
        registry: 'gcr.io',
        displayName: 'gcr.io',
        username: 'oauth2accesstoken',
        source: 'credHelper',
        helper: 'gcloud',
        cliSees: true,
      },
      {
        registry: 'plain.example.com',
        displayName: 'plain.example.com',
        username: 'plainuser',
        source: 'config-auths',
        helper: null,
        cliSees: true,
      },
    ]);
    expect(problems).toEqual(['docker-credential-missing is not installed or not on PATH.']);
    expect(JSON.stringify(logins)).not.toContain(secret);
  });

  it('lists a credsStore’s logins and not the plaintext auths it hides', async () => {
    writeConfig({ credsStore: 'dwtest', auths: { 'plain.example.com': { auth: b64('u:p') } } });
    const helpers = memoryHelpers(['dwtest']);
    const store = storeWith(helpers.run);
    await store.store('docker.io', 'ada', secret);
    await store.store(REGISTRY, 'ada', secret, { identityToken: true });

    expect((await store.list()).logins).toEqual([
      {
        registry: REGISTRY,
        displayName: REGISTRY,
        username: null,
        source: 'credsStore',
        helper: 'dwtest',
        cliSees: true,
      },
      {
        registry: DOCKER_HUB_KEY,
        displayName: 'Docker Hub',
        username: 'ada',
        source: 'credsStore',
        helper: 'dwtest',
        cliSees: true,
      },
    ]);
  });
});

describe('a malformed config.json', () => {
  it('fails every operation with an error naming the file, and is never overwritten', async () => {
    writeFileSync(configPath, `{"auths": {"${REGISTRY}": {"auth": "${b64('u:p')}"`);
    const before = readFileSync(configPath);
    const store = storeWith(memoryHelpers([]).run);

    for (const work of [
      () => store.get(REGISTRY),
      () => store.store(REGISTRY, 'ada', secret),
      () => store.erase(REGISTRY),
    ]) {
      const failure = await work().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(CredentialStoreError);
      expect((failure as Error).message).toContain(`${configPath} is not valid JSON`);
    }
    expect((await store.list()).problems).toEqual([expect.stringContaining(configPath)]);
    expect(readFileSync(configPath).equals(before)).toBe(true);
    expect(() => statSync(join(dataDir, 'credentials.json'))).toThrow();
  });
});

describe('secrets on disk', () => {
  it('are found by the scan in plain, hex and base64 form, also inside base64 of user:password', () => {
    const leaky = join(root, 'leaky');
    mkdirSync(leaky);
    for (const [index, text] of [
      secret,
      Buffer.from(secret).toString('hex'),
      b64(`ada:${secret}`),
      b64(`adam:${secret}`),
      b64(`ad:${secret}`),
    ].entries()) {
      writeFileSync(join(leaky, `file-${index}`), `{"x": "${text}"}`);
    }
    writeFileSync(join(leaky, 'clean'), b64('ada:other-password'));

    const leaks = findLeaks([leaky], secret);
    for (const index of [0, 1, 2, 3, 4])
      expect(leaks.some((leak) => leak.includes(`file-${index}:`))).toBe(true);
    expect(leaks.some((leak) => leak.includes('clean'))).toBe(false);
  });

  it('appear in no file in any form after storing, reading, listing and erasing through every store', async () => {
    const helpers = memoryHelpers(['dwtest']);
    const crypto = createAesGcmCrypto(randomBytes(32));
    const encryptedOnly = storeWith(helpers.run, crypto);
    await encryptedOnly.store(REGISTRY, 'ada', secret);
    await encryptedOnly.store('docker.io', 'ada', `${secret}-hub`, { identityToken: true });
    await encryptedOnly.get(REGISTRY);
    await encryptedOnly.list();

    writeConfig({ credsStore: 'dwtest', credHelpers: { 'ghcr.io': 'dwtest' }, auths: {} });
    const withHelper = storeWith(helpers.run, crypto);
    await withHelper.store(REGISTRY, 'ada', secret);
    await withHelper.store('ghcr.io', 'ada', secret);
    await withHelper.list();
    await withHelper.erase('ghcr.io');

    expect(findLeaks([root], secret)).toEqual([]);
    expect(findLeaks([root], `ada:${secret}`)).toEqual([]);
  });
});
