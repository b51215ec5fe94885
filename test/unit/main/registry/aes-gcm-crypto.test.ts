import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAesGcmCrypto } from '../../../../src/main/registry/aes-gcm-crypto';
import { secretForms } from '../../../support/secret-scan';

describe('createAesGcmCrypto', () => {
  const key = randomBytes(32);

  it('decrypts what it encrypted', () => {
    const crypto = createAesGcmCrypto(key);
    expect(crypto.isAvailable()).toBe(true);
    expect(crypto.decrypt(crypto.encrypt('pa55:wörd ✓'))).toBe('pa55:wörd ✓');
  });

  it('uses a fresh IV each time, so equal secrets give different ciphertexts', () => {
    const crypto = createAesGcmCrypto(key);
    const first = crypto.encrypt('same secret');
    const second = crypto.encrypt('same secret');
    expect(first.equals(second)).toBe(false);
    expect(first.subarray(1, 13).equals(second.subarray(1, 13))).toBe(false);
  });

  it('leaves no trace of the secret in the ciphertext', () => {
    const secret = 'correct-horse-battery-staple';
    const sealed = createAesGcmCrypto(key).encrypt(secret);
    for (const form of secretForms(secret)) {
      expect(sealed.includes(Buffer.from(form))).toBe(false);
      expect(sealed.toString('base64')).not.toContain(form);
    }
  });

  it('refuses data changed by one bit (the auth tag)', () => {
    const crypto = createAesGcmCrypto(key);
    const sealed = crypto.encrypt('secret');
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => crypto.decrypt(flipped)).toThrow();
  });

  it('refuses data sealed with another key', () => {
    const sealed = createAesGcmCrypto(key).encrypt('secret');
    expect(() => createAesGcmCrypto(randomBytes(32)).decrypt(sealed)).toThrow();
  });

  it('refuses data that is too short or of another version', () => {
    const crypto = createAesGcmCrypto(key);
    expect(() => crypto.decrypt(Buffer.from('short'))).toThrow(/Not data encrypted/);
    const sealed = crypto.encrypt('secret');
    sealed[0] = 2;
    expect(() => crypto.decrypt(sealed)).toThrow(/Not data encrypted/);
  });

  it('needs a 32-byte key', () => {
    expect(() => createAesGcmCrypto(randomBytes(16))).toThrow(/32 bytes, not 16/);
  });
});
