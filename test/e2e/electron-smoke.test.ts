import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const rig = inject('rig');

/**
 * Where an Electron binary is, without triggering the electron package's download on require.
 * Returns why not, when there is none.
 */
function findElectron(): { path: string } | { missing: string } {
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const pathFile = join(root, 'node_modules/electron/path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const candidate = override ? join(override, relative) : join(root, 'node_modules/electron/dist', relative);
  if (existsSync(candidate)) return { path: candidate };
  return {
    missing:
      `no Electron binary at ${candidate}: electron downloads its runtime on first start and this machine cannot ` +
      'reach the download; set ELECTRON_OVERRIDE_DIST_PATH to a local Electron to run this test',
  };
}

describe('the Electron shell', () => {
  it('opens the app window sandboxed, with only window.api exposed, and connects to the engine', async (context) => {
    const electronBinary = findElectron();
    if ('missing' in electronBinary) {
      context.skip(`Electron smoke test could not run: ${electronBinary.missing}`);
      return;
    }
    const app = await electron.launch({
      executablePath: electronBinary.path,
      args: [root, '--no-sandbox'],
      env: { ...process.env, DOCKER_HOST: rig.dockerHost },
    });
    try {
      const window = await app.firstWindow();
      expect(await window.title()).toBe('Dockwright');
      const surface = await window.evaluate(() => ({
        api: Object.keys((globalThis as unknown as { api: object }).api).sort(),
        require: typeof (globalThis as unknown as { require?: unknown }).require,
        process: typeof (globalThis as unknown as { process?: unknown }).process,
      }));
      expect(surface).toEqual({ api: ['invoke', 'on'], require: 'undefined', process: 'undefined' });
      await window.getByTestId('engine-version').waitFor({ timeout: 20_000 });
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]!.webContents;
        return { url: contents.getURL() };
      });
      expect(prefs.url).toMatch(/^dockwright:\/\/app\//);
    } finally {
      await app.close();
    }
  });
});
