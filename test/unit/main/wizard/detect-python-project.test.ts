import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectPythonProject } from '../../../../src/main/wizard/detect-python-project';
import { openProjectFiles } from '../../../../src/main/wizard/project-files';
import type { ProjectDetection } from '../../../../src/shared/wizard/project-detection';
import type { PythonAnswers } from '../../../../src/shared/wizard/templates/python-template';

let dir: string | null = null;

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

async function detect(files: Record<string, string>): Promise<ProjectDetection & { answers: PythonAnswers }> {
  dir = mkdtempSync(join(tmpdir(), 'dw-detect-python-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const detection = await detectPythonProject(openProjectFiles(dir));
  expect(detection?.template).toBe('python');
  return detection as ProjectDetection & { answers: PythonAnswers };
}

const POETRY = [
  '[tool.poetry]',
  'name = "svc"',
  '[tool.poetry.dependencies]',
  'python = ">=3.10,<3.12"',
  'flask = "^3.0"',
  'gunicorn = { version = "^22.0", optional = true }',
  '[tool.poetry.extras]',
  'server = ["gunicorn"]',
].join('\n');

describe('detectPythonProject', () => {
  it('is null without any Python dependency file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dw-detect-python-'));
    expect(await detectPythonProject(openProjectFiles(dir))).toBeNull();
  });

  it('takes Poetry without a lock, leaves optional dependencies out, and picks a version in `python =`', async () => {
    const { answers, stack, evidence } = await detect({
      'pyproject.toml': POETRY,
      'app.py': 'app = Flask(__name__)\n',
    });
    expect(answers).toMatchObject({
      dependencies: 'poetry',
      declared: ['flask'],
      pythonVersion: '3.11',
      managerVersion: null,
      projectFiles: ['pyproject.toml'],
    });
    expect(stack).toEqual(['Python', 'Poetry', 'Flask']);
    expect(evidence).toContain('pyproject.toml: [tool.poetry.dependencies], no poetry.lock');
  });

  it('prefers requirements.txt over a Poetry manifest without lock (an export) and offers Poetry', async () => {
    const { answers, suggestions } = await detect({
      'pyproject.toml': POETRY,
      'requirements.txt': 'flask==3.0.3\n',
    });
    expect(answers.dependencies).toBe('requirements');
    expect(suggestions.dependencies).toEqual(['requirements', 'poetry']);
  });

  it('lets a lock file decide over requirements.txt', async () => {
    const { answers, suggestions, evidence } = await detect({
      'pyproject.toml': '[project]\nname = "a"\ndependencies = ["streamlit>=1.39"]\n',
      'uv.lock': 'version = 1\n',
      'requirements.txt': 'streamlit==1.39.0\n',
    });
    expect(answers).toMatchObject({ dependencies: 'uv', framework: 'streamlit', port: 8501 });
    expect(suggestions.dependencies).toEqual(['uv', 'requirements', 'pyproject']);
    expect(evidence.join('\n')).toContain("uv's lock file decides over requirements.txt");
  });

  it('pins uv from [tool.uv] required-version when it names one release', async () => {
    const { answers } = await detect({
      'pyproject.toml': '[project]\nname = "a"\ndependencies = []\n[tool.uv]\nrequired-version = "==0.5.4"\n',
      'uv.lock': '',
    });
    expect(answers.managerVersion).toBe('0.5.4');
  });

  it('reads setup.cfg install_requires and python_requires', async () => {
    const { answers } = await detect({
      'setup.cfg': [
        '[metadata]',
        'name = tally',
        '[options]',
        'packages = find:',
        'python_requires = >=3.9, <3.12',
        'install_requires =',
        '    fastapi>=0.100  # api',
        '    uvicorn[standard]',
        '[flake8]',
        'max-line-length = 100',
      ].join('\n'),
      'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
    });
    expect(answers).toMatchObject({
      dependencies: 'pyproject',
      projectRequirements: ['fastapi>=0.100', 'uvicorn[standard]'],
      pythonVersion: '3.11',
      framework: 'fastapi',
      appModule: 'main',
    });
  });

  it('follows setuptools dynamic dependencies to their requirements file', async () => {
    const { answers } = await detect({
      'pyproject.toml': [
        '[project]',
        'name = "a"',
        'dynamic = ["dependencies"]',
        '[tool.setuptools.dynamic]',
        'dependencies = { file = ["deps.txt"] }',
      ].join('\n'),
      'deps.txt': '# runtime\nflask>=3\n',
    });
    expect(answers).toMatchObject({
      dependencies: 'pyproject',
      projectRequirements: ['flask>=3'],
      framework: 'flask',
    });
  });

  it.each([
    [{ '.python-version': '# pyenv\n3.12.4\n3.11.9\n' }, '3.12.4', ['3.12.4', '3.12']],
    [{ '.python-version': 'pypy3.10\n', 'runtime.txt': 'python-3.10.14\n' }, '3.10.14', ['3.10.14', '3.10']],
    [
      { Pipfile: '[packages]\n[requires]\npython_full_version = "3.11.4"\npython_version = "3.11"\n' },
      '3.11.4',
      ['3.11.4', '3.11'],
    ],
    [{ Pipfile: '[packages]\n[requires]\npython_version = "3.10"\n' }, '3.10', undefined],
  ])('takes the exact pin of %j and offers its line', async (files, version, offered) => {
    const { answers, suggestions } = await detect({ 'requirements.txt': 'requests\n', ...files });
    expect(answers.pythonVersion).toBe(version);
    expect(suggestions.pythonVersion).toEqual(offered);
  });

  it('finds the FastAPI app by its `app = FastAPI(` among several modules', async () => {
    const { answers, evidence } = await detect({
      'requirements.txt': 'fastapi[standard]\n',
      'main.py': 'print("not the app")\n',
      'service/__init__.py': '',
      'service/api.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
    });
    expect(answers.appModule).toBe('service.api');
    expect(evidence).toContain('service/api.py makes the FastAPI app: module service.api');
  });

  it('runs the one script of a folder that has no framework', async () => {
    const { answers, suggestions } = await detect({
      'requirements.txt': 'requests\n',
      'setup.py': 'from setuptools import setup\nsetup(name="x")\n',
      'backup_db.py': 'import requests\n',
    });
    expect(answers).toMatchObject({ framework: 'none', appModule: 'backup_db', port: null });
    expect(suggestions.startCommand).toEqual(['python backup_db.py']);
  });

  it('falls back to config.wsgi when manage.py names no settings module, and says so', async () => {
    const { answers, evidence } = await detect({
      'requirements.txt': 'django\n',
      'manage.py': 'import django\n',
    });
    expect(answers).toMatchObject({ framework: 'django', appModule: 'config.wsgi', port: 8000 });
    expect(evidence.join('\n')).toContain('set the WSGI module by hand');
  });
});
