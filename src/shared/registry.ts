/** Registry logins as the renderer sees them: never a secret. */

/**
 * Where a login is kept; `dockwright-encrypted` is invisible to the docker CLI, `session` is only
 * in the memory of Dockwright's main process and gone when it quits.
 */
export type LoginSource = 'credsStore' | 'credHelper' | 'config-auths' | 'dockwright-encrypted' | 'session';

/**
 * How to keep a login the registry accepted, beyond this session.
 *
 * `default`: the docker credential helper that applies, else Dockwright's encrypted store, else
 * nowhere (this session only). `session`: nowhere on disk. `config-file`: config.json `auths`
 * unencrypted, as `docker login` does without a helper; only when the user picks it.
 */
export type KeepLogin = 'default' | 'session' | 'config-file';

/** One saved login. */
export interface SavedLogin {
  /** The credential key: `https://index.docker.io/v1/` for Docker Hub, else `host[:port]`. */
  registry: string;
  displayName: string;
  username: string | null;
  source: LoginSource;
  helper: string | null;
  /** False when `docker` commands will not see this login. */
  cliSees: boolean;
}

/** Every saved login, and what could not be read. */
export interface RegistryLogins {
  logins: SavedLogin[];
  problems: string[];
}

/** Where a login for a registry would be kept, said before the user types a password. */
export interface RegistryPlace {
  registry: string;
  /** Where `default` keeps it: `session` when neither a helper nor encryption is available. */
  source: 'credsStore' | 'credHelper' | 'dockwright-encrypted' | 'session';
  helper: string | null;
  cliSees: boolean;
  /** Why Dockwright cannot encrypt saved logins here (no OS keyring, browser mode); null when it can. */
  noEncryption: string | null;
  /** The config.json an unencrypted save writes; null where a credential helper applies (the CLI would ignore it). */
  plainTextFile: string | null;
}

/** A login the engine accepted, and where it is kept. */
export interface RegistryLogin {
  registry: string;
  source: LoginSource;
  helper: string | null;
  cliSees: boolean;
  displayName: string;
  username: string;
  identityToken: boolean;
  /** Why it could not be saved as asked (it is kept for this session all the same); null when it was. */
  notSaved: string | null;
}

/**
 * What `docker login` prints before it writes a password unencrypted (docker/cli,
 * cli/command/registry/login.go); shown before Dockwright does the same.
 */
export function plainTextWarning(configPath: string): string {
  return (
    `WARNING! Your password will be stored unencrypted in ${configPath}.\n` +
    'Configure a credential helper to remove this warning. See\n' +
    'https://docs.docker.com/engine/reference/commandline/login/#credentials-store'
  );
}
