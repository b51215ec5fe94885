import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeWizardFiles } from '../../../../src/main/wizard/write-wizard-files';

let folder: string;
let umask: number;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'dw-wizard-files-'));
  umask = process.umask();
});
afterEach(() => {
  process.umask(umask);
  rmSync(folder, { recursive: true, force: true });
});

const files = { dockerfile: 'FROM python:3.12-slim\n', dockerignore: '.git\n' };
const none = { dockerfile: null, dockerignore: null };
const modeOf = (name: string): number => statSync(join(folder, name)).mode & 0o777;

describe('writeWizardFiles', () => {
  it.each([
    [0o022, 0o644],
    [0o002, 0o644],
    [0o027, 0o640],
    [0o077, 0o600],
  ])(
    'writes new files readable as the umask %o allows (mode %o), like any file the user makes',
    async (mask, mode) => {
      process.umask(mask);
      expect(await writeWizardFiles(folder, files, none)).toEqual({
        written: ['Dockerfile', '.dockerignore'],
      });
      expect(modeOf('Dockerfile')).toBe(mode);
      expect(modeOf('.dockerignore')).toBe(mode);
      expect(readFileSync(join(folder, 'Dockerfile'), 'utf8')).toBe(files.dockerfile);
    },
  );

  it('keeps the mode of a file it replaces', async () => {
    process.umask(0o022);
    writeFileSync(join(folder, '.dockerignore'), 'node_modules\n');
    chmodSync(join(folder, '.dockerignore'), 0o664);
    const result = await writeWizardFiles(folder, files, {
      dockerfile: null,
      dockerignore: 'node_modules\n',
    });
    expect(result).toEqual({ written: ['Dockerfile', '.dockerignore'] });
    expect(modeOf('.dockerignore')).toBe(0o664);
    expect(modeOf('Dockerfile')).toBe(0o644);
  });

  it('refuses to replace a file that changed since it was shown, writing nothing', async () => {
    writeFileSync(join(folder, '.dockerignore'), 'edited meanwhile\n');
    expect(await writeWizardFiles(folder, files, none)).toEqual({ changed: '.dockerignore' });
    expect(readFileSync(join(folder, '.dockerignore'), 'utf8')).toBe('edited meanwhile\n');
  });
});
