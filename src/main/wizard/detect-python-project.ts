/**
 * Detects a Python project: requirements.txt or pyproject.toml, the Python version from
 * .python-version, `requires-python` or `python_requires` (setup.cfg, setup.py), Flask or FastAPI
 * among the dependencies, and app.py / main.py.
 */
import type { ProjectDetection } from '../../shared/wizard/project-detection';
import type { PythonAnswers } from '../../shared/wizard/wizard-answers';
import { defaultAnswers } from '../../shared/wizard/wizard-templates';
import { pickVersion } from './pick-version';
import type { ProjectFiles } from './project-files';

const PYTHON_VERSIONS = ['3.13', '3.12', '3.11', '3.10'];
const MARKERS = ['requirements.txt', 'pyproject.toml', 'setup.py', 'setup.cfg', 'Pipfile'];

/** A Python project, or null when none of its usual files exists. */
export async function detectPythonProject(files: ProjectFiles): Promise<ProjectDetection | null> {
  const found: string[] = [];
  for (const marker of MARKERS) if (await files.hasFile(marker)) found.push(marker);
  if (found.length === 0) return null;
  const evidence = [`${found.join(', ')}: a Python project`];

  const requirements = await files.read('requirements.txt');
  const pyproject = await files.read('pyproject.toml');
  const pyprojectDependencies =
    pyproject === null ? [] : tomlArray(tomlSection(pyproject, 'project'), 'dependencies');
  let dependencies: PythonAnswers['dependencies'] = 'none';
  let names: string[] = [];
  if (requirements !== null) {
    dependencies = 'requirements';
    names = requirements.split('\n').map(requirementName);
  } else if (pyprojectDependencies.length > 0) {
    dependencies = 'pyproject';
    names = pyprojectDependencies.map(requirementName);
    evidence.push('dependencies from [project] in pyproject.toml');
  }

  let framework: PythonAnswers['framework'] = 'none';
  if (names.includes('fastapi')) framework = 'fastapi';
  else if (names.includes('flask')) framework = 'flask';
  if (framework !== 'none')
    evidence.push(`${framework === 'flask' ? 'Flask' : 'FastAPI'} in the dependencies`);
  if (names.includes('django'))
    evidence.push('Django in the dependencies: set the start command (e.g. gunicorn <project>.wsgi)');

  const modules = [];
  for (const module of framework === 'fastapi' ? ['main', 'app'] : ['app', 'main']) {
    if (await files.hasFile(`${module}.py`)) modules.push(module);
  }
  const appModule = modules[0] ?? (framework === 'fastapi' ? 'main' : 'app');
  if (modules[0]) evidence.push(`${appModule}.py found`);

  const pythonVersion = await detectPythonVersion(files, pyproject, evidence);
  const port = framework === 'flask' ? 5000 : framework === 'fastapi' ? 8000 : null;
  return {
    template: 'python',
    language: 'python',
    stack: ['Python', ...(framework === 'none' ? [] : [framework === 'flask' ? 'Flask' : 'FastAPI'])],
    suggestions: {},
    evidence,
    answers: { ...defaultAnswers('python'), pythonVersion, dependencies, framework, appModule, port },
  };
}

async function detectPythonVersion(
  files: ProjectFiles,
  pyproject: string | null,
  evidence: string[],
): Promise<string> {
  const preferred = defaultAnswers('python').pythonVersion;
  const pinned = /^(\d+\.\d+)/.exec((await files.read('.python-version'))?.trim() ?? '')?.[1];
  if (pinned) {
    evidence.push(`.python-version: Python ${pinned}`);
    return pinned;
  }
  const sources: [string, string | null][] = [
    [
      'requires-python in pyproject.toml',
      pyproject && tomlString(tomlSection(pyproject, 'project'), 'requires-python'),
    ],
    [
      'python_requires in setup.cfg',
      /^\s*python_requires\s*=\s*(.+)$/m.exec((await files.read('setup.cfg')) ?? '')?.[1] ?? null,
    ],
    [
      'python_requires in setup.py',
      /python_requires\s*=\s*["']([^"']+)["']/.exec((await files.read('setup.py')) ?? '')?.[1] ?? null,
    ],
  ];
  for (const [where, spec] of sources) {
    if (!spec) continue;
    const version = pickVersion(spec.trim(), PYTHON_VERSIONS, preferred);
    if (version) {
      evidence.push(`${where} "${spec.trim()}": Python ${version}`);
      return version;
    }
  }
  return preferred;
}

/** The distribution name of a requirement line (`Flask[async]>=2` is `flask`), lower-case; '' for comments and options. */
function requirementName(line: string): string {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('-')) return '';
  return (/^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(trimmed)?.[0] ?? '').toLowerCase().replace(/_/g, '-');
}

/** The lines of one `[section]` of a TOML file (up to the next table header). */
function tomlSection(toml: string, name: string): string {
  const lines = toml.split('\n');
  const start = lines.findIndex((line) => line.trim() === `[${name}]`);
  if (start < 0) return '';
  const end = lines.findIndex((line, index) => index > start && /^\s*\[/.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

function tomlString(section: string, key: string): string | null {
  return new RegExp(`^\\s*${key}\\s*=\\s*["']([^"']*)["']`, 'm').exec(section)?.[1] ?? null;
}

/** The strings of a (possibly multi-line) TOML array of strings; brackets inside strings (`fastapi[standard]`) are kept. */
function tomlArray(section: string, key: string): string[] {
  const start = new RegExp(`^\\s*${key}\\s*=\\s*\\[`, 'm').exec(section);
  if (!start) return [];
  const items: string[] = [];
  let quote: string | null = null;
  let current = '';
  for (let index = start.index + start[0].length; index < section.length; index++) {
    const char = section[index]!;
    if (quote) {
      if (char === quote) {
        items.push(current);
        current = '';
        quote = null;
      } else {
        current += char;
      }
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '#') {
      const lineEnd = section.indexOf('\n', index);
      index = lineEnd < 0 ? section.length : lineEnd;
    } else if (char === ']') {
      break;
    }
  }
  return items;
}
