/**
 * Logins the registry accepted, kept in the main process's memory until it quits: a login is
 * usable for pushes and pulls even when it could not (or should not) be saved anywhere.
 *
 * Nothing here is written to disk, logged or sent to the renderer; the secret lives only in this
 * closure's Map.
 */
import type { SecretKind } from './encrypted-store';

/** A login kept for this session, with its secret. */
export interface SessionCredential {
  /** null for an identity token kept without a username. */
  username: string | null;
  secret: string;
  kind: SecretKind;
}

/** A session login without its secret. */
export interface SessionListing {
  key: string;
  username: string | null;
  kind: SecretKind;
  /** Whether it was also saved somewhere (then that store lists it). */
  saved: boolean;
}

export interface SessionCredentials {
  get(key: string): SessionCredential | null;
  /** Keeps a login, not yet saved anywhere; replaces the one kept for `key` before. */
  remember(key: string, credential: SessionCredential): void;
  /** Notes that the login kept for `key` was saved in a store too. */
  markSaved(key: string): void;
  /** False when nothing was kept for `key`. */
  forget(key: string): boolean;
  list(): SessionListing[];
}

export function createSessionCredentials(): SessionCredentials {
  // A Map, not an object: keys come from requests, and `constructor` must find nothing.
  const logins = new Map<string, SessionCredential & { saved: boolean }>();
  return {
    get(key) {
      const found = logins.get(key);
      return found ? { username: found.username, secret: found.secret, kind: found.kind } : null;
    },
    remember(key, { username, secret, kind }) {
      logins.set(key, { username, secret, kind, saved: false });
    },
    markSaved(key) {
      const found = logins.get(key);
      if (found) found.saved = true;
    },
    forget: (key) => logins.delete(key),
    list: () =>
      [...logins]
        .map(([key, { username, kind, saved }]) => ({ key, username, kind, saved }))
        .sort((a, b) => a.key.localeCompare(b.key)),
  };
}
