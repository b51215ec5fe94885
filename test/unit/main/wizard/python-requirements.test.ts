import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openProjectFiles } from '../../../../src/main/wizard/project-files';
import { readRequirements } from '../../../../src/main/wizard/python-requirements';

let dir: string | null = null;

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function project(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'dw-python-requirements-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('readRequirements', () => {
  it('follows -r includes relative to the including file, and copies -c constraints without declaring them', async () => {
    const root = project({
      'requirements/prod.txt': '-r base.txt\n--constraint ../constraints.txt\ngunicorn==22.0.0\n',
      'requirements/base.txt': '# shared\nDjango==5.0.6 \\\n    --hash=sha256:abc\n-r base.txt\n',
      'constraints.txt': 'sqlparse==0.5.0\n',
    });
    expect(await readRequirements(openProjectFiles(root), 'requirements/prod.txt')).toEqual({
      files: ['requirements/prod.txt', 'requirements/base.txt', 'constraints.txt'],
      declared: ['django', 'gunicorn'],
    });
  });

  it('never leaves the project for an include and skips includes that do not exist', async () => {
    const root = project({ 'requirements.txt': '-r ../outside.txt\n-r missing.txt\nflask\n' });
    expect(await readRequirements(openProjectFiles(root), 'requirements.txt')).toEqual({
      files: ['requirements.txt'],
      declared: ['flask'],
    });
  });

  it('is null for a file that does not exist', async () => {
    expect(await readRequirements(openProjectFiles(project({})), 'requirements.txt')).toBeNull();
  });
});
