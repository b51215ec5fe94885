/** Registry logins as the renderer sees them: never a secret. */

/** Where a login is kept; `dockwright-encrypted` is invisible to the docker CLI. */
export type LoginSource = 'credsStore' | 'credHelper' | 'config-auths' | 'dockwright-encrypted';

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

/** Where a login for a registry would be saved, said before the user types a password. */
export interface RegistryPlace {
  registry: string;
  source: 'credsStore' | 'credHelper' | 'dockwright-encrypted';
  helper: string | null;
  cliSees: boolean;
}

/** A login the engine accepted. */
export interface RegistryLogin extends RegistryPlace {
  displayName: string;
  username: string;
  identityToken: boolean;
}
