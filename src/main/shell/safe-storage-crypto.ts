import type { SecretCrypto } from '../registry/encrypted-store';

/** The part of Electron's safeStorage Dockwright uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend(): string;
  encryptString(plain: string): Buffer;
  decryptString(data: Buffer): string;
}

/**
 * Dockwright's own logins encrypted with the OS keyring through safeStorage. On Linux without a
 * keyring Electron "encrypts" with a fixed key (basic_text): that is plaintext in disguise, so
 * the encrypted store is not offered there.
 */
export function safeStorageCrypto(safeStorage: SafeStorageLike, platform: NodeJS.Platform): SecretCrypto {
  return {
    isAvailable: () =>
      safeStorage.isEncryptionAvailable() &&
      !(platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'),
    whyUnavailable: () =>
      platform === 'linux'
        ? 'no keyring or Secret Service is running for Electron to keep its key in'
        : "the system's secret storage is not available to Dockwright",
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  };
}
