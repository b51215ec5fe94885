import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkWriteTarget, replaceUserFile, writeUserFile } from '../../../../src/main/fs/write-user-file';

let root: string;
let folder: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dw-write-user-file-'));
  folder = join(root, 'picked');
  mkdirSync(folder);
  writeFileSync(join(root, 'victim'), 'victim\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const codeOf = async (path: string, within = folder) => {
  const result = await writeUserFile(path, 'new\n', { within });
  return result.ok ? 'ok' : result.problem.code;
};

describe('writeUserFile', () => {
  it('creates a new file with 0644 less the umask, and nothing else in the folder', async () => {
    const path = join(folder, 'Dockerfile');

    const result = await writeUserFile(path, 'FROM alpine\n', { within: folder });

    expect(result).toMatchObject({ ok: true, value: { size: 12 } });
    expect(readFileSync(path, 'utf8')).toBe('FROM alpine\n');
    expect(statSync(path).mode & 0o777).toBe(0o644 & ~process.umask());
    expect(readdirSync(folder)).toEqual(['Dockerfile']);
  });

  it.each([0o600, 0o644, 0o755, 0o664])('keeps the mode %o of the file it replaces', async (mode) => {
    const path = join(folder, 'Dockerfile');
    writeFileSync(path, 'old\n');
    chmodSync(path, mode);

    expect(await codeOf(path)).toBe('ok');
    expect(statSync(path).mode & 0o777).toBe(mode);
    expect(readFileSync(path, 'utf8')).toBe('new\n');
  });

  it('refuses a link (to a file, a folder or nothing) and leaves it and its target alone', async () => {
    symlinkSync(join(root, 'victim'), join(folder, 'to-file'));
    symlinkSync(root, join(folder, 'to-folder'));
    symlinkSync(join(root, 'nothing'), join(folder, 'dangling'));
    for (const name of ['to-file', 'to-folder', 'dangling']) {
      expect(await codeOf(join(folder, name))).toBe('SYMLINK');
      expect(lstatSync(join(folder, name)).isSymbolicLink()).toBe(true);
    }
    expect(readFileSync(join(root, 'victim'), 'utf8')).toBe('victim\n');
    expect(readdirSync(root).sort()).toEqual(['picked', 'victim']);
  });

  it('refuses a folder and a FIFO where the file should be', async () => {
    mkdirSync(join(folder, 'sub'));
    execFileSync('mkfifo', [join(folder, 'pipe')]);
    expect(await codeOf(join(folder, 'sub'))).toBe('NOT_REGULAR');
    expect(await codeOf(join(folder, 'pipe'))).toBe('NOT_REGULAR');
  });

  it('refuses a file whose real folder is outside the picked one', async () => {
    symlinkSync(root, join(folder, 'up'));
    expect(await codeOf(join(folder, '..', 'victim'))).toBe('OUTSIDE');
    expect(await codeOf(join(folder, 'up', 'victim'))).toBe('OUTSIDE');
    expect(readFileSync(join(root, 'victim'), 'utf8')).toBe('victim\n');
  });

  it('answers MISSING for a folder that does not exist or is a file, and refuses relative paths', async () => {
    writeFileSync(join(folder, 'file'), '');
    expect(await codeOf(join(folder, 'nope', 'Dockerfile'))).toBe('MISSING');
    expect(await codeOf(join(folder, 'file', 'Dockerfile'))).toBe('MISSING');
    expect(await codeOf('Dockerfile')).toBe('NOT_ALLOWED');
  });
});

describe('replaceUserFile', () => {
  it('removes its temp file and rethrows when filling fails, leaving the old file', async () => {
    const path = join(folder, 'image.tar');
    writeFileSync(path, 'old');

    await expect(
      replaceUserFile(path, { within: folder }, async (handle) => {
        await handle.write('partial');
        throw new Error('engine went away');
      }),
    ).rejects.toThrow('engine went away');

    expect(readdirSync(folder)).toEqual(['image.tar']);
    expect(readFileSync(path, 'utf8')).toBe('old');
  });

  it('never writes into a link planted beside the target', async () => {
    const path = join(folder, 'image.tar');
    symlinkSync(join(root, 'victim'), `${path}.partial`);
    symlinkSync(join(root, 'victim'), `${path}.tmp`);

    const result = await replaceUserFile(path, { within: folder }, async (handle) => {
      await handle.write('archive');
    });

    expect(result.ok).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('archive');
    expect(readFileSync(join(root, 'victim'), 'utf8')).toBe('victim\n');
  });

  it('does not rename over a target that became a link while it was written', async () => {
    const path = join(folder, 'Dockerfile');
    writeFileSync(path, 'old\n');

    const result = await replaceUserFile(path, { within: folder }, async (handle) => {
      await handle.write('new\n');
      rmSync(path);
      symlinkSync(join(root, 'victim'), path);
    });

    expect(result).toMatchObject({ ok: false, problem: { code: 'SYMLINK' } });
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    expect(readdirSync(folder)).toEqual(['Dockerfile']);
  });
});

describe('checkWriteTarget', () => {
  it('names the real path and the file there now', async () => {
    writeFileSync(join(folder, '.dockerignore'), 'x\n');
    const result = await checkWriteTarget(join(folder, '.dockerignore'), { within: folder });
    expect(result).toMatchObject({ ok: true, value: { realPath: join(folder, '.dockerignore') } });
    expect(result.ok && result.value.existing?.isFile()).toBe(true);
    expect(await checkWriteTarget(join(folder, 'new'), { within: folder })).toMatchObject({
      ok: true,
      value: { existing: null },
    });
  });
});
