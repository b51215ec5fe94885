/**
 * The Electron shell: window, security, lifecycle. Everything else is plain Node in services.ts.
 */
import { join, normalize, sep } from 'node:path';
import { readFile } from 'node:fs/promises';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  screen,
  shell,
  type WebContents,
} from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy';
import { bindIpc, ipcEventSink } from './ipc';
import { unfinishedWork } from './operations/unfinished-work';
import { createMainServices } from './services';
import { createWindowStateStore, placeOnScreen } from './store/window-state-store';
import { mimeTypeFor } from './mime-type';
import { isExternalLink, isTrustedUrl as isTrustedPage, lockDownWindow } from './window-policy';

const APP_SCHEME = 'dockwright';
const APP_ORIGIN = `${APP_SCHEME}://app`;
const rendererDir = join(__dirname, '../renderer');
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

const isTrustedUrl = (url: string): boolean => isTrustedPage(url, devServerUrl);
/** Only http(s) links leave the app: shell.openExternal would also run file:// or custom schemes. */
const openLink = async (url: string): Promise<void> => {
  if (isExternalLink(url)) await shell.openExternal(url);
};

async function start(): Promise<void> {
  // The app's pages come from a custom scheme so they carry a real CSP header (file:// cannot).
  protocol.handle(APP_SCHEME, async (request) => {
    const path = normalize(join(rendererDir, decodeURIComponent(new URL(request.url).pathname)));
    if (!path.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(path), {
        headers: { 'content-type': mimeTypeFor(path), 'content-security-policy': CONTENT_SECURITY_POLICY },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });

  const windows = new Set<WebContents>();
  let window: BrowserWindow | null = null;
  const pick = async (title: string, defaultPath: string | null, kind: 'openDirectory' | 'openFile') => {
    const options = { title, properties: [kind], ...(defaultPath ? { defaultPath } : {}) };
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  const services = createMainServices({
    // On Linux without a keyring Electron "encrypts" with a fixed key (basic_text): that is
    // plaintext in disguise, so Dockwright's encrypted store is not used there.
    secretCrypto: {
      isAvailable: () =>
        safeStorage.isEncryptionAvailable() &&
        !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'),
      whyUnavailable: () =>
        process.platform === 'linux'
          ? 'no keyring or Secret Service is running for Electron to keep its key in'
          : "the system's secret storage is not available to Dockwright",
      encrypt: (plain) => safeStorage.encryptString(plain),
      decrypt: (data) => safeStorage.decryptString(data),
    },
    dialogs: {
      pickFolder: (title, defaultPath) => pick(title, defaultPath, 'openDirectory'),
      pickFile: (title, defaultPath) => pick(title, defaultPath, 'openFile'),
      saveFile: async (title, defaultPath) => {
        const options = {
          title,
          ...(defaultPath ? { defaultPath } : {}),
          filters: [{ name: 'Image archive', extensions: ['tar'] }],
        };
        const result = window
          ? await dialog.showSaveDialog(window, options)
          : await dialog.showSaveDialog(options);
        return result.canceled ? null : (result.filePath ?? null);
      },
    },
    env: process.env,
    platform: process.platform,
    homeDir: app.getPath('home'),
    dataDir: app.getPath('userData'),
    emit: ipcEventSink(() => [...windows]),
    openExternal: openLink,
  });
  bindIpc(ipcMain, services.dispatch, isTrustedUrl);

  const windowState = createWindowStateStore(app.getPath('userData'));
  const state = placeOnScreen(
    await windowState.load(),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  window = new BrowserWindow({
    ...state,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Dockwright',
    icon: join(__dirname, '../../resources/icon.png'),
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  windows.add(window.webContents);
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  const saveBounds = (): void => {
    if (window) void windowState.save({ ...window.getNormalBounds(), maximized: window.isMaximized() });
  };
  window.on('close', (event) => {
    const unfinished = unfinishedWork(services.operations);
    if (unfinished) {
      const choice = dialog.showMessageBoxSync(window!, {
        type: 'question',
        buttons: ['Keep working', 'Cancel and quit'],
        defaultId: 0,
        cancelId: 0,
        message: unfinished.message,
        detail:
          'Quitting cancels them on the engine: nothing half-built gets tagged, and a push or pull run again skips the layers that already made it.',
      });
      if (choice === 0) {
        event.preventDefault();
        return;
      }
      unfinished.cancelAll();
    }
    saveBounds();
  });
  const contents = window.webContents;
  window.on('closed', () => windows.delete(contents));

  // Navigation and new windows are blocked; http(s) links go to the system browser instead.
  // The app asks for no browser permission (camera, notifications, geolocation…): refuse them all.
  lockDownWindow(window.webContents, { isTrusted: isTrustedUrl, openExternal: (url) => void openLink(url) });

  await window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('window-all-closed', () => {
    services.dispose();
    app.quit();
  });
}
