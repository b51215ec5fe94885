/**
 * Registry credentials shared with the docker CLI.
 *
 * Which store holds a registry's credentials is decided exactly as the CLI decides it
 * (docker/cli configfile.GetCredentialsStore): `credHelpers[registry]`, else `credsStore`, else
 * the plaintext `auths` of config.json. The first that applies is the only one read: with a
 * `credsStore`, plaintext `auths` are ignored, as by the CLI.
 *
 * Every login the registry accepted is kept in memory for the rest of the session and read before
 * any store. Where no helper applies, Dockwright saves logins encrypted in its own store (which the
 * CLI cannot see) and reads them before config.json's `auths` (a login made in Dockwright was
 * verified just now; a plaintext one may be older). It writes plaintext `auths` only when the user
 * asks for it, as `docker login` would (see login-place.ts).
 */
import { fail, ok, type Result } from '../../shared/result';
import type { KeepLogin, RegistryPlace } from '../../shared/registry';
import {
  helperErase,
  helperGet,
  helperList,
  helperStore,
  IDENTITY_TOKEN_USERNAME,
  type RunHelper,
} from './credential-helper';
import { CredentialStoreError } from './credential-store-error';
import {
  configAuthKeys,
  createDockerConfigFile,
  decodeAuth,
  encodeAuth,
  findConfigAuth,
  helperFor,
  type DockerConfig,
  type DockerConfigAuthEntry,
} from './docker-config';
import {
  createEncryptedStore,
  encryptionProblem,
  type SecretCrypto,
  type SecretKind,
} from './encrypted-store';
import { chooseLoginPlace, defaultLoginPlace, type LoginPlace } from './login-place';
import { createSessionCredentials } from './session-credentials';
import { convertToHostname, credentialKey, DOCKER_HUB_KEY } from '../../shared/registry/registry-name';

export { CredentialStoreError } from './credential-store-error';

/** Where a credential lives; `session` is this process's memory. */
export type CredentialSource =
  'credsStore' | 'credHelper' | 'config-auths' | 'dockwright-encrypted' | 'session';

/** Credentials for one registry, with where they came from. Main-process only: holds the secret. */
export interface RegistryCredential {
  /** The credential key (`https://index.docker.io/v1/` or `host[:port]`). */
  registry: string;
  /** null for an identity token kept without a username. */
  username: string | null;
  secret: string;
  kind: SecretKind;
  source: CredentialSource;
  /** The credential helper's name (`osxkeychain`), null for the file stores. */
  helper: string | null;
}

/** A saved login as the UI lists it: no secret. */
export interface StoredLogin {
  registry: string;
  displayName: string;
  username: string | null;
  source: CredentialSource;
  helper: string | null;
  /** False for Dockwright's encrypted store and the session: `docker` commands will not use this login. */
  cliSees: boolean;
}

/** Every saved login, and what could not be read (a missing helper, a damaged file). */
export interface CredentialListing {
  logins: StoredLogin[];
  problems: string[];
}

/** Where `store` put a registry's credentials. */
export type CredentialPlace = LoginPlace;

export interface CredentialStore {
  /**
   * The credentials for `registry`: this session's login first, then the ones the CLI would use
   * (or Dockwright's own); null when none.
   */
  get(registry: string): Promise<RegistryCredential | null>;
  /**
   * Keeps credentials for this session, then saves them as `keep` says (default: where the CLI
   * looks, else encrypted, else nowhere). A CredentialStoreError from saving leaves the session's
   * copy in place.
   */
  store(
    registry: string,
    username: string,
    secret: string,
    options?: { identityToken?: boolean; keep?: KeepLogin },
  ): Promise<CredentialPlace>;
  /** Removes the registry's credentials from the session and every store, as `docker logout` does. */
  erase(registry: string): Promise<CredentialSource[]>;
  list(): Promise<CredentialListing>;
  /** Where `store` would save credentials for `registry` by default, so the UI can say before logging in. */
  placeFor(registry: string): Promise<RegistryPlace>;
}

export interface CredentialStoreOptions {
  /** `$DOCKER_CONFIG` or `~/.docker` (see dockerConfigDir). */
  dockerConfigDir: string;
  /** The app's data folder: `credentials.json` lives there. */
  dataDir: string;
  crypto: SecretCrypto;
  runHelper: RunHelper;
}

function displayNameOf(key: string): string {
  return key === DOCKER_HUB_KEY ? 'Docker Hub' : key;
}

/** The fields of an `auths` entry that hold a secret; the CLI blanks them when a helper has it. */
const SECRET_FIELDS = ['auth', 'identitytoken', 'registrytoken', 'password', 'username'] as const;

export function createCredentialStore(options: CredentialStoreOptions): CredentialStore {
  const configFile = createDockerConfigFile(options.dockerConfigDir);
  const encrypted = createEncryptedStore({ dataDir: options.dataDir, crypto: options.crypto });
  const session = createSessionCredentials();
  const run = options.runHelper;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const placeIn = (config: DockerConfig, key: string, keep: KeepLogin) =>
    chooseLoginPlace({
      key,
      keep,
      helper: helperFor(config, key),
      encryption: options.crypto.isAvailable(),
      configPath: config.path,
    });

  const get = async (registry: string): Promise<RegistryCredential | null> => {
    const key = credentialKey(registry);
    const remembered = session.get(key);
    if (remembered) return { registry: key, ...remembered, source: 'session', helper: null };
    const config = await configFile.read();
    const helper = helperFor(config, key);
    if (helper) {
      const found = await helperGet(run, helper.name, key);
      if (!found) return null;
      const token = found.username === IDENTITY_TOKEN_USERNAME;
      return {
        registry: key,
        username: token ? null : found.username,
        secret: found.secret,
        kind: token ? 'identity-token' : 'password',
        source: helper.source,
        helper: helper.name,
      };
    }
    const saved = await encrypted.get(key);
    if (saved) return { registry: key, ...saved, source: 'dockwright-encrypted', helper: null };
    const auth = findConfigAuth(config, key);
    if (!auth) return null;
    // The engine prefers an identity token to a password when both are sent; so do we.
    const token = auth.identityToken !== '';
    return {
      registry: key,
      username: auth.username === '' ? null : auth.username,
      secret: token ? auth.identityToken : auth.password,
      kind: token ? 'identity-token' : 'password',
      source: 'config-auths',
      helper: null,
    };
  };

  const store: CredentialStore['store'] = (registry, username, secret, storeOptions = {}) =>
    serial(async () => {
      const key = credentialKey(registry);
      const identityToken = storeOptions.identityToken === true;
      if (secret === '')
        throw new CredentialStoreError(`There is no password to save for ${displayNameOf(key)}.`);
      if (!identityToken && username === '') {
        throw new CredentialStoreError(`There is no username to save for ${displayNameOf(key)}.`);
      }
      const credential = {
        username: username === '' ? null : username,
        secret,
        kind: identityToken ? ('identity-token' as const) : ('password' as const),
      };
      // Accepted by the registry: usable until Dockwright quits, whatever happens to saving it.
      session.remember(key, credential);
      const config = await configFile.read();
      const choice = placeIn(config, key, storeOptions.keep ?? 'default');
      if (!choice.ok) throw new CredentialStoreError(choice.reason);
      const place = choice.place;
      if (place.source === 'session') return place;
      if (place.source === 'dockwright-encrypted') {
        await encrypted.store(key, credential);
        session.markSaved(key);
        return place;
      }
      if (place.source === 'config-auths') {
        // As the CLI's file store writes it: `auth` is base64 of `username:password` (an empty
        // password beside an identity token); fields it does not know, like `email`, stay.
        await configFile.updateAuths((auths) => {
          const kept: DockerConfigAuthEntry = { ...(Object.hasOwn(auths, key) ? auths[key] : {}) };
          for (const field of SECRET_FIELDS) delete kept[field];
          kept.auth = encodeAuth(username, identityToken ? '' : secret);
          if (identityToken) kept.identitytoken = secret;
          auths[key] = kept;
          return true;
        });
        // An encrypted copy is read before `auths` and would hide this login from then on.
        await encrypted.erase(key).catch(() => false);
        session.markSaved(key);
        return place;
      }
      if (place.helper === null) throw new CredentialStoreError(`No credential helper for ${key}.`);
      await helperStore(run, place.helper, {
        serverUrl: key,
        username: identityToken ? IDENTITY_TOKEN_USERNAME : username,
        secret,
      });
      // Like the CLI's native store: an `auths` entry without secrets marks the login, which
      // `docker logout` (20.10) looks for, and replaces any plaintext left there.
      await configFile.updateAuths((auths) => {
        const kept: DockerConfigAuthEntry = { ...(Object.hasOwn(auths, key) ? auths[key] : {}) };
        for (const field of SECRET_FIELDS) delete kept[field];
        auths[key] = kept;
        return true;
      });
      // A copy Dockwright saved before the helper was configured would never be read again.
      await encrypted.erase(key).catch(() => false);
      session.markSaved(key);
      return place;
    });

  const erase = (registry: string): Promise<CredentialSource[]> =>
    serial(async () => {
      const key = credentialKey(registry);
      const config = await configFile.read();
      const erased = new Set<CredentialSource>();
      if (session.forget(key)) erased.add('session');
      const problems: string[] = [];
      try {
        if (await encrypted.erase(key)) erased.add('dockwright-encrypted');
      } catch (error) {
        problems.push((error as Error).message);
      }
      const keys = configAuthKeys(config, key);
      // `docker logout` also tries the legacy forms of the key, each with its own helper.
      for (const helperKey of new Set([key, ...keys])) {
        const helper = helperFor(config, helperKey);
        if (!helper) continue;
        try {
          if (await helperErase(run, helper.name, helperKey)) erased.add(helper.source);
        } catch (error) {
          if (helperKey === key) problems.push((error as Error).message);
        }
      }
      if (keys.length > 0) {
        if (keys.some((k) => config.auths[k]?.auth || config.auths[k]?.identitytoken))
          erased.add('config-auths');
        await configFile.updateAuths((auths) => {
          for (const k of keys) delete auths[k];
          return true;
        });
      }
      if (problems.length > 0) {
        throw new CredentialStoreError(
          `Could not log out of ${displayNameOf(key)} everywhere: ${problems.join(' ')}`,
        );
      }
      return [...erased];
    });

  const list = async (): Promise<CredentialListing> => {
    const problems: string[] = [];
    let config: DockerConfig;
    try {
      config = await configFile.read();
    } catch (error) {
      return { logins: [], problems: [(error as Error).message] };
    }
    const logins = new Map<string, StoredLogin>();
    const add = (key: string, username: string, source: CredentialSource, helper: string | null) =>
      logins.set(key, {
        registry: key,
        displayName: displayNameOf(key),
        username: username === '' || username === IDENTITY_TOKEN_USERNAME ? null : username,
        source,
        helper,
        cliSees: source !== 'dockwright-encrypted' && source !== 'session',
      });
    const hasOwnHelper = (key: string) =>
      Object.hasOwn(config.credHelpers, key) && Boolean(config.credHelpers[key]);

    if (config.credsStore) {
      try {
        for (const [url, username] of Object.entries(await helperList(run, config.credsStore))) {
          if (!hasOwnHelper(url)) add(url, username, 'credsStore', config.credsStore);
        }
      } catch (error) {
        problems.push((error as Error).message);
      }
    } else {
      for (const [rawKey, entry] of Object.entries(config.auths)) {
        const key = rawKey === DOCKER_HUB_KEY ? rawKey : convertToHostname(rawKey);
        if (hasOwnHelper(key) || logins.has(key) || !(entry.auth || entry.identitytoken)) continue;
        try {
          const username = entry.auth ? decodeAuth(config.path, rawKey, entry.auth).username : '';
          add(key, username, 'config-auths', null);
        } catch (error) {
          problems.push((error as Error).message);
        }
      }
      try {
        for (const saved of await encrypted.list()) {
          if (!hasOwnHelper(saved.key)) add(saved.key, saved.username ?? '', 'dockwright-encrypted', null);
        }
      } catch (error) {
        problems.push((error as Error).message);
      }
    }

    const byHelper = new Map<string, string[]>();
    for (const [key, name] of Object.entries(config.credHelpers)) {
      if (name !== '') byHelper.set(name, [...(byHelper.get(name) ?? []), key]);
    }
    for (const [name, keys] of byHelper) {
      try {
        const listed = await helperList(run, name);
        for (const key of keys) {
          const url = Object.hasOwn(listed, key)
            ? key
            : Object.keys(listed).find((candidate) => convertToHostname(candidate) === key);
          if (url !== undefined) add(key, listed[url]!, 'credHelper', name);
        }
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    // A login kept only for this session is the one pushes use, whatever a store holds.
    for (const kept of session.list()) {
      if (!kept.saved) add(kept.key, kept.username ?? '', 'session', null);
    }
    return { logins: [...logins.values()].sort((a, b) => a.registry.localeCompare(b.registry)), problems };
  };

  const placeFor = async (registry: string): Promise<RegistryPlace> => {
    const key = credentialKey(registry);
    const config = await configFile.read();
    const helper = helperFor(config, key);
    return {
      ...defaultLoginPlace({ key, helper, encryption: options.crypto.isAvailable() }),
      noEncryption: encryptionProblem(options.crypto),
      plainTextFile: helper ? null : config.path,
    };
  };

  return {
    get,
    store,
    erase,
    list,
    placeFor,
  };
}

/**
 * Runs credential work and returns its known failures (damaged config.json, a missing helper, no
 * encryption) as values; anything else is a bug and is thrown on.
 */
export async function credentialResult<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (error) {
    if (error instanceof CredentialStoreError) return fail('CREDENTIALS', error.message);
    throw error;
  }
}
