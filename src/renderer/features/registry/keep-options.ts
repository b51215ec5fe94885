import type { KeepLogin, RegistryLogin, RegistryPlace } from '@shared/registry';

/** One way to keep a login, as the form offers it. */
export interface KeepOption {
  keep: KeepLogin;
  label: string;
}

/**
 * The ways to keep a login that really exist for this registry here: its credential helper, else
 * Dockwright's encrypted store when the OS can encrypt; always this session only; config.json
 * unencrypted where no helper applies (the CLI would ignore it there).
 */
export function keepOptions(place: RegistryPlace): KeepOption[] {
  const options: KeepOption[] = [];
  if (place.helper) {
    options.push({
      keep: 'default',
      label: `Save it with docker-credential-${place.helper}: \`docker\` commands use it too`,
    });
  } else if (place.source === 'dockwright-encrypted') {
    options.push({
      keep: 'default',
      label: 'Save it encrypted in Dockwright’s own data: `docker` commands in a terminal will not see it',
    });
  }
  options.push({ keep: 'session', label: 'Only for this session: Dockwright forgets it when it quits' });
  if (place.plainTextFile) {
    options.push({
      keep: 'config-file',
      label: `Save it unencrypted in ${place.plainTextFile}, as \`docker login\` does: \`docker\` commands use it too`,
    });
  }
  return options;
}

/** What is picked until the user picks: the helper or the encrypted store, else this session only. */
export function defaultKeep(place: RegistryPlace | undefined): KeepLogin {
  return place?.source === 'session' ? 'session' : 'default';
}

/** Where a login the registry accepted is kept, in a sentence. */
export function keptText(login: RegistryLogin): string {
  switch (login.source) {
    case 'session':
      return 'Kept for this session only: Dockwright forgets it when it quits.';
    case 'dockwright-encrypted':
      return 'Saved encrypted in Dockwright’s data: `docker` commands in a terminal will not see it.';
    case 'config-auths':
      return 'Saved unencrypted in the docker config.json: `docker` commands use it too.';
    case 'credsStore':
    case 'credHelper':
      return `Saved with docker-credential-${login.helper ?? '?'}: \`docker\` commands use it too.`;
  }
}
