/**
 * Issue #13, finding 10: the Electron window refuses permission checks as well as requests, trusts
 * only its own origin and the exact dev-server origin, and opens only http(s) links outside.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isExternalLink,
  isTrustedUrl,
  lockDownWindow,
  type LockableContents,
} from '../../../src/main/window-policy';

const DEV = 'http://localhost:5173';

describe('isTrustedUrl', () => {
  it.each([
    ['dockwright://app/index.html', undefined],
    ['dockwright://app/assets/x.js', undefined],
    ['http://localhost:5173/', DEV],
    ['http://localhost:5173/src/main.tsx?t=1', DEV],
  ])('trusts %s', (url, dev) => {
    expect(isTrustedUrl(url, dev)).toBe(true);
  });

  it.each([
    ['http://localhost:5173.evil.example/', DEV],
    ['http://localhost:51730/', DEV],
    ['http://localhost:5173@evil.example/', DEV],
    ['https://localhost:5173/', DEV],
    ['dockwright://app.evil/index.html', undefined],
    ['dockwright://apps/index.html', undefined],
    ['http://localhost:5173/', undefined],
    ['file:///etc/passwd', DEV],
    ['not a url', DEV],
    ['', DEV],
  ])('does not trust %s', (url, dev) => {
    expect(isTrustedUrl(url, dev)).toBe(false);
  });
});

describe('isExternalLink', () => {
  it.each(['https://docs.docker.com/', 'http://example.com/a?b#c', 'HTTPS://EXAMPLE.COM/'])(
    'opens %s',
    (url) => {
      expect(isExternalLink(url)).toBe(true);
    },
  );
  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-settings:', 'https:', 'x'])(
    'does not open %s',
    (url) => {
      expect(isExternalLink(url)).toBe(false);
    },
  );
});

/** A stand-in for Electron's webContents that records the handlers installed on it. */
function fakeContents() {
  const installed: {
    request?: (contents: unknown, permission: string, grant: (granted: boolean) => void) => void;
    check?: (contents: unknown, permission: string) => boolean;
    navigate?: (event: { preventDefault(): void }, url: string) => void;
    open?: (details: { url: string }) => { action: 'deny' };
  } = {};
  const contents: LockableContents = {
    session: {
      setPermissionRequestHandler: (handler) => {
        installed.request = handler;
      },
      setPermissionCheckHandler: (handler) => {
        installed.check = handler;
      },
    },
    on: (_event, listener) => {
      installed.navigate = listener;
    },
    setWindowOpenHandler: (handler) => {
      installed.open = handler;
    },
  };
  return { contents, installed };
}

describe('lockDownWindow', () => {
  it('refuses every permission check and request', () => {
    const { contents, installed } = fakeContents();
    lockDownWindow(contents, { isTrusted: () => true, openExternal: () => {} });

    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'hid', 'serial']) {
      expect(installed.check?.(null, permission)).toBe(false);
      const granted: boolean[] = [];
      installed.request?.(null, permission, (value) => granted.push(value));
      expect(granted).toEqual([false]);
    }
  });

  it('blocks navigation away from trusted pages and opens only http(s) links outside', () => {
    const { contents, installed } = fakeContents();
    const opened: string[] = [];
    lockDownWindow(contents, {
      isTrusted: (url) => isTrustedUrl(url, DEV),
      openExternal: (url) => opened.push(url),
    });

    let prevented = 0;
    const event = { preventDefault: () => void prevented++ };
    installed.navigate?.(event, 'http://localhost:5173.evil.example/');
    installed.navigate?.(event, 'http://localhost:5173/other');
    expect(prevented).toBe(1);

    for (const url of ['https://docs.docker.com/', 'file:///etc/passwd', 'javascript:alert(1)'])
      expect(installed.open?.({ url })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.docker.com/']);
  });

  it('is what the Electron shell installs, with no prefix check of the dev-server URL left', () => {
    const shell = readFileSync(join(import.meta.dirname, '../../../src/main/index.ts'), 'utf8');

    expect(shell).toContain('lockDownWindow(');
    expect(shell).not.toMatch(/startsWith\(devServerUrl\)/);
  });
});
