import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../../../../../src/shared/dockerfile/lint/lint-dockerfile';
import { generateDockerfile } from '../../../../../src/shared/wizard/generate-dockerfile';
import { MANAGER_PINS } from '../../../../../src/shared/wizard/templates/python-install-lines';
import {
  pythonTemplate,
  type PythonAnswers,
} from '../../../../../src/shared/wizard/templates/python-template';
import { suggestedPythonStart } from '../../../../../src/shared/wizard/templates/python-start';

const answers = (changes: Partial<PythonAnswers>): PythonAnswers => ({
  ...structuredClone(pythonTemplate.defaults),
  ...changes,
});
const cautions = (changes: Partial<PythonAnswers>): string[] =>
  pythonTemplate.cautions(answers(changes)).map((caution) => caution.message);
const instructions = (text: string): string[] => text.split('\n').filter((line) => line !== '');

describe('the Python template: dependency step per manager', () => {
  it('copies a requirements file with its includes, each in its own folder, then pip installs the first', () => {
    const text = generateDockerfile(
      answers({ requirementsFiles: ['requirements/prod.txt', 'requirements/base.txt', 'constraints.txt'] }),
    );
    expect(instructions(text)).toEqual(
      expect.arrayContaining([
        'COPY requirements/prod.txt requirements/base.txt requirements/',
        'COPY constraints.txt ./',
        'RUN pip install --no-cache-dir -r requirements/prod.txt',
      ]),
    );
  });

  it('installs the Poetry version the lock names, into the image Python, main group only', () => {
    const text = generateDockerfile(answers({ dependencies: 'poetry', managerVersion: '1.8.3' }));
    expect(text).toContain(
      'RUN pip install --no-cache-dir poetry==1.8.3\nCOPY pyproject.toml poetry.lock ./\n',
    );
    expect(text).toContain(
      'RUN poetry config virtualenvs.create false \\\n    && poetry install --only main --no-root --no-interaction --no-ansi',
    );
  });

  it('uses --no-dev with a Poetry older than 1.2, and its own pin when none is known', () => {
    expect(generateDockerfile(answers({ dependencies: 'poetry', managerVersion: '1.1.15' }))).toContain(
      'poetry install --no-dev --no-root',
    );
    expect(generateDockerfile(answers({ dependencies: 'poetry' }))).toContain(
      `poetry==${MANAGER_PINS.poetry}`,
    );
  });

  it('syncs uv into .venv from the frozen lock and puts it on PATH; without uv.lock it resolves', () => {
    const text = generateDockerfile(answers({ dependencies: 'uv' }));
    expect(text).toContain(
      `RUN pip install --no-cache-dir uv==${MANAGER_PINS.uv}\nCOPY pyproject.toml uv.lock ./`,
    );
    expect(text).toContain('uv sync --frozen --no-dev --no-install-project --no-cache');
    expect(text).toContain('ENV PATH="/app/.venv/bin:$PATH"');
    const unlocked = generateDockerfile(answers({ dependencies: 'uv', projectFiles: ['pyproject.toml'] }));
    expect(unlocked).toContain('COPY pyproject.toml ./');
    expect(unlocked).toContain('uv sync --no-dev');
  });

  it('installs with Pipenv into the system Python, --deploy only with a Pipfile.lock', () => {
    expect(generateDockerfile(answers({ dependencies: 'pipenv' }))).toContain(
      'COPY Pipfile Pipfile.lock ./\nRUN pipenv install --system --deploy',
    );
    expect(generateDockerfile(answers({ dependencies: 'pipenv', projectFiles: ['Pipfile'] }))).toContain(
      'COPY Pipfile ./\nRUN pipenv install --system --skip-lock',
    );
  });

  it('exports the PDM lock and installs it with pip', () => {
    const text = generateDockerfile(answers({ dependencies: 'pdm' }));
    expect(text).toContain('COPY pyproject.toml pdm.lock ./');
    expect(text).toContain('pdm export --prod --without-hashes -o /tmp/requirements.txt');
    expect(text).toContain('pip install --no-cache-dir -r /tmp/requirements.txt');
  });

  it('installs nothing from pyproject when it declares nothing, and only the framework with no dependency list', () => {
    expect(generateDockerfile(answers({ dependencies: 'pyproject' }))).not.toContain('pip install');
    expect(generateDockerfile(answers({ dependencies: 'none', framework: 'fastapi' }))).toContain(
      'RUN pip install --no-cache-dir fastapi uvicorn',
    );
  });

  it('adds the source folder to PYTHONPATH for a src layout', () => {
    expect(generateDockerfile(answers({ sourceDir: 'src' }))).toContain('PYTHONPATH=/app/src');
  });

  it.each(['requirements', 'poetry', 'uv', 'pipenv', 'pdm', 'pyproject', 'none'] as const)(
    'lints %s clean on slim and alpine, with an exact Python pin',
    (dependencies) => {
      for (const variant of ['slim', 'alpine'] as const) {
        const text = generateDockerfile(
          answers({
            dependencies,
            variant,
            pythonVersion: '3.12.4',
            framework: 'flask',
            projectRequirements: ['flask>=3', 'gunicorn'],
          }),
        );
        expect(text).toContain(`FROM python:3.12.4-${variant}`);
        const findings = lintDockerfile(text).filter((finding) => finding.severity !== 'info');
        expect(findings.map((finding) => `${finding.ruleId} ${finding.message}`)).toEqual([]);
      }
    },
  );
});

describe('the Python template: start command', () => {
  it.each<[Partial<PythonAnswers>, string]>([
    [{ framework: 'flask', port: 5000 }, 'flask --app app run --host=0.0.0.0 --port=5000'],
    [
      { framework: 'flask', port: 5000, declared: ['flask', 'gunicorn'] },
      'gunicorn --bind 0.0.0.0:5000 app:app',
    ],
    [{ framework: 'fastapi', appModule: 'app.main' }, 'uvicorn app.main:app --host 0.0.0.0 --port 8000'],
    [{ framework: 'django', appModule: 'mysite.wsgi' }, 'python manage.py runserver 0.0.0.0:8000'],
    [
      { framework: 'django', appModule: 'mysite.wsgi', declared: ['django', 'gunicorn'] },
      'gunicorn --bind 0.0.0.0:8000 mysite.wsgi',
    ],
    [
      { framework: 'streamlit', appModule: 'dash.home', sourceDir: 'src', port: 8501 },
      'streamlit run src/dash/home.py --server.address=0.0.0.0 --server.port=8501',
    ],
    [{ appModule: 'bot' }, 'python bot.py'],
    [{ appModule: 'tool.__main__', sourceDir: 'src' }, 'python -m tool'],
    [{ appModule: 'tool.cli' }, 'python -m tool.cli'],
  ])('suggests for %j: %s', (changes, command) => {
    expect(suggestedPythonStart(answers(changes))).toBe(command);
  });
});

describe('the Python template: cautions', () => {
  it('names uvicorn when a Poetry FastAPI project does not declare it (the issue’s case)', () => {
    const messages = cautions({
      dependencies: 'poetry',
      framework: 'fastapi',
      projectFiles: ['pyproject.toml', 'poetry.lock'],
      declared: ['fastapi', 'pydantic'],
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('`uvicorn` is not among the dependencies pyproject.toml declares');
    expect(messages[0]).toContain('`fastapi[standard]`');
  });

  it('accepts uvicorn from fastapi[standard] but not from plain fastapi', () => {
    const base: Partial<PythonAnswers> = {
      dependencies: 'uv',
      framework: 'fastapi',
      projectFiles: ['pyproject.toml', 'uv.lock'],
    };
    expect(cautions({ ...base, declared: ['fastapi[standard]'] })).toEqual([]);
    expect(cautions({ ...base, declared: ['fastapi', 'uvicorn[standard]'] })).toEqual([]);
    expect(cautions({ ...base, declared: ['fastapi'] }).join('\n')).toContain('`uvicorn`');
  });

  it('checks a typed start command too, including python -m', () => {
    const known: Partial<PythonAnswers> = {
      framework: 'flask',
      declared: ['flask'],
      projectFiles: ['requirements.txt'],
    };
    expect(cautions({ ...known, startCommand: 'gunicorn -b 0.0.0.0:8000 app:app' }).join('\n')).toContain(
      '`gunicorn` is not among the dependencies requirements.txt declares',
    );
    expect(cautions({ ...known, startCommand: 'python -m gunicorn app:app' }).join('\n')).toContain(
      '`python -m gunicorn`',
    );
    expect(cautions({ ...known, startCommand: 'python app.py' })).toEqual([]);
    expect(cautions({ ...known, startCommand: './serve.sh' }).join('\n')).toContain(
      'cannot tell whether `./serve.sh`',
    );
  });

  it('asks to check the dependency list when the answers do not know what it declares', () => {
    expect(cautions({ framework: 'flask' }).join('\n')).toContain(
      'could not read which packages requirements.txt declares: make sure it lists `flask`',
    );
    expect(cautions({ framework: 'none' })).toEqual([]);
  });

  it('says the framework itself is missing when only its server is declared', () => {
    expect(
      cautions({ framework: 'flask', declared: ['gunicorn'], projectFiles: ['requirements.txt'] }).join('\n'),
    ).toContain(
      "`flask` is not among the dependencies requirements.txt declares: the app's `import flask` fails",
    );
  });

  it('warns about Django runserver, and not once gunicorn is declared', () => {
    const django: Partial<PythonAnswers> = {
      framework: 'django',
      appModule: 'shop.wsgi',
      projectFiles: ['requirements.txt'],
    };
    expect(cautions({ ...django, declared: ['django'] }).join('\n')).toContain('development server');
    expect(cautions({ ...django, declared: ['django', 'gunicorn'] })).toEqual([]);
  });

  it('warns when the chosen manager’s files are missing from the project', () => {
    expect(
      cautions({ dependencies: 'poetry', projectFiles: ['requirements.txt'], declared: [] }).join('\n'),
    ).toContain('The project has no pyproject.toml');
    expect(
      cautions({ dependencies: 'poetry', projectFiles: ['pyproject.toml'], declared: [] }).join('\n'),
    ).toContain('The project has no poetry.lock');
    expect(
      cautions({ dependencies: 'pipenv', projectFiles: ['Pipfile'], declared: [] }).join('\n'),
    ).toContain('`pipenv lock`');
    expect(
      cautions({
        requirementsFiles: ['requirements.txt'],
        projectFiles: ['pyproject.toml'],
        declared: [],
      })[0],
    ).toContain('The project has no requirements.txt');
  });

  it('warns that no dependency list means the newest framework, unpinned', () => {
    expect(cautions({ dependencies: 'none', framework: 'streamlit', port: 8501 })).toEqual([
      expect.stringContaining('installs the newest `streamlit` on every build'),
    ]);
  });

  it('reads the names pip installs for pyproject from the specs themselves', () => {
    const pyproject: Partial<PythonAnswers> = {
      dependencies: 'pyproject',
      framework: 'fastapi',
      projectFiles: ['pyproject.toml'],
    };
    expect(cautions({ ...pyproject, projectRequirements: ['FastAPI[standard]>=0.115'] })).toEqual([]);
    expect(cautions({ ...pyproject, projectRequirements: ['fastapi>=0.115'] }).join('\n')).toContain(
      '`uvicorn`',
    );
  });
});

describe('the Python template: checks', () => {
  it.each<[Partial<PythonAnswers>, string]>([
    [{ pythonVersion: 'latest' }, 'pythonVersion'],
    [{ appModule: 'app.py' }, 'appModule'],
    [{ sourceDir: '../outside' }, 'sourceDir'],
    [{ requirementsFiles: [] }, 'requirementsFiles'],
    [{ managerVersion: 'v1 latest' }, 'managerVersion'],
  ])('rejects %j in %s', (changes, field) => {
    expect(pythonTemplate.check(answers(changes), 'debian').map((problem) => problem.field)).toEqual([field]);
  });

  it('accepts the defaults and an exact version', () => {
    expect(pythonTemplate.check(answers({ pythonVersion: '3.12.4' }), 'debian')).toEqual([]);
  });
});
