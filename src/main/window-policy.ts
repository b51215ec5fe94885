/**
 * What the Electron window may do, as plain functions over the few webContents methods it uses,
 * so the policy is tested without Electron: no browser permission (neither asked nor checked),
 * no navigation away from the app, and only http(s) links handed to the system browser.
 */

const APP_ORIGIN = 'dockwright://app';

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for the app's own pages and, in development, pages of exactly the dev server's origin: a
 * prefix test would also trust `http://localhost:5173.evil.example` or `http://localhost:51730`.
 */
export function isTrustedUrl(url: string, devServerUrl: string | undefined): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  // Custom schemes have an opaque origin ("null"): compare scheme and host instead.
  if (parsed.protocol === 'dockwright:') return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  const dev = devServerUrl === undefined ? null : parse(devServerUrl);
  return dev !== null && /^https?:$/.test(dev.protocol) && parsed.origin === dev.origin;
}

/** True for a well-formed http(s) link with a host: nothing else goes to the system's opener. */
export function isExternalLink(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host !== ''
  );
}

/** The part of Electron's webContents the policy touches. */
export interface LockableContents {
  session: {
    setPermissionRequestHandler(
      handler: (contents: unknown, permission: string, grant: (granted: boolean) => void) => void,
    ): void;
    setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  };
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Installs the policy on a window's contents. */
export function lockDownWindow(
  contents: LockableContents,
  options: { isTrusted(url: string): boolean; openExternal(url: string): void },
): void {
  // The app needs no browser permission (camera, notifications, clipboard, HID…). Checks are
  // refused too: some APIs only ask the check handler, which grants by default.
  contents.session.setPermissionRequestHandler((_contents, _permission, grant) => grant(false));
  contents.session.setPermissionCheckHandler(() => false);
  contents.on('will-navigate', (event, url) => {
    if (!options.isTrusted(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) options.openExternal(url);
    return { action: 'deny' };
  });
}
