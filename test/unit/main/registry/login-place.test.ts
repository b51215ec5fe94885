import { describe, expect, it } from 'vitest';
import { chooseLoginPlace, type LoginPlaceInput } from '../../../../src/main/registry/login-place';
import type { KeepLogin } from '../../../../src/shared/registry';

const KEY = '127.0.0.1:5000';
const CONFIG = '/home/ada/.docker/config.json';
const helpers = {
  none: null,
  credsStore: { name: 'pass', source: 'credsStore' },
  credHelper: { name: 'ecr-login', source: 'credHelper' },
} as const;

describe('chooseLoginPlace', () => {
  // [keep, helper, OS encryption] → where the login goes (or the refusal), as docker login decides
  // with Dockwright's encrypted store in place of the CLI's plaintext default.
  it.each<[KeepLogin, keyof typeof helpers, boolean, string, string | null, boolean]>([
    ['default', 'credsStore', true, 'credsStore', 'pass', true],
    ['default', 'credsStore', false, 'credsStore', 'pass', true],
    ['default', 'credHelper', false, 'credHelper', 'ecr-login', true],
    ['default', 'none', true, 'dockwright-encrypted', null, false],
    ['default', 'none', false, 'session', null, false],
    ['session', 'credsStore', true, 'session', null, false],
    ['session', 'none', true, 'session', null, false],
    ['session', 'none', false, 'session', null, false],
    ['config-file', 'none', true, 'config-auths', null, true],
    ['config-file', 'none', false, 'config-auths', null, true],
  ])('keep %s with helper %s and encryption %s → %s', (keep, helper, encryption, source, name, cliSees) => {
    const input: LoginPlaceInput = {
      key: KEY,
      keep,
      helper: helpers[helper],
      encryption,
      configPath: CONFIG,
    };
    expect(chooseLoginPlace(input)).toEqual({
      ok: true,
      place: { registry: KEY, source, helper: name, cliSees },
    });
  });

  it.each(['credsStore', 'credHelper'] as const)(
    'refuses config.json where %s applies, since the CLI would never read it there',
    (helper) => {
      const choice = chooseLoginPlace({
        key: KEY,
        keep: 'config-file',
        helper: helpers[helper],
        encryption: false,
        configPath: CONFIG,
      });
      expect(choice.ok).toBe(false);
      expect(!choice.ok && choice.reason).toContain(
        `${CONFIG} names docker-credential-${helpers[helper].name} for ${KEY}`,
      );
    },
  );
});
