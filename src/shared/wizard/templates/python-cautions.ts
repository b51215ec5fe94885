/**
 * What the Python template cannot guarantee about the image its answers make: a start program no
 * declared dependency provides, a framework the app imports but nothing installs, a manager whose
 * files the project lacks, Django's development server.
 */
import { commandWords } from '../dockerfile-writer';
import type { WizardProblem } from '../wizard-template';
import { hasProjectFile, MANAGER_FILES } from './python-install-lines';
import {
  declares,
  FRAMEWORK_PACKAGES,
  installedDistributions,
  provided,
  startNeed,
  suggestedPythonStart,
} from './python-start';
import type { PythonAnswers } from './python-template';

const FRAMEWORK_TITLES: Record<PythonAnswers['framework'], string> = {
  flask: 'Flask',
  fastapi: 'FastAPI',
  django: 'Django',
  streamlit: 'Streamlit',
  none: '',
};

/** The cautions for the answers; empty when the start command names something the image will have. */
export function pythonCautions(answers: PythonAnswers): WizardProblem[] {
  return [...fileCautions(answers), ...startCautions(answers), ...frameworkCautions(answers)];
}

/** Where the answers' dependencies come from, in the user's words. */
function dependencySource(answers: PythonAnswers): string {
  switch (answers.dependencies) {
    case 'requirements':
      return answers.requirementsFiles[0] ?? 'requirements.txt';
    case 'pipenv':
      return 'Pipfile';
    case 'pyproject':
      return 'pyproject.toml (or setup.py)';
    case 'none':
      return 'the project';
    default:
      return 'pyproject.toml';
  }
}

function fileCautions(answers: PythonAnswers): WizardProblem[] {
  const { dependencies } = answers;
  if (answers.projectFiles === null || dependencies === 'none') return [];
  if (dependencies === 'requirements') {
    const missing = answers.requirementsFiles.filter((file) => !hasProjectFile(answers, file));
    return missing.length === 0
      ? []
      : [
          {
            field: 'requirementsFiles',
            message: `The project has no ${missing.join(', ')}: the COPY step fails. Pick where your dependencies are listed.`,
          },
        ];
  }
  if (dependencies === 'pyproject') {
    return ['pyproject.toml', 'setup.py', 'setup.cfg'].some((file) => hasProjectFile(answers, file))
      ? []
      : [{ field: 'dependencies', message: 'The project has no pyproject.toml, setup.py or setup.cfg.' }];
  }
  const { manifest, lock } = MANAGER_FILES[dependencies];
  if (!hasProjectFile(answers, manifest)) {
    return [
      {
        field: 'dependencies',
        message: `The project has no ${manifest}, which ${dependencies} needs: the COPY step fails. Pick where your dependencies are listed.`,
      },
    ];
  }
  if (!hasProjectFile(answers, lock)) {
    return [
      {
        field: 'dependencies',
        message:
          `The project has no ${lock}: the versions are worked out when the image is built, so two builds can ` +
          `install different ones. Create the lock file (\`${LOCK_COMMANDS[dependencies]}\`) and keep it with the project.`,
      },
    ];
  }
  return [];
}

const LOCK_COMMANDS: Record<keyof typeof MANAGER_FILES, string> = {
  poetry: 'poetry lock',
  uv: 'uv lock',
  pipenv: 'pipenv lock',
  pdm: 'pdm lock',
};

function startCautions(answers: PythonAnswers): WizardProblem[] {
  const command = answers.startCommand ?? suggestedPythonStart(answers);
  const need = startNeed(commandWords(command), answers);
  if (need === null) return [];
  const installed = installedDistributions(answers);
  const field = answers.startCommand === null ? 'framework' : 'startCommand';
  if (need.providers === null) {
    return [
      {
        field,
        message: `The wizard cannot tell whether \`${need.program}\` will exist in the image: make sure a dependency or a system package provides it.`,
      },
    ];
  }
  if (provided(need, installed ?? [])) return [];
  const names = need.providers
    .slice(0, 2)
    .map(({ name, extras }) => `\`${name}${extras ? `[${extras[0]}]` : ''}\``);
  const packages = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0];
  if (installed === null) {
    return [
      {
        field,
        message: `The wizard could not read which packages ${dependencySource(answers)} declares: make sure it lists ${packages}, or the container stops at start with \`${need.program}: not found\`.`,
      },
    ];
  }
  return [
    {
      field,
      message: `\`${need.program}\` is not among the dependencies ${dependencySource(answers)} declares: the image builds, but the container stops at start (\`${need.program}: not found\`). Add ${packages} to your dependencies.`,
    },
  ];
}

function frameworkCautions(answers: PythonAnswers): WizardProblem[] {
  const { framework } = answers;
  if (framework === 'none') return [];
  const cautions: WizardProblem[] = [];
  const title = FRAMEWORK_TITLES[framework];
  const installed = installedDistributions(answers);
  if (answers.dependencies === 'none') {
    cautions.push({
      field: 'dependencies',
      message: `The project lists no dependencies: the image installs the newest ${FRAMEWORK_PACKAGES[framework].map((name) => `\`${name}\``).join(' and ')} on every build, not the versions you tested, and nothing else your code imports. List your dependencies in requirements.txt or pyproject.toml.`,
    });
  } else if (installed !== null && !declares(installed, framework)) {
    cautions.push({
      field: 'framework',
      message: `\`${framework}\` is not among the dependencies ${dependencySource(answers)} declares: the app's \`import ${framework}\` fails when the container starts.`,
    });
  }
  const command = answers.startCommand ?? suggestedPythonStart(answers);
  if (framework === 'django' && /\bmanage\.py\s+runserver\b/.test(command)) {
    cautions.push({
      field: 'startCommand',
      message: `\`manage.py runserver\` is ${title}'s development server: fine to try the image, not for real traffic. Add \`gunicorn\` to your dependencies and the wizard starts \`gunicorn ${answers.appModule}\` instead.`,
    });
  }
  return cautions;
}
