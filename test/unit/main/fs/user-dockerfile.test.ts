import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDockerfile, readDockerfileSync } from '../../../../src/main/fs/user-dockerfile';
import type { UserFileResult, UserTextFile } from '../../../../src/main/fs/safe-files';

let root: string;
let context: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dw-user-dockerfile-'));
  context = join(root, 'context');
  mkdirSync(context);
  writeFileSync(join(root, 'shared.Dockerfile'), 'FROM shared\n');
  writeFileSync(join(context, 'Dockerfile.prod'), 'FROM prod\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe.each([
  ['readDockerfile', readDockerfile],
  ['readDockerfileSync', async (path: string, within?: string) => readDockerfileSync(path, within)],
] as const)('%s', (_name, read: (path: string, within?: string) => Promise<UserFileResult<UserTextFile>>) => {
  const codeOf = async (path: string, within?: string) => {
    const result = await read(path, within);
    return result.ok ? result.value.text : result.problem.code;
  };

  it('reads a Dockerfile, and one reached through a link to a Dockerfile-named file', async () => {
    symlinkSync('Dockerfile.prod', join(context, 'Dockerfile'));
    expect(await codeOf(join(context, 'Dockerfile.prod'))).toBe('FROM prod\n');
    expect(await codeOf(join(context, 'Dockerfile'), context)).toBe('FROM prod\n');
  });

  it('refuses a name that is not a Dockerfile, and a link to one', async () => {
    writeFileSync(join(context, 'notes.txt'), 'hi\n');
    symlinkSync('/etc/passwd', join(context, 'Dockerfile'));
    expect(await codeOf(join(context, 'notes.txt'))).toBe('NOT_ALLOWED');
    expect(await codeOf('/etc/passwd')).toBe('NOT_ALLOWED');
    expect(await codeOf(join(context, 'Dockerfile'))).toBe('NOT_ALLOWED');
  });

  it('follows a picked Dockerfile anywhere, but keeps the default one inside its context', async () => {
    symlinkSync(join(root, 'shared.Dockerfile'), join(context, 'Dockerfile'));
    expect(await codeOf(join(context, 'Dockerfile'))).toBe('FROM shared\n');
    expect(await codeOf(join(context, 'Dockerfile'), context)).toBe('OUTSIDE');
  });
});
