// `npm start`: the Electron app when its runtime is installed, otherwise browser mode (one line says why).
// `npm run start:browser` / `npm start -- --browser`: browser mode explicitly. Other arguments go to
// browser mode (--port, --host, --data-dir, --no-open). Expects `electron-vite build` to have run.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/** Electron's binary, found the way the electron package finds it but without its download on require. */
function findElectron() {
  const pathFile = join(root, 'node_modules/electron/path.txt');
  const defaultName = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }[
    process.platform
  ];
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : (defaultName ?? 'electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative) : join(root, 'node_modules/electron/dist', relative);
  if (existsSync(binary)) return { binary };
  return {
    missing: override
      ? `ELECTRON_OVERRIDE_DIST_PATH has no ${relative}`
      : "Electron's runtime is not installed (`node node_modules/electron/install.js` downloads it)",
  };
}

/** Runs a child with our terminal and leaves with its exit code; Ctrl+C reaches it directly. */
function run(file, childArgs) {
  const child = spawn(file, childArgs, { stdio: 'inherit', cwd: root });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`Could not start ${file}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startBrowserMode(rest) {
  const entry = join(root, 'out/main/browser.js');
  if (!existsSync(entry)) {
    console.error('out/main/browser.js is missing: run `npx electron-vite build` first (npm start does).');
    process.exit(1);
  }
  run(process.execPath, [entry, ...(rest.includes('--no-open') ? [] : ['--open']), ...rest]);
}

const browserRequested = args.includes('--browser');
const rest = args.filter((arg) => arg !== '--browser');
if (browserRequested) {
  startBrowserMode(rest);
} else {
  const electron = findElectron();
  const headless =
    process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
      ? 'no display to show a window on (DISPLAY and WAYLAND_DISPLAY are unset)'
      : null;
  const why = 'missing' in electron ? electron.missing : headless;
  if (why) {
    console.log(`${why}: starting Dockwright in browser mode.`);
    startBrowserMode(rest);
  } else {
    run(electron.binary, [root, ...rest]);
  }
}
