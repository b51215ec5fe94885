import { credentialKeyOf, type CredentialLookup } from '../buildkit-session/auth-service';
import type { CredentialStore } from '../registry/credentials';

/**
 * The logins a BuildKit session hands the engine for FROM images: the app's credential store
 * (this session's logins first, then what the docker CLI would use). An identity token goes
 * without a username, as docker/cli's authprovider sends it. A store that cannot be read answers
 * nothing: the engine then pulls anonymously and reports the registry's own refusal.
 */
export function baseImageCredentials(store: Pick<CredentialStore, 'get'>): CredentialLookup {
  return async (host) => {
    const found = await store.get(credentialKeyOf(host)).catch(() => null);
    if (!found) return null;
    return { username: found.kind === 'identity-token' ? '' : (found.username ?? ''), secret: found.secret };
  };
}
