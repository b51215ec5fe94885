import { describe, expect, it } from 'vitest';
import { safeStorageCrypto, type SafeStorageLike } from '../../../../src/main/shell/safe-storage-crypto';

function storage(available: boolean, backend: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => Buffer.from([...plain].reverse().join('')),
    decryptString: (data) => [...data.toString()].reverse().join(''),
  };
}

describe('safeStorageCrypto', () => {
  it.each([
    [true, 'gnome_libsecret', 'linux', true],
    [true, 'basic_text', 'linux', false],
    [false, 'unknown', 'linux', false],
    [true, 'basic_text', 'darwin', true],
    [false, 'unknown', 'win32', false],
  ] as const)('available %s with backend %s on %s: %s', (available, backend, platform, expected) => {
    expect(safeStorageCrypto(storage(available, backend), platform).isAvailable()).toBe(expected);
  });

  it('says why in words true for the platform', () => {
    expect(safeStorageCrypto(storage(false, 'basic_text'), 'linux').whyUnavailable?.()).toMatch(/keyring/);
    expect(safeStorageCrypto(storage(false, 'unknown'), 'darwin').whyUnavailable?.()).toMatch(
      /secret storage/,
    );
  });

  it('encrypts and decrypts through safeStorage', () => {
    const crypto = safeStorageCrypto(storage(true, 'kwallet5'), 'linux');
    expect(crypto.decrypt(crypto.encrypt('s3cret'))).toBe('s3cret');
  });
});
