/**
 * Python with pip: dependencies from requirements.txt or pyproject.toml installed before the code is
 * copied, Flask or FastAPI started on 0.0.0.0. Defaults assume the Debian-based `-slim` image.
 */
import {
  appDefaults,
  BASE_IMAGE_OPTION,
  ENV_STEP,
  envOption,
  EXPOSE_STEP,
  PACKAGES_OPTION,
  PACKAGES_STEP,
  SOURCES_STEP,
  START_STEP,
  startOptions,
  USER_STEP,
  userOption,
  WORKDIR_OPTION,
  WORKDIR_STEP,
} from '../common-steps';
import {
  type DockerfileLine,
  envLine,
  familyFor,
  line,
  packagesLine,
  present,
  closingLines,
  userLines,
} from '../dockerfile-writer';
import type { AppAnswers } from '../wizard-answers';
import type { IgnoreGroup, WizardOption, WizardProblem, WizardTemplate } from '../wizard-template';

/** A Python app run with pip. Defaults assume Debian (`-slim`); `alpine` uses apk and busybox adduser. */
export interface PythonAnswers extends AppAnswers {
  template: 'python';
  pythonVersion: string;
  variant: 'slim' | 'alpine' | 'full';
  systemPackages: string[];
  dependencies: 'requirements' | 'pyproject' | 'none';
  framework: 'flask' | 'fastapi' | 'none';
  /** The module holding the app: `app` for app.py, `main` for main.py. */
  appModule: string;
}

const VARIANT_DETAILS: Record<PythonAnswers['variant'], string> = {
  slim: 'Debian with just what Python needs, about 130 MB: the usual choice',
  alpine: 'Alpine Linux, about 60 MB; packages with C code often have to compile, because Alpine uses musl',
  full: 'Debian with compilers and libraries, about 1 GB: only when slim lacks something you need',
};

/** The official image for the answers: `python:3.12-slim`, `python:3.12-alpine`, `python:3.12`. */
export function pythonImage(answers: PythonAnswers): string {
  return answers.variant === 'full'
    ? `python:${answers.pythonVersion}`
    : `python:${answers.pythonVersion}-${answers.variant}`;
}

/** The start command the template suggests for the framework, module and port. */
export function suggestedPythonStart(answers: PythonAnswers): string {
  const { framework, appModule, port } = answers;
  if (framework === 'flask') return `flask --app ${appModule} run --host=0.0.0.0 --port=${port ?? 5000}`;
  if (framework === 'fastapi') return `uvicorn ${appModule}:app --host 0.0.0.0 --port ${port ?? 8000}`;
  return `python ${appModule}.py`;
}

/** The Dockerfile lines for a Python app. */
export function writePython(answers: PythonAnswers): DockerfileLine[] {
  const image = answers.baseImage ?? pythonImage(answers);
  const family = familyFor(answers.baseFamily, image);
  const user = userLines(family, answers.user);
  return present([
    line(`FROM ${image}`, `Start from Python ${answers.pythonVersion}: ${VARIANT_DETAILS[answers.variant]}`),
    envLine(
      [
        { name: 'PYTHONDONTWRITEBYTECODE', value: '1' },
        { name: 'PYTHONUNBUFFERED', value: '1' },
        ...answers.env,
      ],
      'No .pyc files in the image, and print() output reaches the logs at once',
    ),
    packagesLine(family, answers.systemPackages),
    user.create,
    line(`WORKDIR ${answers.workdir}`, 'Work in this folder from here on'),
    ...dependencyLines(answers),
    line('COPY . .', 'Copy the code last: it changes most often, so only the steps below rerun'),
    ...closingLines(answers, user, suggestedPythonStart(answers)),
  ]);
}

function dependencyLines(answers: PythonAnswers): DockerfileLine[] {
  if (answers.dependencies === 'requirements') {
    return [
      line(
        'COPY requirements.txt ./',
        'Copy only the dependency list first, so the install below stays cached',
      ),
      line(
        'RUN pip install --no-cache-dir -r requirements.txt',
        "Install the dependencies without keeping pip's cache",
      ),
    ];
  }
  if (answers.dependencies === 'pyproject') {
    // tomllib arrived in Python 3.11; older versions read the file with tomli.
    const [major = 0, minor = 0] = answers.pythonVersion.split('.').map(Number);
    const hasTomllib = major > 3 || (major === 3 && minor >= 11);
    const reader = hasTomllib ? 'import tomllib' : 'import tomli as tomllib';
    const extract =
      `python -c "${reader}; print('\\n'.join(tomllib.load(open('pyproject.toml', 'rb'))` +
      `.get('project', {}).get('dependencies', [])))" > /tmp/requirements.txt`;
    const commands = [
      ...(hasTomllib ? [] : ['pip install --no-cache-dir tomli']),
      extract,
      'pip install --no-cache-dir -r /tmp/requirements.txt',
    ];
    return [
      line('COPY pyproject.toml ./', 'Copy only pyproject.toml first, so the install below stays cached'),
      line(
        `RUN ${commands.join(' \\\n    && ')}`,
        "Read [project] dependencies from pyproject.toml and install them without pip's cache",
      ),
    ];
  }
  const framework = { flask: 'flask', fastapi: 'fastapi uvicorn', none: null }[answers.framework];
  return framework
    ? [
        line(
          `RUN pip install --no-cache-dir ${framework}`,
          'Install the web framework the start command needs',
        ),
      ]
    : [];
}

const PYTHON_IGNORE: IgnoreGroup = {
  comment: 'Python: virtual environments, caches and build output',
  patterns: [
    '.venv',
    'venv',
    '**/__pycache__',
    '**/*.py[cod]',
    '.pytest_cache',
    '.mypy_cache',
    '.ruff_cache',
    '.tox',
    '.coverage',
    'htmlcov',
    '*.egg-info',
    'build',
    'dist',
  ],
};

function checkPython(answers: PythonAnswers): WizardProblem[] {
  if (answers.appModule.endsWith('.py') || !/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(answers.appModule)) {
    return [{ field: 'appModule', message: 'Write a Python module name, such as app or main (no .py).' }];
  }
  return [];
}

const OPTIONS: readonly WizardOption<PythonAnswers>[] = [
  {
    key: 'pythonVersion',
    step: 'base',
    label: 'Python version',
    help: 'Use the version you develop with; the tag pins it, never "latest".',
    kind: 'choice',
    choices: ['3.13', '3.12', '3.11', '3.10'].map((value) => ({ value, label: `Python ${value}` })),
    examples: ['3.13', '3.12', '3.11', '3.10'],
  },
  {
    key: 'variant',
    step: 'base',
    label: 'Image variant',
    help: 'How much of an operating system comes with Python.',
    kind: 'choice',
    choices: (['slim', 'alpine', 'full'] as const).map((value) => ({
      value,
      label: value,
      detail: VARIANT_DETAILS[value],
    })),
    examples: ['slim', 'alpine', 'full'],
  },
  BASE_IMAGE_OPTION,
  envOption(),
  PACKAGES_OPTION,
  WORKDIR_OPTION,
  userOption(),
  {
    key: 'dependencies',
    step: 'dependencies',
    label: 'Dependencies from',
    help: 'Where your project lists the packages it needs.',
    kind: 'choice',
    choices: [
      { value: 'requirements', label: 'requirements.txt' },
      { value: 'pyproject', label: 'pyproject.toml', detail: 'the [project] dependencies list' },
      { value: 'none', label: 'None' },
    ],
    examples: ['requirements', 'pyproject', 'none'],
  },
  {
    key: 'framework',
    step: 'start',
    label: 'Web framework',
    help: 'Decides the suggested start command.',
    kind: 'choice',
    choices: [
      { value: 'flask', label: 'Flask', detail: 'flask run on 0.0.0.0' },
      { value: 'fastapi', label: 'FastAPI', detail: 'uvicorn on 0.0.0.0' },
      { value: 'none', label: 'None', detail: 'python <module>.py' },
    ],
    examples: ['flask', 'fastapi', 'none'],
  },
  {
    key: 'appModule',
    step: 'start',
    label: 'App module',
    help: 'The file that holds your app, without .py: app for app.py, main for main.py.',
    kind: 'text',
    examples: ['app'],
  },
  ...startOptions([8000, null], [null, 'gunicorn --bind 0.0.0.0:8000 app:app']),
];

/** The Python template. */
export const pythonTemplate: WizardTemplate<PythonAnswers> = {
  id: 'python',
  title: 'Python',
  summary: 'A Python app or API with pip: Flask, FastAPI or a plain script.',
  assumes: 'Debian for slim and full (apt, useradd), Alpine for alpine (apk, adduser).',
  steps: [
    {
      id: 'base',
      title: 'Base image',
      instructions: ['FROM'],
      explanation:
        'FROM picks the image you build on: here the official Python image, with the version pinned in the tag so a ' +
        'rebuild next year gives the same Python. "slim" (about 130 MB) is Debian with just what Python needs and is ' +
        'the usual choice; "alpine" (about 60 MB) is smaller but packages with C code often have to compile there, ' +
        'because Alpine uses a different C library (musl); the full image (about 1 GB) adds compilers and is rarely needed.',
    },
    {
      ...ENV_STEP,
      explanation:
        `${ENV_STEP.explanation} The template always sets PYTHONDONTWRITEBYTECODE=1 (no .pyc files in the image) and ` +
        'PYTHONUNBUFFERED=1 (print() output reaches `docker logs` at once).',
    },
    PACKAGES_STEP,
    USER_STEP,
    WORKDIR_STEP,
    {
      id: 'dependencies',
      title: 'Dependencies',
      instructions: ['COPY', 'RUN'],
      explanation:
        'Dependencies are installed before your code is copied, from the dependency list alone (requirements.txt or ' +
        'pyproject.toml). Docker caches each step and reuses it while its inputs are unchanged: as long as the list ' +
        'stays the same, the slow `pip install` is skipped on every rebuild, even when your code changed. ' +
        '--no-cache-dir stops pip from keeping a copy of every download in the image.',
    },
    SOURCES_STEP,
    EXPOSE_STEP,
    {
      ...START_STEP,
      explanation:
        `${START_STEP.explanation} Flask and FastAPI must listen on 0.0.0.0 inside a container: the suggested ` +
        'commands are `flask --app app run --host=0.0.0.0` and `uvicorn main:app --host 0.0.0.0`. For production ' +
        'traffic prefer a server such as gunicorn over the Flask development server.',
    },
  ],
  options: OPTIONS,
  write: writePython,
  ignore: () => [PYTHON_IGNORE],
  cautions: () => [],
  check: checkPython,
  suggestedStart: suggestedPythonStart,
  finalBaseImage: (answers) => answers.baseImage ?? pythonImage(answers),
  defaults: {
    template: 'python',
    ...appDefaults(8000),
    pythonVersion: '3.12',
    variant: 'slim',
    systemPackages: [],
    dependencies: 'requirements',
    framework: 'none',
    appModule: 'app',
  },
};
