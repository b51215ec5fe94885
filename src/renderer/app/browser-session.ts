/**
 * The tab's browser-mode session secret. The sign-in redirect hands it over in the URL's
 * #fragment (which no server receives); it is moved to sessionStorage, which only this origin,
 * and only this tab, can read, and removed from the address bar so it is not bookmarked,
 * shared or kept in history.
 */
import { SESSION_FRAGMENT } from '@shared/socket-protocols';

const STORAGE_KEY = 'dockwright.session';

/** The browser globals this reads and writes; tests pass stand-ins. */
export interface SessionGlobals {
  location: { hash: string; pathname: string; search: string };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  history: { replaceState(data: unknown, unused: string, url: string): void };
}

/** Takes a secret out of the URL into the tab's storage; returns the tab's secret, or null when it has none. */
export function takeSessionSecret(
  globals: SessionGlobals = globalThis as unknown as SessionGlobals,
): string | null {
  const fragment = new URLSearchParams(globals.location.hash.replace(/^#/, '')).get(SESSION_FRAGMENT);
  if (fragment) {
    globals.sessionStorage.setItem(STORAGE_KEY, fragment);
    globals.history.replaceState(null, '', `${globals.location.pathname}${globals.location.search}`);
  }
  return globals.sessionStorage.getItem(STORAGE_KEY);
}
