import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bundleForNobody, runAsNobody, type NobodyBundle } from '../../../support/run-as-nobody';
import {
  isInside,
  openUserFile,
  readUserText,
  readUserTextSync,
  TEXT_FILE_MAX_BYTES,
  userFileMtime,
  type ReadOptions,
  type UserFileResult,
  type UserTextFile,
} from '../../../../src/main/fs/safe-files';

let root: string;
let folder: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dw-safe-files-'));
  folder = join(root, 'picked');
  mkdirSync(folder);
  writeFileSync(join(root, 'outside.txt'), 'outside\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

let nobodyBundle: NobodyBundle | null = null;
beforeAll(async () => {
  if (process.getuid?.() === 0) {
    nobodyBundle = await bundleForNobody(
      resolve(import.meta.dirname, '../../../../src/main/fs/safe-files.ts'),
    );
  }
}, 60_000);
afterAll(() => nobodyBundle?.dispose());

const fifo = (path: string) => execFileSync('mkfifo', [path]);

describe('isInside', () => {
  it.each([
    ['/a', '/a', true],
    ['/a', '/a/b', true],
    ['/a', '/a/..b', true],
    ['/a', '/ab', false],
    ['/a', '/', false],
    ['/a/b', '/a', false],
    ['/a', '/a/../c', false],
  ])('%s contains %s: %s', (parent, child, expected) => {
    expect(isInside(parent, child)).toBe(expected);
  });
});

describe.each([
  ['readUserText', readUserText],
  ['readUserTextSync', async (path: string, options: ReadOptions) => readUserTextSync(path, options)],
] as const)(
  '%s',
  (name, read: (path: string, options: ReadOptions) => Promise<UserFileResult<UserTextFile>>) => {
    const code = async (path: string, options: ReadOptions) => {
      const result = await read(path, options);
      return result.ok ? 'ok' : result.problem.code;
    };

    it('reads a regular file with its time and mode', async () => {
      const path = join(folder, 'Dockerfile');
      writeFileSync(path, 'FROM alpine\n');
      chmodSync(path, 0o640);

      const result = await read(path, { links: 'refuse' });

      expect(result).toMatchObject({
        ok: true,
        value: { path, realPath: path, text: 'FROM alpine\n', mode: 0o640 },
      });
    });

    it('reads exactly the cap, and refuses one byte more with a message naming the file', async () => {
      const path = join(folder, 'big');
      writeFileSync(path, 'x'.repeat(100));
      expect(await code(path, { links: 'refuse', maxBytes: 100 })).toBe('ok');

      const result = await read(path, { links: 'refuse', maxBytes: 99 });
      expect(result).toMatchObject({ ok: false, problem: { code: 'TOO_LARGE', path } });
      if (!result.ok) expect(result.problem.message).toContain(path);
    });

    it('caps text files at 1 MiB by default, above the 1,000,000 bytes a save writes', async () => {
      expect(TEXT_FILE_MAX_BYTES).toBe(1_048_576);
      const path = join(folder, 'big');
      writeFileSync(path, 'x'.repeat(TEXT_FILE_MAX_BYTES + 1));
      expect(await code(path, { links: 'refuse' })).toBe('TOO_LARGE');
    });

    it('answers MISSING for nothing there and for a link to nothing', async () => {
      symlinkSync(join(folder, 'gone'), join(folder, 'dangling'));
      expect(await code(join(folder, 'absent'), { links: 'follow' })).toBe('MISSING');
      expect(await code(join(folder, 'dangling'), { links: 'follow' })).toBe('MISSING');
      expect(await code(join(folder, 'absent', 'below'), { links: 'follow' })).toBe('MISSING');
    });

    it('refuses a folder, a FIFO (without waiting for a writer) and a device', async () => {
      fifo(join(folder, 'pipe'));
      mkdirSync(join(folder, 'sub'));
      expect(await code(join(folder, 'sub'), { links: 'follow' })).toBe('NOT_REGULAR');
      expect(await code(join(folder, 'pipe'), { links: 'follow' })).toBe('NOT_REGULAR');
      expect(await code('/dev/zero', { links: 'follow' })).toBe('NOT_REGULAR');
      symlinkSync('/dev/zero', join(folder, 'zero'));
      expect(await code(join(folder, 'zero'), { links: 'follow' })).toBe('NOT_REGULAR');
    });

    it('refuses a link when the file itself is wanted, and follows one when links are allowed', async () => {
      writeFileSync(join(folder, 'real'), 'real\n');
      symlinkSync('real', join(folder, 'link'));
      expect(await code(join(folder, 'link'), { links: 'refuse' })).toBe('SYMLINK');
      expect(await read(join(folder, 'link'), { links: 'follow' })).toMatchObject({
        ok: true,
        value: { text: 'real\n', realPath: join(folder, 'real') },
      });
    });

    it('keeps links inside `within`, also when a folder on the way is the link', async () => {
      symlinkSync(join(root, 'outside.txt'), join(folder, 'out'));
      symlinkSync(root, join(folder, 'up'));
      symlinkSync('/etc/passwd', join(folder, 'passwd'));
      for (const path of [join(folder, 'out'), join(folder, 'up', 'outside.txt'), join(folder, 'passwd')])
        expect(await code(path, { links: 'follow', within: folder })).toBe('OUTSIDE');
      expect(await code(join(folder, 'out'), { links: 'follow' })).toBe('ok');
    });

    it('asks realPathProblem before reading a byte', async () => {
      symlinkSync('/etc/passwd', join(folder, 'Dockerfile'));
      const result = await read(join(folder, 'Dockerfile'), {
        links: 'follow',
        realPathProblem: (real) => (real.endsWith('passwd') ? 'not a Dockerfile' : null),
      });
      expect(result).toMatchObject({ ok: false, problem: { code: 'NOT_ALLOWED' } });
      expect(JSON.stringify(result)).not.toContain('root:');
    });

    it('refuses a relative path', async () => {
      expect(await code('Dockerfile', { links: 'follow' })).toBe('NOT_ALLOWED');
      expect(await code('../etc/passwd', { links: 'follow' })).toBe('NOT_ALLOWED');
    });

    // Root reads any file whatever its mode, so as root the check runs as `nobody` in a child process.
    it('answers UNREADABLE for a file it may not read', async () => {
      const path = join(folder, 'secret');
      writeFileSync(path, 'x');
      chmodSync(path, 0);
      if (!nobodyBundle) {
        expect(await code(path, { links: 'follow' })).toBe('UNREADABLE');
        return;
      }
      chmodSync(root, 0o755);
      chmodSync(folder, 0o755);
      const answer = await runAsNobody<string>(
        nobodyBundle,
        `Promise.resolve(module.${name}(${JSON.stringify(path)}, { links: 'follow' })).then((r) => (r.ok ? 'ok' : r.problem.code))`,
      );
      expect(answer).toBe('UNREADABLE');
    });
  },
);

describe('openUserFile', () => {
  it('opens a regular file through a link its rule accepts', async () => {
    writeFileSync(join(folder, 'a.tar'), 'tar');
    symlinkSync('a.tar', join(folder, 'b.tar'));
    const result = await openUserFile(join(folder, 'b.tar'), {
      realPathProblem: (real) => (real.endsWith('.tar') ? null : 'no'),
    });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect((await result.value.readFile()).toString()).toBe('tar');
      await result.value.close();
    }
  });

  it('refuses a FIFO, a device, a missing file and a link its rule refuses', async () => {
    fifo(join(folder, 'pipe.tar'));
    symlinkSync('/etc/passwd', join(folder, 'passwd.tar'));
    const codeOf = async (path: string) => {
      const result = await openUserFile(path, {
        realPathProblem: (real) => (real.endsWith('.tar') ? null : 'no'),
      });
      if (result.ok) await result.value.close();
      return result.ok ? 'ok' : result.problem.code;
    };
    expect(await codeOf(join(folder, 'pipe.tar'))).toBe('NOT_REGULAR');
    expect(await codeOf(join(folder, 'passwd.tar'))).toBe('NOT_ALLOWED');
    expect(await codeOf(join(folder, 'missing.tar'))).toBe('MISSING');
    expect(await codeOf('relative.tar')).toBe('NOT_ALLOWED');
  });
});

describe('userFileMtime', () => {
  it('is the time of a regular file, and null for anything else', async () => {
    writeFileSync(join(folder, 'Dockerfile'), 'FROM alpine\n');
    fifo(join(folder, 'pipe'));
    symlinkSync('/etc/passwd', join(folder, 'passwd'));
    expect(await userFileMtime(join(folder, 'Dockerfile'))).toEqual(expect.any(Number));
    expect(await userFileMtime(join(folder, 'pipe'))).toBeNull();
    expect(await userFileMtime(folder)).toBeNull();
    expect(await userFileMtime(join(folder, 'missing'))).toBeNull();
    expect(await userFileMtime('Dockerfile')).toBeNull();
    expect(
      await userFileMtime(join(folder, 'passwd'), (real) => (real.endsWith('passwd') ? 'no' : null)),
    ).toBeNull();
  });
});
