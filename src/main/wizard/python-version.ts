/**
 * The Python version a project pins: an exact release from .python-version, runtime.txt or
 * Pipfile's python_full_version wins; else a line from Pipfile's python_version, Poetry's
 * `python =`, `requires-python` or setup's `python_requires`, ranges picked by pickVersion.
 */
import { defaultAnswers } from '../../shared/wizard/wizard-templates';
import { pickVersion } from './pick-version';
import type { ProjectFiles } from './project-files';
import { tomlString, tomlTable, type TomlTable } from './read-toml';

/** The Python lines the wizard offers (python:<line>-slim). */
export const PYTHON_VERSIONS = ['3.13', '3.12', '3.11', '3.10'];

/** The version to prefill, the alternatives to offer (exact pin first, then its line) and why. */
export interface PythonVersionFound {
  pythonVersion: string;
  suggestions: string[];
  evidence: string | null;
}

const EXACT = /^3\.\d{1,2}(\.\d{1,2})?$/;

/** Reads the version the project pins; the template's default when it pins none. */
export async function detectPythonVersion(
  files: ProjectFiles,
  pyproject: TomlTable | null,
  pipfile: TomlTable | null,
): Promise<PythonVersionFound> {
  const pins: [string, string | null][] = [
    ['.python-version', firstVersionLine(await files.read('.python-version'))],
    [
      'runtime.txt',
      /^\s*python-(3\.\d+(?:\.\d+)?)\s*$/m.exec((await files.read('runtime.txt')) ?? '')?.[1] ?? null,
    ],
    [
      'python_full_version in Pipfile',
      tomlString(pipfile && tomlTable(pipfile, 'requires'), 'python_full_version'),
    ],
    ['python_version in Pipfile', tomlString(pipfile && tomlTable(pipfile, 'requires'), 'python_version')],
  ];
  for (const [where, pin] of pins) {
    const version = pin?.trim();
    if (!version || !EXACT.test(version)) continue;
    const line = version.split('.').slice(0, 2).join('.');
    return {
      pythonVersion: version,
      suggestions: version === line ? [] : [version, line],
      evidence: `${where}: Python ${version}`,
    };
  }

  const preferred = defaultAnswers('python').pythonVersion;
  const setupCfg = (await files.read('setup.cfg')) ?? '';
  const setupPy = (await files.read('setup.py')) ?? '';
  const ranges: [string, string | null][] = [
    ['python in [tool.poetry.dependencies]', poetryPython(pyproject)],
    [
      'requires-python in pyproject.toml',
      tomlString(pyproject && tomlTable(pyproject, 'project'), 'requires-python'),
    ],
    ['python_requires in setup.cfg', /^\s*python_requires\s*=\s*(.+)$/m.exec(setupCfg)?.[1] ?? null],
    ['python_requires in setup.py', /python_requires\s*=\s*["']([^"']+)["']/.exec(setupPy)?.[1] ?? null],
  ];
  for (const [where, spec] of ranges) {
    if (!spec) continue;
    const version = pickVersion(spec.trim(), PYTHON_VERSIONS, preferred);
    if (version) {
      return {
        pythonVersion: version,
        suggestions: [],
        evidence: `${where} "${spec.trim()}": Python ${version}`,
      };
    }
  }
  return { pythonVersion: preferred, suggestions: [], evidence: null };
}

/** The first line of .python-version that names a CPython version (pyenv allows several, and comments). */
function firstVersionLine(text: string | null): string | null {
  for (const line of (text ?? '').split('\n')) {
    const trimmed = line.replace(/#.*$/, '').trim();
    if (trimmed === '') continue;
    return trimmed.replace(/^(python|cpython)-?/i, '');
  }
  return null;
}

function poetryPython(pyproject: TomlTable | null): string | null {
  const dependencies = pyproject && tomlTable(pyproject, 'tool.poetry.dependencies');
  const value = dependencies?.python;
  if (typeof value === 'string') return value;
  return null;
}
