import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../../../src/main/registry/credential-store-error';

describe('redactSecrets', () => {
  it('replaces a long secret wherever it appears, even inside other text', () => {
    expect(redactSecrets('token=abcdefgh1234;abcdefgh1234', ['abcdefgh1234'])).toBe('token=***;***');
  });

  it('replaces a short secret only where it stands alone', () => {
    expect(redactSecrets('x509: bad certificate for x', ['x'])).toBe('x509: bad certificate for ***');
    expect(redactSecrets('cannot store "p@ss" now', ['p@ss'])).toBe('cannot store "***" now');
  });

  it('treats regular-expression characters in a secret as plain text', () => {
    expect(redactSecrets('secret is a.b*c here', ['a.b*c'])).toBe('secret is *** here');
    expect(redactSecrets('axbbc', ['a.b*c'])).toBe('axbbc');
  });

  it('ignores empty secrets', () => {
    expect(redactSecrets('unchanged', ['', 'zzz'])).toBe('unchanged');
  });
});
