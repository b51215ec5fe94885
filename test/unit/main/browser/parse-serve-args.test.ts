import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../../../src/main/browser/parse-serve-args';
import { defaultDataDir } from '../../../../src/main/browser/default-data-dir';

describe('parseServeArgs', () => {
  it('defaults to loopback, a free port, no browser, the app’s data folder and 12-hour sessions', () => {
    expect(parseServeArgs([])).toEqual({
      host: '127.0.0.1',
      port: 0,
      open: false,
      dataDir: null,
      sessionIdleMs: 12 * 3_600_000,
      help: false,
    });
  });

  it.each([
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['7d', 604_800_000],
  ])('reads --session-idle %s', (text, ms) => {
    expect(parseServeArgs(['--session-idle', text])).toMatchObject({ sessionIdleMs: ms });
    expect(parseServeArgs([`--session-idle=${text}`])).toMatchObject({ sessionIdleMs: ms });
  });

  it('reads --port, --host, --open and --data-dir in both spellings', () => {
    expect(parseServeArgs(['--port', '7777', '--host=::1', '--open', '--data-dir', '/srv/dw'])).toEqual({
      host: '::1',
      port: 7777,
      open: true,
      dataDir: '/srv/dw',
      sessionIdleMs: 12 * 3_600_000,
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
    [['--session-idle'], /--session-idle needs a time such as 30m/],
    [['--session-idle', '12'], /--session-idle needs a time/],
    [['--session-idle', '0h'], /--session-idle needs a time/],
    [['--session-idle', '1.5h'], /--session-idle needs a time/],
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
