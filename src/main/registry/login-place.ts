/**
 * Where a login the registry accepted is kept, the way `docker login` decides it, with
 * Dockwright's encrypted store in place of the CLI's plaintext default:
 *
 * 1. the credential helper config.json names for the registry (`credHelpers`, else `credsStore`);
 * 2. else Dockwright's own store, when the OS can encrypt its key (Electron safeStorage);
 * 3. else only this session's memory.
 *
 * config.json `auths` in plain base64 is used only when the user asks for it, and never where a
 * helper applies (the CLI would not read it there).
 */
import type { KeepLogin } from '../../shared/registry';

/** Where a login is kept. */
export type LoginPlaceSource =
  'credsStore' | 'credHelper' | 'dockwright-encrypted' | 'config-auths' | 'session';

/** A place a login is (or will be) kept. */
export interface LoginPlace {
  registry: string;
  source: LoginPlaceSource;
  /** The credential helper's name, null for the other places. */
  helper: string | null;
  /** Whether `docker` commands in a terminal will use it. */
  cliSees: boolean;
}

/** What decides the place. */
export interface LoginPlaceInput {
  /** The credential key (`host[:port]` or Docker Hub's URL). */
  key: string;
  keep: KeepLogin;
  /** The helper config.json names for `key`, if any. */
  helper: { name: string; source: 'credHelper' | 'credsStore' } | null;
  /** Whether Dockwright's encrypted store can be used. */
  encryption: boolean;
  /** config.json's path, for the refusal's words. */
  configPath: string;
}

export type LoginPlaceChoice = { ok: true; place: LoginPlace } | { ok: false; reason: string };

/** Where `keep` puts a login for `key`, or why it cannot go there. */
export function chooseLoginPlace(input: LoginPlaceInput): LoginPlaceChoice {
  const { key, helper } = input;
  const at = (source: LoginPlaceSource, cliSees: boolean): LoginPlaceChoice => ({
    ok: true,
    place: { registry: key, source, helper: null, cliSees },
  });
  if (input.keep === 'session') return at('session', false);
  if (input.keep === 'config-file') {
    if (helper) {
      return {
        ok: false,
        reason: `${input.configPath} names docker-credential-${helper.name} for ${key}, so docker commands would never read a password saved in its "auths". Save it with the helper instead.`,
      };
    }
    return at('config-auths', true);
  }
  return { ok: true, place: defaultLoginPlace(input) };
}

/** A place `keep: 'default'` can choose: never config.json's plaintext. */
export type DefaultLoginPlace = LoginPlace & {
  source: 'credsStore' | 'credHelper' | 'dockwright-encrypted' | 'session';
};

/** Where a login goes unless the user picks otherwise: the helper, else encrypted, else the session. */
export function defaultLoginPlace({
  key,
  helper,
  encryption,
}: Pick<LoginPlaceInput, 'key' | 'helper' | 'encryption'>): DefaultLoginPlace {
  if (helper) return { registry: key, source: helper.source, helper: helper.name, cliSees: true };
  return {
    registry: key,
    source: encryption ? 'dockwright-encrypted' : 'session',
    helper: null,
    cliSees: false,
  };
}
