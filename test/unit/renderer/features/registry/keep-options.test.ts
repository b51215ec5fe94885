import { describe, expect, it } from 'vitest';
import type { RegistryLogin, RegistryPlace } from '../../../../../src/shared/registry';
import {
  defaultKeep,
  keepOptions,
  keptText,
} from '../../../../../src/renderer/features/registry/keep-options';

const CONFIG = '/home/ada/.docker/config.json';
const place = (fields: Partial<RegistryPlace>): RegistryPlace => ({
  registry: '127.0.0.1:5000',
  source: 'session',
  helper: null,
  cliSees: false,
  noEncryption: null,
  plainTextFile: CONFIG,
  ...fields,
});

describe('keepOptions', () => {
  it('offers the helper and the session where a helper applies, never config.json', () => {
    const options = keepOptions(
      place({ source: 'credsStore', helper: 'pass', cliSees: true, plainTextFile: null }),
    );
    expect(options.map((option) => option.keep)).toEqual(['default', 'session']);
    expect(options[0]!.label).toContain('docker-credential-pass');
  });

  it('offers the encrypted store, the session and config.json where the OS can encrypt', () => {
    const options = keepOptions(place({ source: 'dockwright-encrypted' }));
    expect(options.map((option) => option.keep)).toEqual(['default', 'session', 'config-file']);
    expect(options[0]!.label).toMatch(/encrypted in Dockwright’s own data/);
    expect(options[2]!.label).toContain(`unencrypted in ${CONFIG}`);
  });

  it('offers no encrypted store where there is no keyring: the session, or config.json unencrypted', () => {
    const options = keepOptions(place({ noEncryption: 'no keyring' }));
    expect(options.map((option) => option.keep)).toEqual(['session', 'config-file']);
    expect(options.map((option) => option.label).join(' ')).not.toMatch(/encrypted in Dockwright/);
  });
});

describe('defaultKeep', () => {
  it.each([
    ['credsStore', 'default'],
    ['dockwright-encrypted', 'default'],
    ['session', 'session'],
  ] as const)('picks %s → %s until the user picks', (source, keep) => {
    expect(defaultKeep(place({ source }))).toBe(keep);
  });
});

describe('keptText', () => {
  const login = (fields: Partial<RegistryLogin>): RegistryLogin => ({
    registry: '127.0.0.1:5000',
    source: 'session',
    helper: null,
    cliSees: false,
    displayName: '127.0.0.1:5000',
    username: 'ada',
    identityToken: false,
    notSaved: null,
    ...fields,
  });

  it.each([
    [login({}), /this session only/],
    [login({ source: 'dockwright-encrypted' }), /encrypted in Dockwright’s data/],
    [login({ source: 'config-auths', cliSees: true }), /unencrypted in the docker config\.json/],
    [login({ source: 'credHelper', helper: 'ecr-login', cliSees: true }), /docker-credential-ecr-login/],
  ])('says where %j is kept', (done, text) => {
    expect(keptText(done)).toMatch(text);
  });
});
