import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../../../src/main/browser/parse-serve-args';
import { defaultDataDir } from '../../../../src/main/browser/default-data-dir';

describe('parseServeArgs', () => {
  it('defaults to loopback, a free port, no browser and the app’s data folder', () => {
    expect(parseServeArgs([])).toEqual({
      host: '127.0.0.1',
      port: 0,
      open: false,
      dataDir: null,
      help: false,
    });
  });

  it('reads --port, --host, --open and --data-dir in both spellings', () => {
    expect(parseServeArgs(['--port', '7777', '--host=::1', '--open', '--data-dir', '/srv/dw'])).toEqual({
      host: '::1',
      port: 7777,
      open: true,
      dataDir: '/srv/dw',
      help: false,
    });
    expect(parseServeArgs(['--port=0', '--open', '--no-open'])).toMatchObject({ port: 0, open: false });
  });

  it.each([
    [['--port'], /--port needs a number/],
    [['--port', 'http'], /--port needs a number/],
    [['--port', '70000'], /--port needs a number/],
    [['--port', '-1'], /--port needs a number/],
    [['--host'], /--host needs an address/],
    [['--host', '--open'], /--host needs an address/],
    [['--data-dir'], /--data-dir needs a folder/],
    [['--browse'], /Unknown option --browse/],
  ])('refuses %j', (argv, message) => {
    const parsed = parseServeArgs(argv);
    expect('error' in parsed && parsed.error).toMatch(message);
  });
});

describe('defaultDataDir', () => {
  it('is the folder Electron names userData when started from the repo', () => {
    expect(defaultDataDir({}, 'linux', '/home/ann')).toBe('/home/ann/.config/dockwright');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ann')).toBe('/cfg/dockwright');
    expect(defaultDataDir({}, 'darwin', '/Users/ann')).toBe(
      '/Users/ann/Library/Application Support/dockwright',
    );
  });
});
