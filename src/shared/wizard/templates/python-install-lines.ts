/**
 * The Dockerfile lines that install a Python project's dependencies with the tool the project
 * uses: pip from requirements files, Poetry, uv, Pipenv, PDM, or the specs pyproject.toml /
 * setup.py declare. Each installs only the dependency files first, so the layer stays cached
 * while they are unchanged.
 */
import { type DockerfileLine, line, runText } from '../dockerfile-writer';
import type { PythonAnswers } from './python-template';
import { FRAMEWORK_PACKAGES } from './python-start';

/** The versions the template installs when the project does not say which (checked on PyPI, 2025). */
export const MANAGER_PINS = { poetry: '2.1.3', uv: '0.8.22', pipenv: '2024.4.0', pdm: '2.26.0' } as const;

/** The tools the template installs, by the dependencies answer. */
export type PythonManager = keyof typeof MANAGER_PINS;

/** The manifest and lock file each manager reads. */
export const MANAGER_FILES: Record<PythonManager, { manifest: string; lock: string }> = {
  poetry: { manifest: 'pyproject.toml', lock: 'poetry.lock' },
  uv: { manifest: 'pyproject.toml', lock: 'uv.lock' },
  pipenv: { manifest: 'Pipfile', lock: 'Pipfile.lock' },
  pdm: { manifest: 'pyproject.toml', lock: 'pdm.lock' },
};

/** The manager's version to install: the answer's, else the template's pin. */
export function managerVersion(answers: PythonAnswers, manager: PythonManager): string {
  return answers.managerVersion ?? MANAGER_PINS[manager];
}

/** Whether the project has `file`; assumed when the answers do not list the project's files. */
export function hasProjectFile(answers: PythonAnswers, file: string): boolean {
  return answers.projectFiles === null || answers.projectFiles.includes(file);
}

/** The install lines, placed after WORKDIR and before the code is copied. */
export function dependencyLines(answers: PythonAnswers): DockerfileLine[] {
  switch (answers.dependencies) {
    case 'requirements':
      return requirementsLines(answers.requirementsFiles);
    case 'poetry':
      return poetryLines(answers);
    case 'uv':
      return uvLines(answers);
    case 'pipenv':
      return pipenvLines(answers);
    case 'pdm':
      return pdmLines(answers);
    case 'pyproject':
      return answers.projectRequirements.length === 0
        ? []
        : [
            line(
              `RUN pip install --no-cache-dir ${answers.projectRequirements.map(shellWord).join(' ')}`,
              'Install the dependencies pyproject.toml (or setup.py) declared when the wizard ran; ' +
                'rerun the wizard when they change',
            ),
          ];
    case 'none': {
      const packages = FRAMEWORK_PACKAGES[answers.framework];
      return packages.length === 0
        ? []
        : [
            line(
              `RUN pip install --no-cache-dir ${packages.join(' ')}`,
              'Install the web framework the start command needs (the project lists no dependencies)',
            ),
          ];
    }
  }
}

/** One COPY per folder: COPY flattens the sources into its target, so included files keep their folder. */
function requirementsLines(files: readonly string[]): DockerfileLine[] {
  const list = files.length > 0 ? files : ['requirements.txt'];
  const byFolder = new Map<string, string[]>();
  for (const file of list) {
    const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : './';
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  const copies = [...byFolder].map(([folder, sources], index) =>
    line(
      `COPY ${sources.join(' ')} ${folder}`,
      index === 0
        ? 'Copy only the dependency lists first, so the install below stays cached'
        : 'The files it includes, in their own folder',
    ),
  );
  return [
    ...copies,
    line(
      `RUN pip install --no-cache-dir -r ${list[0]}`,
      "Install the dependencies without keeping pip's cache",
    ),
  ];
}

/** The COPY of a manager's manifest and (when the project has it) its lock file. */
function copyManifest(answers: PythonAnswers, manager: PythonManager): DockerfileLine {
  const { manifest, lock } = MANAGER_FILES[manager];
  const sources = hasProjectFile(answers, lock) ? `${manifest} ${lock}` : manifest;
  return line(
    `COPY ${sources} ./`,
    'Copy only the dependency files first, so the install below stays cached',
  );
}

function installManager(answers: PythonAnswers, manager: PythonManager): DockerfileLine {
  const version = managerVersion(answers, manager);
  return line(
    `RUN pip install --no-cache-dir ${manager}==${version}`,
    `Install ${MANAGER_TITLES[manager]} ${version}, pinned so every build uses the same one`,
  );
}

const MANAGER_TITLES: Record<PythonManager, string> = {
  poetry: 'Poetry',
  uv: 'uv',
  pipenv: 'Pipenv',
  pdm: 'PDM',
};

function poetryLines(answers: PythonAnswers): DockerfileLine[] {
  const [major = 0, minor = 0] = managerVersion(answers, 'poetry').split('.').map(Number);
  // `--only main` arrived in Poetry 1.2; older releases know only `--no-dev`.
  const mainOnly = major > 1 || (major === 1 && minor >= 2) ? '--only main' : '--no-dev';
  return [
    installManager(answers, 'poetry'),
    copyManifest(answers, 'poetry'),
    line(
      runText([
        'poetry config virtualenvs.create false',
        `poetry install ${mainOnly} --no-root --no-interaction --no-ansi`,
        'rm -rf /root/.cache/pypoetry',
      ]),
      "Install the main dependencies into the image's Python (no virtualenv needed in a container), then drop Poetry's cache",
    ),
  ];
}

function uvLines(answers: PythonAnswers): DockerfileLine[] {
  const frozen = hasProjectFile(answers, 'uv.lock') ? '--frozen ' : '';
  return [
    installManager(answers, 'uv'),
    copyManifest(answers, 'uv'),
    line(
      `RUN UV_PYTHON_DOWNLOADS=never uv sync ${frozen}--no-dev --no-install-project --no-cache`,
      "Install the locked dependencies into .venv with the image's own Python, without the dev group",
    ),
    line(
      `ENV PATH="${answers.workdir.replace(/\/$/, '')}/.venv/bin:$PATH"`,
      'Put the virtualenv first on PATH, so python and its programs come from it',
    ),
  ];
}

function pipenvLines(answers: PythonAnswers): DockerfileLine[] {
  const install = hasProjectFile(answers, 'Pipfile.lock')
    ? 'pipenv install --system --deploy'
    : 'pipenv install --system --skip-lock';
  return [
    installManager(answers, 'pipenv'),
    copyManifest(answers, 'pipenv'),
    line(
      runText([install, 'rm -rf /root/.cache']),
      "Install the Pipfile's packages into the image's Python (--deploy stops when Pipfile.lock is out of date)",
    ),
  ];
}

function pdmLines(answers: PythonAnswers): DockerfileLine[] {
  return [
    installManager(answers, 'pdm'),
    copyManifest(answers, 'pdm'),
    line(
      runText([
        'PDM_CHECK_UPDATE=false pdm export --prod --without-hashes -o /tmp/requirements.txt',
        'pip install --no-cache-dir -r /tmp/requirements.txt',
        'rm /tmp/requirements.txt',
      ]),
      "Export the locked production dependencies and install them with pip into the image's Python",
    ),
  ];
}

/** A requirement spec as one shell word: `>`, `<`, `[` and `;` would mean something to the shell. */
function shellWord(spec: string): string {
  if (/^[A-Za-z0-9._=+-]+$/.test(spec)) return spec;
  return spec.includes("'") ? `"${spec.replace(/["\\$`]/g, '\\$&')}"` : `'${spec}'`;
}
