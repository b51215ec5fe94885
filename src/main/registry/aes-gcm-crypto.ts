/**
 * SecretCrypto with AES-256-GCM under a key the caller holds: real encryption for tests, and for
 * browser mode where Electron's safeStorage does not exist.
 *
 * Layout of each ciphertext: version byte (1) | 12-byte random IV | 16-byte auth tag | data.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretCrypto } from './encrypted-store';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/** AES-256-GCM with `key` (32 bytes); decrypting data changed by a single bit throws. */
export function createAesGcmCrypto(key: Uint8Array): SecretCrypto {
  if (key.length !== 32) throw new Error(`An AES-256 key is 32 bytes, not ${key.length}.`);
  const secretKey = Buffer.from(key);
  return {
    isAvailable: () => true,
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', secretKey, iv, { authTagLength: TAG_BYTES });
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), data]);
    },
    decrypt(sealed) {
      if (sealed.length < HEADER_BYTES || sealed[0] !== VERSION) {
        throw new Error('Not data encrypted by this AES-GCM store.');
      }
      const iv = sealed.subarray(1, 1 + IV_BYTES);
      const tag = sealed.subarray(1 + IV_BYTES, HEADER_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', secretKey, iv, { authTagLength: TAG_BYTES });
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}
