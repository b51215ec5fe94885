/**
 * The Electron shell: window, security, lifecycle. Everything else is plain Node in services.ts.
 */
import { join } from 'node:path';
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
import { bindIpc, ipcEventSink } from './ipc';
import { mayClose } from './operations/unfinished-work';
import { createMainServices } from './services';
import { nativeDialogs } from './shell/native-dialogs';
import { safeStorageCrypto } from './shell/safe-storage-crypto';
import { createAppFileServer } from './shell/serve-app-file';
import { createWindowStateStore, placeOnScreen } from './store/window-state-store';
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
  protocol.handle(APP_SCHEME, createAppFileServer(rendererDir));

  const windows = new Set<WebContents>();
  let window: BrowserWindow | null = null;
  const services = createMainServices({
    secretCrypto: safeStorageCrypto(safeStorage, process.platform),
    dialogs: nativeDialogs({
      open: (options) => (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options)),
      save: (options) => (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options)),
    }),
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
    const quit = mayClose(services.operations, (message, detail) => {
      const buttons = ['Keep working', 'Cancel and quit'];
      const options = { type: 'question' as const, buttons, defaultId: 0, cancelId: 0, message, detail };
      return dialog.showMessageBoxSync(window!, options) === 1;
    });
    if (!quit) return event.preventDefault();
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
