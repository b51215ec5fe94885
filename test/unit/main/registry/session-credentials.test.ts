import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createSessionCredentials } from '../../../../src/main/registry/session-credentials';
import { findSecret } from '../../../support/secret-scan';

const secret = 'pw-session-7f3a9c1e';

describe('createSessionCredentials', () => {
  it('gives back what it keeps, per registry, and nothing for others', () => {
    const session = createSessionCredentials();
    session.remember('127.0.0.1:5000', { username: 'ada', secret, kind: 'password' });

    expect(session.get('127.0.0.1:5000')).toEqual({ username: 'ada', secret, kind: 'password' });
    expect(session.get('ghcr.io')).toBeNull();
  });

  it('finds nothing under the names of Object’s own members', () => {
    const session = createSessionCredentials();
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty'])
      expect(session.get(key)).toBeNull();
  });

  it('replaces a login with the newer one, which counts as not saved until said', () => {
    const session = createSessionCredentials();
    session.remember('reg:5000', { username: 'ada', secret, kind: 'password' });
    session.markSaved('reg:5000');
    session.remember('reg:5000', { username: 'bob', secret: 'other', kind: 'password' });

    expect(session.get('reg:5000')).toMatchObject({ username: 'bob', secret: 'other' });
    expect(session.list()).toEqual([{ key: 'reg:5000', username: 'bob', kind: 'password', saved: false }]);
  });

  it('lists logins sorted, with whether each was saved, never with the secret', () => {
    const session = createSessionCredentials();
    session.remember('z.example.com', { username: 'ada', secret, kind: 'password' });
    session.remember('a.example.com', { username: null, secret, kind: 'identity-token' });
    session.markSaved('z.example.com');
    session.markSaved('missing.example.com');

    const listed = session.list();
    expect(listed).toEqual([
      { key: 'a.example.com', username: null, kind: 'identity-token', saved: false },
      { key: 'z.example.com', username: 'ada', kind: 'password', saved: true },
    ]);
    expect(findSecret(JSON.stringify(listed), secret)).toBeNull();
  });

  it('forgets a login, saying whether there was one', () => {
    const session = createSessionCredentials();
    session.remember('reg:5000', { username: 'ada', secret, kind: 'password' });

    expect(session.forget('reg:5000')).toBe(true);
    expect(session.forget('reg:5000')).toBe(false);
    expect(session.get('reg:5000')).toBeNull();
  });

  it('does not show the secret when the store itself is printed or serialised', () => {
    const session = createSessionCredentials();
    session.remember('reg:5000', { username: 'ada', secret, kind: 'password' });

    expect(findSecret(inspect(session, { depth: 10, showHidden: true }), secret)).toBeNull();
    expect(findSecret(JSON.stringify(session), secret)).toBeNull();
  });

  it('hands out copies: changing one does not change what is kept', () => {
    const session = createSessionCredentials();
    session.remember('reg:5000', { username: 'ada', secret, kind: 'password' });
    const copy = session.get('reg:5000')!;
    copy.secret = 'changed';

    expect(session.get('reg:5000')!.secret).toBe(secret);
  });
});
