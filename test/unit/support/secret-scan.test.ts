import { describe, expect, it } from 'vitest';
import { findSecret } from '../../support/secret-scan';

// The scanner guards every "the password never leaks" test: it must find every form a leak takes.
describe('findSecret', () => {
  const secret = 'pw-3f9a1c77e0b2d4a6c8';

  it.each(['', 'u', 'us', 'user:', 'dw-tester:'])('finds it base64-encoded after "%s"', (prefix) => {
    const basic = Buffer.from(`${prefix}${secret}`).toString('base64');
    expect(findSecret(`Authorization: Basic ${basic}`, secret)).not.toBeNull();
    expect(findSecret(basic.replace(/\+/g, '-').replace(/\//g, '_'), secret)).not.toBeNull();
  });

  it('finds it plain and hex-encoded in either case', () => {
    expect(findSecret(`{"password":"${secret}"}`, secret)).toBe(secret);
    expect(findSecret(Buffer.from(secret).toString('hex').toUpperCase(), secret)).not.toBeNull();
  });

  it('finds nothing in text without it', () => {
    expect(findSecret(Buffer.from('dw-tester:another-password').toString('base64'), secret)).toBeNull();
  });
});
