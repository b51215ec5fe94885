import { describe, expect, it } from 'vitest';
import { takeSessionSecret, type SessionGlobals } from '../../../../src/renderer/app/browser-session';

function fakeTab(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [['dockwright.session', stored]] : []);
  const replaced: string[] = [];
  const globals: SessionGlobals = {
    location: { hash, pathname: '/', search: '' },
    sessionStorage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
    },
    history: { replaceState: (_data, _unused, url) => void replaced.push(url) },
  };
  return { globals, storage, replaced };
}

describe('takeSessionSecret', () => {
  it('moves the secret from the #fragment into the tab’s sessionStorage and out of the address bar', () => {
    const tab = fakeTab('#session=abc_DEF-123');
    expect(takeSessionSecret(tab.globals)).toBe('abc_DEF-123');
    expect(tab.storage.get('dockwright.session')).toBe('abc_DEF-123');
    expect(tab.replaced).toEqual(['/']);
  });

  it('keeps the stored secret across reloads, when the URL has no fragment', () => {
    const tab = fakeTab('', 'kept');
    expect(takeSessionSecret(tab.globals)).toBe('kept');
    expect(tab.replaced).toEqual([]);
  });

  it('replaces a stored secret with the one of a newer link', () => {
    const tab = fakeTab('#session=newer', 'older');
    expect(takeSessionSecret(tab.globals)).toBe('newer');
  });

  it('has none in a tab opened without a link', () => {
    expect(takeSessionSecret(fakeTab('#other=1').globals)).toBe(null);
    expect(takeSessionSecret(fakeTab('').globals)).toBe(null);
  });
});
