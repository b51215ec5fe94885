import { spawn } from 'node:child_process';

/**
 * Opens a URL in the system browser, best effort: with no browser (a server over SSH) nothing
 * happens and the printed link is the way in.
 *
 * On Linux without a display, xdg-open would start a terminal browser in our own terminal, or
 * spend the one-time link on nothing; so it is not tried there.
 */
export function openInBrowser(
  url: string,
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  const command =
    platform === 'darwin'
      ? { file: 'open', args: [url] }
      : platform === 'win32'
        ? // `start` is a cmd builtin; its first quoted argument is a window title.
          { file: 'cmd', args: ['/c', 'start', '""', url] }
        : env['DISPLAY'] || env['WAYLAND_DISPLAY']
          ? { file: 'xdg-open', args: [url] }
          : null;
  if (!command) return false;
  try {
    const child = spawn(command.file, command.args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}
