/**
 * The docker CLI's `config.json` (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`):
 * the credential parts read the way the CLI reads them, every other key kept as written.
 */
import { lstat, mkdir, readFile, readlink, realpath } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../store/atomic-write';
import { CredentialStoreError } from './credential-store-error';
import { convertToHostname } from '../../shared/registry/registry-name';
import { isRecord } from '../../shared/is-record';

/** One `auths` entry as the CLI writes it; fields we do not know (e.g. `email`) are kept. */
export interface DockerConfigAuthEntry {
  /** base64 of `username:password`. */
  auth?: string;
  identitytoken?: string;
  [field: string]: unknown;
}

/** The credential settings of a config.json, plus the whole document for writing it back. */
export interface DockerConfig {
  path: string;
  exists: boolean;
  document: Record<string, unknown>;
  auths: Record<string, DockerConfigAuthEntry>;
  credsStore: string | null;
  credHelpers: Record<string, string>;
}

/** Credentials found in `auths`, decoded. */
export interface ConfigAuth {
  /** The key they were found under, which may be a legacy `https://host/v1/` form. */
  key: string;
  username: string;
  password: string;
  identityToken: string;
}

/** config.json cannot be read or used; the message names the file. */
export class DockerConfigError extends CredentialStoreError {
  override readonly name = 'DockerConfigError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A lookup table keyed by registry names, which come from requests and from the file: without a
 * prototype, `constructor` or `__proto__` find nothing instead of Object's own members.
 */
export function nullPrototype<T>(entries: Iterable<[string, T]> = []): Record<string, T> {
  const table = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) table[key] = value;
  return table;
}

/** Checks the parsed document; field types the CLI could not decode are errors, as for the CLI. */
function parseDocument(path: string, text: string): DockerConfig {
  // The CLI treats an empty file as an empty configuration (io.EOF is not an error there).
  if (text.trim() === '')
    return {
      path,
      exists: true,
      document: {},
      auths: nullPrototype(),
      credsStore: null,
      credHelpers: nullPrototype(),
    };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new DockerConfigError(
      path,
      `${path} is not valid JSON (${(error as Error).message}). Fix or remove it.`,
    );
  }
  if (!isRecord(document))
    throw new DockerConfigError(path, `${path} does not hold a JSON object. Fix or remove it.`);
  const auths = nullPrototype<DockerConfigAuthEntry>();
  if (document['auths'] !== undefined && document['auths'] !== null) {
    if (!isRecord(document['auths']))
      throw new DockerConfigError(path, `${path}: "auths" must be an object.`);
    for (const [key, entry] of Object.entries(document['auths'])) {
      if (!isRecord(entry))
        throw new DockerConfigError(path, `${path}: the "auths" entry for ${key} must be an object.`);
      for (const field of ['auth', 'identitytoken'] as const) {
        if (entry[field] !== undefined && typeof entry[field] !== 'string') {
          throw new DockerConfigError(
            path,
            `${path}: "${field}" of the "auths" entry for ${key} must be a string.`,
          );
        }
      }
      auths[key] = entry as DockerConfigAuthEntry;
    }
  }
  const credsStore = document['credsStore'];
  if (credsStore !== undefined && credsStore !== null && typeof credsStore !== 'string') {
    throw new DockerConfigError(path, `${path}: "credsStore" must be a string.`);
  }
  const credHelpers = nullPrototype<string>();
  const helpers = document['credHelpers'];
  if (helpers !== undefined && helpers !== null) {
    if (!isRecord(helpers)) throw new DockerConfigError(path, `${path}: "credHelpers" must be an object.`);
    for (const [key, name] of Object.entries(helpers)) {
      if (typeof name !== 'string') {
        throw new DockerConfigError(path, `${path}: the "credHelpers" entry for ${key} must be a string.`);
      }
      credHelpers[key] = name;
    }
  }
  return {
    path,
    exists: true,
    document,
    auths,
    credsStore: typeof credsStore === 'string' && credsStore !== '' ? credsStore : null,
    credHelpers,
  };
}

/**
 * Decodes an `auth` value (base64 of `username:password`) with the CLI's rules: the username must
 * not be empty, the password keeps any further colons, trailing NULs are dropped.
 *
 * The error never quotes the value: it is the password.
 */
export function decodeAuth(path: string, key: string, auth: string): { username: string; password: string } {
  const invalid = () =>
    new DockerConfigError(path, `${path}: the "auth" value for ${key} is not base64 of "username:password".`);
  const compact = auth.replace(/[\r\n]/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw invalid();
  const decoded = Buffer.from(compact, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw invalid();
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1).replace(/\0+$/, '') };
}

/** Encodes `username:password` as the CLI writes `auth`. */
export function encodeAuth(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

/**
 * The `auths` entry the CLI's file store would use for `key`: the exact key, else the first key
 * whose hostname form equals it (legacy `https://host/v1/` keys). Entries without credentials
 * (the `{}` the CLI leaves when a helper holds the secret) count as none.
 */
export function findConfigAuth(config: DockerConfig, key: string): ConfigAuth | null {
  const found = Object.hasOwn(config.auths, key)
    ? key
    : Object.keys(config.auths).find((k) => convertToHostname(k) === key);
  if (found === undefined) return null;
  const entry = config.auths[found]!;
  const { username, password } = entry.auth
    ? decodeAuth(config.path, found, entry.auth)
    : { username: '', password: '' };
  const identityToken = entry.identitytoken ?? '';
  if (username === '' && identityToken === '') return null;
  return { key: found, username, password, identityToken };
}

/** Every `auths` key that stands for `key` (itself and its legacy forms), as `docker logout` erases them. */
export function configAuthKeys(config: DockerConfig, key: string): string[] {
  return Object.keys(config.auths).filter((k) => k === key || convertToHostname(k) === key);
}

/** The credential helper the CLI would use for `key`: `credHelpers[key]`, else `credsStore`. */
export function helperFor(
  config: DockerConfig,
  key: string,
): { name: string; source: 'credHelper' | 'credsStore' } | null {
  const specific = Object.hasOwn(config.credHelpers, key) ? config.credHelpers[key] : undefined;
  if (typeof specific === 'string' && specific !== '') return { name: specific, source: 'credHelper' };
  return config.credsStore ? { name: config.credsStore, source: 'credsStore' } : null;
}

/** The path a write must replace: the target of a symlinked config.json, as the CLI resolves it. */
async function writeTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    try {
      const stat = await lstat(path);
      if (stat.isSymbolicLink()) return resolve(dirname(path), await readlink(path));
    } catch {
      // missing: write it in place
    }
    return path;
  }
}

/** config.json in one directory. */
export interface DockerConfigFile {
  path: string;
  /** Reads the file; a missing file is an empty configuration. Throws DockerConfigError. */
  read(): Promise<DockerConfig>;
  /**
   * Changes `auths` on a fresh read and writes the file back atomically (mode 0600), every other
   * key as it was. Nothing is written when `change` returns false.
   */
  updateAuths(change: (auths: Record<string, DockerConfigAuthEntry>) => boolean): Promise<void>;
}

export function createDockerConfigFile(dir: string): DockerConfigFile {
  const path = join(dir, 'config.json');
  const read = async (): Promise<DockerConfig> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return {
          path,
          exists: false,
          document: {},
          auths: nullPrototype(),
          credsStore: null,
          credHelpers: nullPrototype(),
        };
      }
      throw new DockerConfigError(path, `${path} cannot be read: ${(error as Error).message}`);
    }
    return parseDocument(path, text);
  };
  return {
    path,
    read,
    async updateAuths(change) {
      const config = await read();
      const auths = nullPrototype(Object.entries(config.auths));
      if (!change(auths)) return;
      const document = { ...config.document, auths: { ...auths } };
      // The CLI creates ~/.docker as 0700; writeFileAtomic would use the umask's default.
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(await writeTarget(path), JSON.stringify(document, null, '\t'));
    },
  };
}
