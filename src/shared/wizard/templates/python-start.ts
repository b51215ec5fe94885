/**
 * How a Python app starts: the command the template suggests for each framework, and which
 * distributions the image must have for a start command's program to exist.
 */
import type { PythonAnswers } from './python-template';
import { baseName, extrasOf, requirementName } from './python-requirement-name';

/** The port each framework listens on unless told otherwise. */
export const FRAMEWORK_PORTS: Record<PythonAnswers['framework'], number | null> = {
  flask: 5000,
  fastapi: 8000,
  django: 8000,
  streamlit: 8501,
  none: null,
};

/** What the template installs itself when the project declares nothing, so the start command exists. */
export const FRAMEWORK_PACKAGES: Record<PythonAnswers['framework'], string[]> = {
  flask: ['flask'],
  fastapi: ['fastapi', 'uvicorn'],
  django: ['django'],
  streamlit: ['streamlit'],
  none: [],
};

/** The distributions the image will have, as far as the answers tell; null when unknown. */
export function installedDistributions(answers: PythonAnswers): string[] | null {
  switch (answers.dependencies) {
    case 'none':
      return FRAMEWORK_PACKAGES[answers.framework];
    case 'pyproject':
      return answers.projectRequirements.map(requirementName).filter((name): name is string => name !== null);
    default:
      return answers.declared;
  }
}

/** Whether `name` (optionally with one of `extras`) is among `declared`. */
export function declares(
  declared: readonly string[] | null,
  name: string,
  extras?: readonly string[],
): boolean {
  return (declared ?? []).some(
    (entry) =>
      baseName(entry) === name && (!extras || extrasOf(entry).some((extra) => extras.includes(extra))),
  );
}

/** The file the module lives in, for programs that take a path (`streamlit run`). */
export function moduleFile(answers: PythonAnswers): string {
  const file = `${answers.appModule.replace(/\./g, '/')}.py`;
  return answers.sourceDir ? `${answers.sourceDir}/${file}` : file;
}

/** The start command the template suggests for the framework, module, port and declared servers. */
export function suggestedPythonStart(answers: PythonAnswers): string {
  const { framework, appModule } = answers;
  const port = answers.port ?? FRAMEWORK_PORTS[framework] ?? 8000;
  const gunicorn = declares(installedDistributions(answers), 'gunicorn');
  switch (framework) {
    case 'flask':
      return gunicorn
        ? `gunicorn --bind 0.0.0.0:${port} ${appModule}:app`
        : `flask --app ${appModule} run --host=0.0.0.0 --port=${port}`;
    case 'fastapi':
      return `uvicorn ${appModule}:app --host 0.0.0.0 --port ${port}`;
    case 'django':
      return gunicorn
        ? `gunicorn --bind 0.0.0.0:${port} ${appModule}`
        : `python manage.py runserver 0.0.0.0:${port}`;
    case 'streamlit':
      return `streamlit run ${moduleFile(answers)} --server.address=0.0.0.0 --server.port=${port}`;
    case 'none':
      if (appModule.endsWith('.__main__')) return `python -m ${appModule.slice(0, -'.__main__'.length)}`;
      return appModule.includes('.') || answers.sourceDir
        ? `python -m ${appModule}`
        : `python ${appModule}.py`;
  }
}

/**
 * The distributions that provide a program, any one is enough: `uvicorn` comes with `uvicorn`
 * itself or with `fastapi[standard]` (plain `fastapi` does not bring it).
 */
const PROGRAM_PROVIDERS: Record<string, { name: string; extras?: string[] }[]> = {
  uvicorn: [
    { name: 'uvicorn' },
    { name: 'fastapi', extras: ['standard', 'all'] },
    { name: 'fastapi-cli', extras: ['standard'] },
  ],
  fastapi: [{ name: 'fastapi', extras: ['standard', 'all'] }, { name: 'fastapi-cli' }],
  gunicorn: [{ name: 'gunicorn' }],
  flask: [{ name: 'flask' }],
  streamlit: [{ name: 'streamlit' }],
  'django-admin': [{ name: 'django' }],
  'waitress-serve': [{ name: 'waitress' }],
};

/** Programs every Python image has. */
const IMAGE_PROGRAMS = /^(python(\d+(\.\d+)*)?|pip(\d+(\.\d+)*)?|sh|bash|env)$/;

/** What a start command needs: its program, or for `python -m x` / `python manage.py` the module's distribution. */
export interface StartNeed {
  /** The word the user sees (`uvicorn`, `python -m gunicorn`, `python manage.py`). */
  program: string;
  /** Distributions that provide it (any one), or null when the wizard cannot tell. */
  providers: { name: string; extras?: string[] }[] | null;
}

/** What the start command's first word needs from the image; null when the base image has it. */
export function startNeed(words: readonly string[], answers: PythonAnswers): StartNeed | null {
  const [program = '', ...rest] = words;
  const name = program.split('/').at(-1) ?? program;
  if (IMAGE_PROGRAMS.test(name)) {
    if (!name.startsWith('python')) return null;
    if (rest[0] === '-m' && rest[1] && PROGRAM_PROVIDERS[rest[1]]) {
      return { program: `python -m ${rest[1]}`, providers: PROGRAM_PROVIDERS[rest[1]]! };
    }
    if (rest[0] === 'manage.py' || rest[0]?.endsWith('/manage.py')) {
      return { program: 'python manage.py', providers: [{ name: 'django' }] };
    }
    return null;
  }
  if (MANAGER_PROGRAMS[answers.dependencies] === name) return null;
  const known = PROGRAM_PROVIDERS[name];
  if (known) return { program: name, providers: known };
  // A console script of a declared distribution usually shares its name (hypercorn, daphne, celery).
  return { program, providers: declares(installedDistributions(answers), name) ? [{ name }] : null };
}

/** The program each manager adds to the image. */
const MANAGER_PROGRAMS: Partial<Record<PythonAnswers['dependencies'], string>> = {
  poetry: 'poetry',
  uv: 'uv',
  pipenv: 'pipenv',
  pdm: 'pdm',
};

/** Whether any of the providers is installed. */
export function provided(need: StartNeed, installed: readonly string[]): boolean {
  return (need.providers ?? []).some((provider) => declares(installed, provider.name, provider.extras));
}
