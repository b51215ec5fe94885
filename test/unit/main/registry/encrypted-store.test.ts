import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAesGcmCrypto } from '../../../../src/main/registry/aes-gcm-crypto';
import {
  createEncryptedStore,
  EncryptedStoreError,
  type SecretCrypto,
} from '../../../../src/main/registry/encrypted-store';
import { findLeaks } from '../../../support/secret-scan';

let dataDir: string;
const secret = `pw-${randomBytes(9).toString('hex')}`;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'dw-encrypted-store-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** Real AES-GCM that can be switched off, as safeStorage is off without a keyring. */
function switchableCrypto(available: boolean): SecretCrypto {
  const real = createAesGcmCrypto(randomBytes(32));
  return { ...real, isAvailable: () => available };
}

describe('createEncryptedStore', () => {
  it('gives back what it stored, after a restart', async () => {
    const crypto = createAesGcmCrypto(randomBytes(32));
    await createEncryptedStore({ dataDir, crypto }).store('127.0.0.1:5000', {
      username: 'ada',
      secret,
      kind: 'password',
    });

    const reopened = createEncryptedStore({ dataDir, crypto });
    expect(await reopened.get('127.0.0.1:5000')).toEqual({ username: 'ada', secret, kind: 'password' });
    expect(await reopened.get('other:5000')).toBeNull();
    expect(await reopened.list()).toEqual([{ key: '127.0.0.1:5000', username: 'ada', kind: 'password' }]);
  });

  it('writes credentials.json with mode 0600 and the secret in no readable form', async () => {
    const store = createEncryptedStore({ dataDir, crypto: createAesGcmCrypto(randomBytes(32)) });
    await store.store('127.0.0.1:5000', { username: 'ada', secret, kind: 'password' });
    await store.store('https://index.docker.io/v1/', {
      username: null,
      secret: `${secret}-token`,
      kind: 'identity-token',
    });

    const path = join(dataDir, 'credentials.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(findLeaks([dataDir], secret)).toEqual([]);
    expect(JSON.parse(readFileSync(path, 'utf8')).entries['127.0.0.1:5000']).toMatchObject({
      username: 'ada',
      kind: 'password',
    });
  });

  it('refuses to store when the OS offers no encryption, and writes nothing', async () => {
    const crypto = { ...switchableCrypto(false), whyUnavailable: () => 'no keyring is running' };
    const store = createEncryptedStore({ dataDir, crypto });
    const failure = await store
      .store('127.0.0.1:5000', { username: 'ada', secret, kind: 'password' })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(EncryptedStoreError);
    expect((failure as Error).message).toMatch(/will not save the password for 127\.0\.0\.1:5000/);
    expect((failure as Error).message).toMatch(/no keyring is running\.$/);
    expect((failure as Error).message).not.toContain(secret);
    expect(() => statSync(join(dataDir, 'credentials.json'))).toThrow();
  });

  it('says a saved login cannot be decrypted once encryption is gone, but still lists and erases it', async () => {
    const crypto = createAesGcmCrypto(randomBytes(32));
    await createEncryptedStore({ dataDir, crypto }).store('reg:5000', {
      username: 'ada',
      secret,
      kind: 'password',
    });
    const store = createEncryptedStore({ dataDir, crypto: { ...crypto, isAvailable: () => false } });

    await expect(store.get('reg:5000')).rejects.toThrow(
      /cannot be decrypted: this system offers no encryption for app secrets/,
    );
    expect(await store.list()).toEqual([{ key: 'reg:5000', username: 'ada', kind: 'password' }]);
    expect(await store.erase('reg:5000')).toBe(true);
    expect(await store.list()).toEqual([]);
  });

  it('refuses a ciphertext from another key, saying to log in again', async () => {
    await createEncryptedStore({ dataDir, crypto: createAesGcmCrypto(randomBytes(32)) }).store('reg:5000', {
      username: 'ada',
      secret,
      kind: 'password',
    });
    const other = createEncryptedStore({ dataDir, crypto: createAesGcmCrypto(randomBytes(32)) });
    await expect(other.get('reg:5000')).rejects.toThrow(/cannot be decrypted .* Log in again/);
  });

  it('refuses an entry copied under another registry', async () => {
    const crypto = createAesGcmCrypto(randomBytes(32));
    await createEncryptedStore({ dataDir, crypto }).store('good.example.com', {
      username: 'ada',
      secret,
      kind: 'password',
    });
    const path = join(dataDir, 'credentials.json');
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.entries['evil.example.com'] = file.entries['good.example.com'];
    writeFileSync(path, JSON.stringify(file));

    await expect(createEncryptedStore({ dataDir, crypto }).get('evil.example.com')).rejects.toThrow(
      /does not belong to it/,
    );
  });

  it('reports a damaged file by name and does not overwrite it', async () => {
    const path = join(dataDir, 'credentials.json');
    writeFileSync(path, '{"version": 1, "entries": ');
    const store = createEncryptedStore({ dataDir, crypto: createAesGcmCrypto(randomBytes(32)) });

    await expect(store.get('reg:5000')).rejects.toThrow(path);
    await expect(store.store('reg:5000', { username: 'ada', secret, kind: 'password' })).rejects.toThrow(
      path,
    );
    expect(readFileSync(path, 'utf8')).toBe('{"version": 1, "entries": ');
  });

  it('erases one registry and keeps the others', async () => {
    const store = createEncryptedStore({ dataDir, crypto: createAesGcmCrypto(randomBytes(32)) });
    await store.store('a:5000', { username: 'ada', secret, kind: 'password' });
    await store.store('b:5000', { username: 'bob', secret, kind: 'password' });

    expect(await store.erase('a:5000')).toBe(true);
    expect(await store.erase('a:5000')).toBe(false);
    expect((await store.list()).map((entry) => entry.key)).toEqual(['b:5000']);
  });

  it('keeps both of two stores made at the same time', async () => {
    const store = createEncryptedStore({ dataDir, crypto: createAesGcmCrypto(randomBytes(32)) });
    await Promise.all(
      ['a:1', 'b:2', 'c:3'].map((key) => store.store(key, { username: key, secret, kind: 'password' })),
    );
    expect((await store.list()).map((entry) => entry.key).sort()).toEqual(['a:1', 'b:2', 'c:3']);
  });
});
