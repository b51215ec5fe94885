import { join } from 'node:path';

/**
 * The folder Electron's `app.getPath('userData')` names for this app when started from the repo
 * (`<appData>/<package name>`), so browser mode sees the same settings and build history.
 */
export function defaultDataDir(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  homeDir: string,
): string {
  const appData =
    platform === 'win32'
      ? (env['APPDATA'] ?? join(homeDir, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(homeDir, 'Library', 'Application Support')
        : env['XDG_CONFIG_HOME'] || join(homeDir, '.config');
  return join(appData, 'dockwright');
}
