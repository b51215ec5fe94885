/**
 * Dockwright's own credential store, for registries no docker credential helper covers:
 * `<dataDir>/credentials.json` with every secret encrypted by the OS (Electron safeStorage in the
 * app). Never plaintext: without encryption, storing is refused.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { createJsonFile } from '../store/json-file';
import { CredentialStoreError } from './credential-store-error';

/** Encryption of app secrets; Electron's safeStorage in the app, AES-GCM with a given key in tests. */
export interface SecretCrypto {
  isAvailable(): boolean;
  /** Why `isAvailable()` is false, in words true for this process (e.g. no keyring is running). */
  whyUnavailable?(): string;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

export type SecretKind = 'password' | 'identity-token';

/** A saved login, decrypted. */
export interface EncryptedCredential {
  /** null for an identity token saved without a username. */
  username: string | null;
  secret: string;
  kind: SecretKind;
}

/** A saved login without its secret (listing needs no decryption). */
export interface EncryptedListing {
  key: string;
  username: string | null;
  kind: SecretKind;
}

/** The encrypted store cannot do what was asked; the message holds no secret. */
export class EncryptedStoreError extends CredentialStoreError {
  override readonly name = 'EncryptedStoreError';
}

const fileSchema = z.object({
  version: z.literal(1),
  entries: z.record(
    z.string(),
    z.object({
      username: z.string().nullable(),
      kind: z.enum(['password', 'identity-token']),
      /** base64 of crypto.encrypt(JSON {registry, secret}). */
      ciphertext: z.string().min(1),
      storedAt: z.string(),
    }),
  ),
});

type StoreFile = z.output<typeof fileSchema>;

/** Why Dockwright cannot encrypt saved logins, or null when it can. */
export function encryptionProblem(crypto: SecretCrypto): string | null {
  if (crypto.isAvailable()) return null;
  return crypto.whyUnavailable?.() ?? 'this system offers no encryption for app secrets';
}

export interface EncryptedStore {
  path: string;
  get(key: string): Promise<EncryptedCredential | null>;
  store(key: string, credential: EncryptedCredential): Promise<void>;
  /** False when there was nothing saved for `key`. */
  erase(key: string): Promise<boolean>;
  list(): Promise<EncryptedListing[]>;
}

export interface EncryptedStoreOptions {
  dataDir: string;
  crypto: SecretCrypto;
  now?: () => Date;
}

export function createEncryptedStore(options: EncryptedStoreOptions): EncryptedStore {
  const path = join(options.dataDir, 'credentials.json');
  const file = createJsonFile(path, fileSchema);
  const now = options.now ?? (() => new Date());
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const load = async (): Promise<StoreFile> => {
    const read = await file.read();
    if (read.state === 'ok') return read.value;
    if (read.state === 'missing') return { version: 1, entries: {} };
    // A damaged store is not silently replaced: the user decides (the reason names the file).
    throw new EncryptedStoreError(
      `Saved logins cannot be read: ${read.reason}. Delete ${path} to start over.`,
    );
  };

  return {
    path,
    async get(key) {
      const { entries } = await load();
      // Keys come from requests: `constructor` must not find Object's own member.
      const entry = Object.hasOwn(entries, key) ? entries[key] : undefined;
      if (!entry) return null;
      if (!options.crypto.isAvailable()) {
        throw new EncryptedStoreError(
          `The saved login for ${key} cannot be decrypted: ${encryptionProblem(options.crypto) ?? ''}.`,
        );
      }
      let payload: unknown;
      try {
        payload = JSON.parse(options.crypto.decrypt(Buffer.from(entry.ciphertext, 'base64')));
      } catch {
        throw new EncryptedStoreError(
          `The saved login for ${key} cannot be decrypted (it was saved by another user or machine, or damaged). Log in again.`,
        );
      }
      const { registry, secret } = (payload ?? {}) as { registry?: unknown; secret?: unknown };
      // The registry inside the ciphertext stops an entry copied under another key from being sent there.
      if (registry !== key || typeof secret !== 'string') {
        throw new EncryptedStoreError(`The saved login for ${key} does not belong to it. Log in again.`);
      }
      return { username: entry.username, secret, kind: entry.kind };
    },
    store: (key, credential) =>
      serial(async () => {
        if (!options.crypto.isAvailable()) {
          throw new EncryptedStoreError(
            `Dockwright will not save the password for ${key} unencrypted in its own data: ${encryptionProblem(options.crypto) ?? ''}.`,
          );
        }
        const current = await load();
        const ciphertext = options.crypto
          .encrypt(JSON.stringify({ registry: key, secret: credential.secret }))
          .toString('base64');
        await file.write({
          version: 1,
          entries: {
            ...current.entries,
            [key]: {
              username: credential.username,
              kind: credential.kind,
              ciphertext,
              storedAt: now().toISOString(),
            },
          },
        });
      }),
    erase: (key) =>
      serial(async () => {
        const { entries } = await load();
        if (!Object.hasOwn(entries, key)) return false;
        const { [key]: _erased, ...rest } = entries;
        await file.write({ version: 1, entries: rest });
        return true;
      }),
    async list() {
      const { entries } = await load();
      return Object.entries(entries).map(([key, entry]) => ({
        key,
        username: entry.username,
        kind: entry.kind,
      }));
    },
  };
}
