/**
 * Python: the dependencies the project declares (pip requirements, Poetry, uv, Pipenv, PDM or the
 * specs of pyproject.toml / setup.py) installed before the code is copied, Flask, FastAPI, Django
 * or Streamlit started on 0.0.0.0. Defaults assume the Debian-based `-slim` image.
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
import type {
  IgnoreGroup,
  WizardChoice,
  WizardOption,
  WizardProblem,
  WizardTemplate,
} from '../wizard-template';
import { pythonCautions } from './python-cautions';
import { dependencyLines } from './python-install-lines';
import { suggestedPythonStart } from './python-start';

export { suggestedPythonStart } from './python-start';

/** Where the dependencies come from, and so which tool installs them. */
export type PythonDependencies = 'requirements' | 'poetry' | 'uv' | 'pipenv' | 'pdm' | 'pyproject' | 'none';

/** The web framework, which decides the suggested start command and port. */
export type PythonFramework = 'flask' | 'fastapi' | 'django' | 'streamlit' | 'none';

/** A Python app. Defaults assume Debian (`-slim`); `alpine` uses apk and busybox adduser. */
export interface PythonAnswers extends AppAnswers {
  template: 'python';
  /** The image tag's version: a minor line (`3.12`) or an exact release (`3.12.4`). */
  pythonVersion: string;
  variant: 'slim' | 'alpine' | 'full';
  systemPackages: string[];
  dependencies: PythonDependencies;
  /** For `requirements`: the file pip installs from first, then the files it includes (`-r base.txt`). */
  requirementsFiles: string[];
  /** For `pyproject`: the requirement specs pyproject.toml or setup.py declares, installed with pip. */
  projectRequirements: string[];
  /** The Poetry, uv, Pipenv or PDM version to install (from poetry.lock's header); null for the template's pin. */
  managerVersion: string | null;
  /** The dependency files the project has (`pyproject.toml`, `poetry.lock`…); null when unknown (typed by hand). */
  projectFiles: string[] | null;
  /**
   * The distributions the dependency files declare for production, as pip names them with their
   * extras (`fastapi[standard]`, `gunicorn`); null when unknown. Cautions check the start program against it.
   */
  declared: string[] | null;
  framework: PythonFramework;
  /** The module holding the app: `app` for app.py, `app.main` for app/main.py, `mysite.wsgi` for Django. */
  appModule: string;
  /** The folder modules are imported from (`src` for a src layout), '' for the project folder itself. */
  sourceDir: string;
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

/** The Dockerfile lines for a Python app. */
export function writePython(answers: PythonAnswers): DockerfileLine[] {
  const image = answers.baseImage ?? pythonImage(answers);
  const family = familyFor(answers.baseFamily, image);
  const user = userLines(family, answers.user);
  const sourcePath = answers.sourceDir
    ? [{ name: 'PYTHONPATH', value: `${answers.workdir.replace(/\/$/, '')}/${answers.sourceDir}` }]
    : [];
  return present([
    line(`FROM ${image}`, `Start from Python ${answers.pythonVersion}: ${VARIANT_DETAILS[answers.variant]}`),
    envLine(
      [
        { name: 'PYTHONDONTWRITEBYTECODE', value: '1' },
        { name: 'PYTHONUNBUFFERED', value: '1' },
        ...sourcePath,
        ...answers.env,
      ],
      answers.sourceDir
        ? `No .pyc files in the image, print() output reaches the logs at once, and modules are found in ${answers.sourceDir}/`
        : 'No .pyc files in the image, and print() output reaches the logs at once',
    ),
    packagesLine(family, answers.systemPackages),
    user.create,
    line(`WORKDIR ${answers.workdir}`, 'Work in this folder from here on'),
    ...dependencyLines(answers),
    line('COPY . .', 'Copy the code last: it changes most often, so only the steps below rerun'),
    ...closingLines(answers, user, suggestedPythonStart(answers)),
  ]);
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
  const problems: WizardProblem[] = [];
  if (!/^3\.\d{1,2}(\.\d{1,2})?$/.test(answers.pythonVersion)) {
    problems.push({ field: 'pythonVersion', message: 'Write a Python version such as 3.12 or 3.12.4.' });
  }
  if (answers.appModule.endsWith('.py') || !/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(answers.appModule)) {
    problems.push({
      field: 'appModule',
      message: 'Write a Python module name, such as app or main (no .py).',
    });
  }
  if (
    answers.sourceDir !== '' &&
    !/^(?!\.\.?(\/|$))[\w.-]+(\/(?!\.\.?(\/|$))[\w.-]+)*$/.test(answers.sourceDir)
  ) {
    problems.push({
      field: 'sourceDir',
      message: 'Write a folder inside the project, such as src, or leave it empty.',
    });
  }
  if (answers.dependencies === 'requirements' && answers.requirementsFiles.length === 0) {
    problems.push({
      field: 'requirementsFiles',
      message: 'Name the requirements file to install, such as requirements.txt.',
    });
  }
  if (answers.managerVersion !== null && !/^\d+(\.\d+)*$/.test(answers.managerVersion)) {
    problems.push({ field: 'managerVersion', message: 'Write a version such as 1.8.3, or leave it empty.' });
  }
  return problems;
}

const DEPENDENCY_CHOICES: readonly WizardChoice<PythonDependencies>[] = [
  {
    value: 'requirements',
    label: 'requirements.txt',
    detail: '`pip install -r` the file and the files it includes',
  },
  {
    value: 'poetry',
    label: 'Poetry',
    detail: '`poetry install --only main` from pyproject.toml and poetry.lock',
  },
  {
    value: 'uv',
    label: 'uv',
    detail: '`uv sync --frozen --no-dev` from pyproject.toml and uv.lock into .venv',
  },
  {
    value: 'pipenv',
    label: 'Pipenv',
    detail: '`pipenv install --system --deploy` from Pipfile and Pipfile.lock',
  },
  { value: 'pdm', label: 'PDM', detail: '`pdm export` of pdm.lock, installed with pip' },
  {
    value: 'pyproject',
    label: 'pyproject.toml or setup.py (pip)',
    detail: 'the requirement specs listed below, installed with pip',
  },
  { value: 'none', label: 'None', detail: 'only the framework the start command needs, newest version' },
];

const FRAMEWORK_CHOICES: readonly WizardChoice<PythonFramework>[] = [
  { value: 'flask', label: 'Flask', detail: 'gunicorn when declared, else `flask run`, port 5000' },
  { value: 'fastapi', label: 'FastAPI', detail: 'uvicorn on 0.0.0.0, port 8000' },
  {
    value: 'django',
    label: 'Django',
    detail: 'gunicorn <project>.wsgi when declared, else runserver, port 8000',
  },
  { value: 'streamlit', label: 'Streamlit', detail: 'streamlit run, port 8501' },
  { value: 'none', label: 'None', detail: 'python <module>.py' },
];

const OPTIONS: readonly WizardOption<PythonAnswers>[] = [
  {
    key: 'pythonVersion',
    step: 'base',
    label: 'Python version',
    help: 'The version you develop with: a line such as 3.12 follows its bug fixes, an exact 3.12.4 never moves. Never "latest".',
    kind: 'text',
    examples: ['3.13', '3.12', '3.11', '3.10', '3.12.4'],
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
    help: 'Where your project lists the packages it needs, and so which tool installs them.',
    kind: 'choice',
    choices: DEPENDENCY_CHOICES,
    examples: DEPENDENCY_CHOICES.map((choice) => choice.value),
  },
  {
    key: 'requirementsFiles',
    step: 'dependencies',
    label: 'Requirements files',
    help: 'For requirements.txt: the file pip installs first, then the files it includes with -r or -c.',
    kind: 'list',
    examples: [['requirements.txt'], ['requirements/prod.txt', 'requirements/base.txt']],
  },
  {
    key: 'projectRequirements',
    step: 'dependencies',
    label: 'Packages from pyproject.toml or setup.py',
    help: 'For pyproject.toml or setup.py: the requirement specs pip installs, as the project lists them.',
    kind: 'list',
    examples: [[], ['flask>=3.0', 'gunicorn==22.0.0', 'fastapi[standard]>=0.110']],
  },
  {
    key: 'managerVersion',
    step: 'dependencies',
    label: 'Tool version',
    help: 'The Poetry, uv, Pipenv or PDM version to install. Leave empty for the one the wizard pins.',
    kind: 'text',
    examples: [null, '1.8.3'],
  },
  {
    key: 'framework',
    step: 'start',
    label: 'Web framework',
    help: 'Decides the suggested start command and port.',
    kind: 'choice',
    choices: FRAMEWORK_CHOICES,
    examples: FRAMEWORK_CHOICES.map((choice) => choice.value),
  },
  {
    key: 'appModule',
    step: 'start',
    label: 'App module',
    help: 'The module that holds your app, without .py: app for app.py, app.main for app/main.py, mysite.wsgi for Django.',
    kind: 'text',
    examples: ['app', 'app.main'],
  },
  {
    key: 'sourceDir',
    step: 'start',
    label: 'Source folder',
    help: 'The folder your packages live in when it is not the project folder itself (src for a src layout).',
    kind: 'text',
    examples: ['', 'src'],
  },
  ...startOptions([8000, null], [null, 'gunicorn --bind 0.0.0.0:8000 app:app']),
];

/** The Python template. */
export const pythonTemplate: WizardTemplate<PythonAnswers> = {
  id: 'python',
  title: 'Python',
  summary:
    'A Python app or API: pip, Poetry, uv, Pipenv or PDM; Flask, FastAPI, Django, Streamlit or a plain script.',
  assumes: 'Debian for slim and full (apt, useradd), Alpine for alpine (apk, adduser).',
  steps: [
    {
      id: 'base',
      title: 'Base image',
      instructions: ['FROM'],
      explanation:
        'FROM picks the image you build on: here the official Python image, with the version pinned in the tag so a ' +
        'rebuild next year gives the same Python. `python:3.12-slim` follows the 3.12 bug fixes; an exact tag such as ' +
        '`python:3.12.4-slim` never moves. "slim" (about 130 MB) is Debian with just what Python needs and is ' +
        'the usual choice; "alpine" (about 60 MB) is smaller but packages with C code often have to compile there, ' +
        'because Alpine uses a different C library (musl); the full image (about 1 GB) adds compilers and is rarely needed.',
    },
    {
      ...ENV_STEP,
      explanation:
        `${ENV_STEP.explanation} The template always sets PYTHONDONTWRITEBYTECODE=1 (no .pyc files in the image) and ` +
        'PYTHONUNBUFFERED=1 (print() output reaches `docker logs` at once); with a src layout PYTHONPATH points at the ' +
        'source folder so your packages can be imported.',
    },
    PACKAGES_STEP,
    USER_STEP,
    WORKDIR_STEP,
    {
      id: 'dependencies',
      title: 'Dependencies',
      instructions: ['COPY', 'RUN'],
      explanation:
        'Dependencies are installed before your code is copied, from the dependency files alone, with the tool your ' +
        'project uses: `pip install -r requirements.txt`; Poetry (`poetry install --only main`, the version from ' +
        'poetry.lock); uv (`uv sync --frozen --no-dev` into .venv, put on PATH); Pipenv (`pipenv install --system ' +
        '--deploy`); PDM (`pdm export` of pdm.lock, installed with pip). Docker caches each step and reuses it while ' +
        'its inputs are unchanged: as long as these files stay the same, the slow install is skipped on every ' +
        'rebuild, even when your code changed. The tools themselves are pinned, and caches are not kept in the image.',
    },
    SOURCES_STEP,
    {
      ...EXPOSE_STEP,
      explanation:
        `${EXPOSE_STEP.explanation} The suggested port is the framework's own default: Flask 5000, FastAPI and ` +
        'Django 8000, Streamlit 8501; a script that serves nothing needs none.',
    },
    {
      ...START_STEP,
      explanation:
        `${START_STEP.explanation} A web app must listen on 0.0.0.0 inside a container, so the suggestions say so: ` +
        '`gunicorn --bind 0.0.0.0:5000 app:app` (or `flask --app app run --host=0.0.0.0` when gunicorn is not ' +
        'declared), `uvicorn main:app --host 0.0.0.0`, `gunicorn mysite.wsgi` for Django, `streamlit run app.py ' +
        '--server.address=0.0.0.0`. The program must come from your dependencies: plain `fastapi` does not bring ' +
        'uvicorn, `fastapi[standard]` does. The wizard warns when it cannot find it.',
    },
  ],
  options: OPTIONS,
  write: writePython,
  ignore: () => [PYTHON_IGNORE],
  cautions: pythonCautions,
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
    requirementsFiles: ['requirements.txt'],
    projectRequirements: [],
    managerVersion: null,
    projectFiles: null,
    declared: null,
    framework: 'none',
    appModule: 'app',
    sourceDir: '',
  },
};
