import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createRunHelper,
  CredentialHelperError,
  defaultHelperSearchDirs,
  findExecutable,
  helperErase,
  helperGet,
  helperList,
  helperStore,
  type HelperAction,
  type HelperOutput,
  type RunHelper,
} from '../../../../src/main/registry/credential-helper';

let dir: string;
let bin: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-cred-helper-'));
  bin = join(dir, 'bin');
  mkdirSync(bin);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes an executable Node script as `<folder>/docker-credential-<name>`. */
function writeHelper(folder: string, name: string, body: string): string {
  const path = join(folder, `docker-credential-${name}`);
  writeFileSync(path, `#!${process.execPath}\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const ECHO_HELPER = `
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  process.stdout.write(JSON.stringify({ action: process.argv[2], input }));
  process.exit(process.argv[2] === 'erase' ? 3 : 0);
});`;

describe('createRunHelper', () => {
  it('runs docker-credential-<name> with the action as argument and the input on stdin', async () => {
    writeHelper(bin, 'echo', ECHO_HELPER);
    const run = createRunHelper({ env: { PATH: bin }, platform: process.platform });

    expect(await run('echo', 'get', 'https://index.docker.io/v1/')).toEqual({
      exitCode: 0,
      stdout: JSON.stringify({ action: 'get', input: 'https://index.docker.io/v1/' }),
      stderr: '',
    });
    expect((await run('echo', 'erase', 'reg')).exitCode).toBe(3);
  });

  it('says which helper is not installed', async () => {
    const run = createRunHelper({ env: { PATH: bin }, platform: process.platform });
    const failure = await run('osxkeychain', 'get', 'reg').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(CredentialHelperError);
    expect(failure).toMatchObject({ helper: 'osxkeychain', failure: 'not-installed' });
    expect((failure as Error).message).toMatch(
      /^docker-credential-osxkeychain is not installed or not on PATH/,
    );
  });

  it('does not take a file that is not executable', async () => {
    writeHelper(bin, 'plain', ECHO_HELPER);
    chmodSync(join(bin, 'docker-credential-plain'), 0o644);
    const run = createRunHelper({ env: { PATH: bin }, platform: 'linux' });
    await expect(run('plain', 'list', 'unused')).rejects.toThrow(/not installed or not on PATH/);
  });

  it('finds a helper in the extra folders a GUI app has no PATH for', async () => {
    const desktopBin = join(dir, 'Docker.app', 'bin');
    mkdirSync(desktopBin, { recursive: true });
    writeHelper(desktopBin, 'desktop', ECHO_HELPER);
    const run = createRunHelper({ env: { PATH: bin }, platform: process.platform, extraDirs: [desktopBin] });

    expect((await run('desktop', 'list', 'unused')).exitCode).toBe(0);
  });

  it('stops a helper that does not answer in time and says so', async () => {
    writeHelper(bin, 'stuck', 'setInterval(() => {}, 1000);');
    const run = createRunHelper({ env: { PATH: bin }, platform: process.platform, timeoutMs: 300 });

    await expect(run('stuck', 'get', 'reg')).rejects.toThrow(
      /docker-credential-stuck get did not finish within 300 ms \(is it waiting for a keychain prompt\?\)/,
    );
  });

  it('returns the exit code of a helper that exits without reading stdin', async () => {
    writeHelper(bin, 'quick', 'process.stdout.write("nope"); process.exit(1);');
    const run = createRunHelper({ env: { PATH: bin }, platform: process.platform });

    expect(await run('quick', 'store', 'x'.repeat(1 << 20))).toMatchObject({ exitCode: 1, stdout: 'nope' });
  });

  it('uses the injected lookup and spawn', async () => {
    const elsewhere = writeHelper(dir, 'echo', ECHO_HELPER);
    const find = vi.fn(async () => elsewhere);
    const spawnSpy = vi.fn(spawn);
    const run = createRunHelper({
      env: { PATH: '' },
      platform: process.platform,
      findExecutable: find,
      spawn: spawnSpy as unknown as typeof spawn,
    });

    expect((await run('echo', 'list', 'unused')).exitCode).toBe(0);
    expect(find).toHaveBeenCalledWith('docker-credential-echo');
    expect(spawnSpy).toHaveBeenCalledWith(
      elsewhere,
      ['list'],
      expect.objectContaining({ windowsHide: true }),
    );
  });
});

describe('findExecutable', () => {
  it('searches PATH in order, then the extra folders', async () => {
    const first = join(dir, 'first');
    mkdirSync(first);
    writeHelper(first, 'x', '');
    writeHelper(bin, 'x', '');
    expect(
      await findExecutable('docker-credential-x', { env: { PATH: `${first}:${bin}` }, platform: 'linux' }),
    ).toBe(join(first, 'docker-credential-x'));
    expect(
      await findExecutable('docker-credential-x', { env: { PATH: '' }, platform: 'linux', extraDirs: [bin] }),
    ).toBe(join(bin, 'docker-credential-x'));
    expect(await findExecutable('docker-credential-y', { env: { PATH: bin }, platform: 'linux' })).toBeNull();
  });

  it('knows where Docker Desktop keeps its helpers on macOS', () => {
    expect(defaultHelperSearchDirs('darwin', '/Users/ada')).toEqual(
      expect.arrayContaining([
        '/usr/local/bin',
        '/opt/homebrew/bin',
        '/Applications/Docker.app/Contents/Resources/bin',
      ]),
    );
  });
});

/** A RunHelper that answers from a script and records what it was asked. */
function scripted(answer: (action: HelperAction, input: string) => HelperOutput) {
  const calls: Array<{ name: string; action: HelperAction; input: string }> = [];
  const run: RunHelper = async (name, action, input) => {
    calls.push({ name, action, input });
    return answer(action, input);
  };
  return { run, calls };
}

const NOT_FOUND: HelperOutput = {
  exitCode: 1,
  stdout: 'credentials not found in native keychain\n',
  stderr: '',
};

describe('the helper protocol', () => {
  it('get sends the server URL alone and reads ServerURL, Username, Secret', async () => {
    const { run, calls } = scripted(() => ({
      exitCode: 0,
      stdout: '{"ServerURL":"reg:5000","Username":"ada","Secret":"s3cret"}\n',
      stderr: '',
    }));
    expect(await helperGet(run, 'pass', 'reg:5000')).toEqual({
      serverUrl: 'reg:5000',
      username: 'ada',
      secret: 's3cret',
    });
    expect(calls).toEqual([{ name: 'pass', action: 'get', input: 'reg:5000' }]);
  });

  it('get reads "credentials not found in native keychain" as no credentials', async () => {
    expect(await helperGet(scripted(() => NOT_FOUND).run, 'pass', 'reg:5000')).toBeNull();
  });

  it('get reports other failures with the helper name and its message', async () => {
    const { run } = scripted(() => ({ exitCode: 1, stdout: 'pass store is not initialized\n', stderr: '' }));
    await expect(helperGet(run, 'pass', 'reg')).rejects.toThrow(
      'docker-credential-pass get failed: pass store is not initialized',
    );
  });

  it('get never quotes output that is not JSON: it may be the secret', async () => {
    const { run } = scripted(() => ({ exitCode: 0, stdout: 'hunter2', stderr: '' }));
    const failure = await helperGet(run, 'odd', 'reg').catch((error: Error) => error);
    expect(failure).toMatchObject({ failure: 'bad-output' });
    expect((failure as Error).message).not.toContain('hunter2');
  });

  it('store sends the CLI JSON and redacts the secret from a failure', async () => {
    const { run, calls } = scripted((_action, input) => ({
      exitCode: 1,
      stdout: `cannot store ${JSON.parse(input).Secret}`,
      stderr: '',
    }));
    const failure = await helperStore(run, 'pass', {
      serverUrl: 'reg',
      username: 'ada',
      secret: 'hunter2',
    }).catch((error: Error) => error);
    expect(JSON.parse(calls[0]!.input)).toEqual({ ServerURL: 'reg', Username: 'ada', Secret: 'hunter2' });
    expect((failure as Error).message).toBe('docker-credential-pass store failed: cannot store ***');
  });

  it('erase says whether there was something to erase', async () => {
    expect(
      await helperErase(scripted(() => ({ exitCode: 0, stdout: '', stderr: '' })).run, 'pass', 'reg'),
    ).toBe(true);
    expect(await helperErase(scripted(() => NOT_FOUND).run, 'pass', 'reg')).toBe(false);
  });

  it('list sends "unused" and reads the url → username map', async () => {
    const { run, calls } = scripted(() => ({
      exitCode: 0,
      stdout: '{"https://index.docker.io/v1/":"ada","reg:5000":"<token>"}',
      stderr: '',
    }));
    expect(await helperList(run, 'pass')).toEqual({
      'https://index.docker.io/v1/': 'ada',
      'reg:5000': '<token>',
    });
    expect(calls[0]!.input).toBe('unused');
  });
});
