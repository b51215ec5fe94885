import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../../../src/main/store/settings-store';

let dataDir: string;
let settingsPath: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'dw-settings-'));
  settingsPath = join(dataDir, 'settings.json');
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** What a settings file without a log view setting reads as. */
const LOG_DEFAULT = { logShownLines: 200_000 };

describe('createSettingsStore', () => {
  it('gives the defaults when there is no settings file yet', async () => {
    expect(await createSettingsStore(dataDir).get()).toEqual({ ...LOG_DEFAULT, engineOverride: null });
  });

  it.each([
    ['a docker context', { kind: 'context', name: 'colima' }],
    ['an address', { kind: 'address', address: 'tcp://10.0.0.2:2375' }],
  ] as const)('keeps an engine override naming %s across restarts', async (_label, override) => {
    await createSettingsStore(dataDir).setEngineOverride(override);

    expect(await createSettingsStore(dataDir).get()).toEqual({ ...LOG_DEFAULT, engineOverride: override });
    expect(JSON.parse(readFileSync(settingsPath, 'utf8'))).toEqual({
      ...LOG_DEFAULT,
      engineOverride: override,
    });
  });

  it('clears the override when set to null', async () => {
    const store = createSettingsStore(dataDir);
    await store.setEngineOverride({ kind: 'context', name: 'colima' });
    await store.setEngineOverride(null);

    expect(await store.get()).toEqual({ ...LOG_DEFAULT, engineOverride: null });
  });

  it('falls back to the defaults, without throwing, when the file is not JSON', async () => {
    writeFileSync(settingsPath, '{"engineOverride": {"kind": "context", ');

    await expect(createSettingsStore(dataDir).get()).resolves.toEqual({
      ...LOG_DEFAULT,
      engineOverride: null,
    });
  });

  it('falls back to the defaults when the file holds an override of an unknown kind', async () => {
    writeFileSync(settingsPath, JSON.stringify({ engineOverride: { kind: 'ssh-magic', host: 'x' } }));

    expect(await createSettingsStore(dataDir).get()).toEqual({ ...LOG_DEFAULT, engineOverride: null });
  });

  it('reads a file without an override as no override', async () => {
    writeFileSync(settingsPath, '{}');

    expect(await createSettingsStore(dataDir).get()).toEqual({ ...LOG_DEFAULT, engineOverride: null });
  });

  it('replaces a damaged file with valid settings on the next change', async () => {
    writeFileSync(settingsPath, 'not json at all');
    const store = createSettingsStore(dataDir);
    await store.setEngineOverride({ kind: 'address', address: 'unix:///run/user/1000/docker.sock' });

    expect(await store.get()).toEqual({
      ...LOG_DEFAULT,
      engineOverride: { kind: 'address', address: 'unix:///run/user/1000/docker.sock' },
    });
  });

  it('keeps the lines a log view shows across restarts, beside the engine override', async () => {
    await createSettingsStore(dataDir).setEngineOverride({ kind: 'context', name: 'colima' });
    await createSettingsStore(dataDir).setLogShownLines(1_000_000);

    expect(await createSettingsStore(dataDir).get()).toEqual({
      engineOverride: { kind: 'context', name: 'colima' },
      logShownLines: 1_000_000,
    });
  });

  it('reads a log view setting out of range as the default, keeping the other settings', async () => {
    writeFileSync(
      settingsPath,
      JSON.stringify({ engineOverride: { kind: 'context', name: 'colima' }, logShownLines: 9e9 }),
    );

    expect(await createSettingsStore(dataDir).get()).toEqual({
      engineOverride: { kind: 'context', name: 'colima' },
      logShownLines: 200_000,
    });
  });

  it('leaves only settings.json in the data dir after several changes', async () => {
    const store = createSettingsStore(dataDir);
    await store.setEngineOverride({ kind: 'context', name: 'a' });
    await store.setEngineOverride({ kind: 'context', name: 'b' });
    await store.setEngineOverride(null);

    expect(readdirSync(dataDir)).toEqual(['settings.json']);
  });

  // File modes are POSIX; Windows has ACLs instead, so this check means nothing there.
  it.runIf(process.platform !== 'win32')('writes the settings file readable by the user only', async () => {
    await createSettingsStore(dataDir).setEngineOverride({ kind: 'context', name: 'colima' });

    expect(statSync(settingsPath).mode & 0o777).toBe(0o600);
  });

  it('makes a random install id once, keeps it across restarts, beside the other settings', async () => {
    const store = createSettingsStore(dataDir);
    await store.setEngineOverride({ kind: 'context', name: 'colima' });
    const [first, again] = await Promise.all([store.installId(), store.installId()]);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(again).toBe(first);
    expect(await createSettingsStore(dataDir).installId()).toBe(first);
    expect(JSON.parse(readFileSync(settingsPath, 'utf8'))).toEqual({
      ...LOG_DEFAULT,
      engineOverride: { kind: 'context', name: 'colima' },
      installId: first,
    });
    await createSettingsStore(dataDir).setEngineOverride(null);
    expect(await createSettingsStore(dataDir).installId()).toBe(first);
  });

  it('gives two installations different ids', async () => {
    const other = mkdtempSync(join(tmpdir(), 'dw-settings-'));
    try {
      expect(await createSettingsStore(dataDir).installId()).not.toBe(
        await createSettingsStore(other).installId(),
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('leaves a damaged settings file as it is, using an id for this run only', async () => {
    writeFileSync(settingsPath, 'not json at all');
    expect(await createSettingsStore(dataDir).installId()).toMatch(/^[0-9a-f]{32}$/);
    expect(readFileSync(settingsPath, 'utf8')).toBe('not json at all');
  });
});
