/**
 * What the Node.js template cannot guarantee about the image it writes: it builds, but the start
 * command may name something the image does not have (a TypeScript file node cannot run, a build
 * output nothing builds, a dev tool the production install leaves out) or listen elsewhere.
 * Pure functions of the answers: detection carries what they need (scripts, dependency names).
 */
import { commandWords } from '../dockerfile-writer';
import type { WizardProblem } from '../wizard-template';
import { LOCKFILES } from './node-install';
import type { NodeAnswers } from './node-template';
import {
  cleanPath,
  isInside,
  isStandalone,
  shippedPaths,
  startedFile,
  suggestedNodeStart,
} from './node-start';

// Folders builds write that projects do not commit.
const BUILD_FOLDERS = ['dist', 'build', 'out', '.next'];
// Programs whose package is named otherwise.
const PROGRAM_PACKAGES: Record<string, string> = { nest: '@nestjs/cli', 'react-scripts': 'react-scripts' };
const RUNNERS = new Set(['npm', 'yarn', 'pnpm', 'bun']);

/** Every caution for the answers; empty when the start command names what the image will have. */
export function nodeCautions(answers: NodeAnswers): WizardProblem[] {
  return [
    ...entryCautions(answers),
    ...startProgramCautions(answers),
    ...installCautions(answers),
    ...portCautions(answers),
  ];
}

function entryCautions(answers: NodeAnswers): WizardProblem[] {
  const { buildScript, buildOutput } = answers;
  if (answers.framework === 'nextjs') {
    return buildScript === null
      ? [
          {
            field: 'buildScript',
            message:
              'Next.js has no build script: `next start` needs the `.next` folder that `next build` writes. Add "build": "next build" to package.json.',
          },
        ]
      : [];
  }
  // A start command typed by the user names its own file.
  if (answers.startCommand !== null) return [];
  const entry = cleanPath(answers.entryFile);
  const started = startedFile(answers);
  const cautions: WizardProblem[] = [];
  if (answers.guessedEntry !== null && answers.entryFile === answers.guessedEntry) {
    cautions.push({
      field: 'entryFile',
      message:
        `No start file found: package.json has no "main" and no start script running node, so \`node ${started}\` ` +
        'is a guess. Name the file your app starts with.',
    });
  }
  if (/\.(ts|tsx|mts|cts)$/.test(started) && answers.packageManager !== 'bun') {
    cautions.push({
      field: 'entryFile',
      message:
        `The image starts \`node ${started}\`, a TypeScript file: node runs TypeScript only from Node.js 22.18 and only ` +
        'when it uses no enums, decorators or path aliases. Build it to JavaScript (a "build" script running tsc) and start the output.',
    });
  }
  if (buildScript === null && isInside(entry, [...BUILD_FOLDERS, cleanPath(buildOutput)])) {
    cautions.push({
      field: 'buildScript',
      message: `${entry} is written by a build, but there is no build step: the image will not have it unless it is committed. Name the build script.`,
    });
  }
  if (buildScript !== null && !isInside(entry, shippedPaths(answers))) {
    cautions.push({
      field: 'entryFile',
      message:
        `After the build only ${cleanPath(buildOutput)}/ reaches the final image, so it starts ${started}: check that the build writes it ` +
        'there, or list the entry file under "Also copy from the build".',
    });
  }
  if (buildScript !== null && answers.workspaces.length > 0) {
    cautions.push({
      field: 'runtimeFiles',
      message:
        `In this monorepo only ${cleanPath(buildOutput)}/ is copied from the build: workspace packages the app imports ` +
        `(${answers.workspaces.join(', ')}) must be bundled into it or listed under "Also copy from the build".`,
    });
  }
  return cautions;
}

/** The package whose program the start command runs, or null for node itself. */
function startProgramPackage(answers: NodeAnswers): { program: string; pkg: string; via: string } | null {
  const command = answers.startCommand ?? suggestedNodeStart(answers);
  const words = commandWords(command);
  const [first = '', second = '', third = ''] = words;
  const module = /^(?:\.\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(second)?.[1];
  if (first === 'node' && module) return { program: module, pkg: module, via: command };
  const runsStart = RUNNERS.has(first) && (second === 'start' || (second === 'run' && third === 'start'));
  if (runsStart && answers.startScript) {
    const program = scriptProgram(answers.startScript);
    return program ? { program, pkg: PROGRAM_PACKAGES[program] ?? program, via: command } : null;
  }
  if (first === 'npx' && second)
    return { program: second, pkg: PROGRAM_PACKAGES[second] ?? second, via: command };
  if (first === 'node' || first === 'bun' || RUNNERS.has(first) || first === '') return null;
  return { program: first, pkg: PROGRAM_PACKAGES[first] ?? first, via: command };
}

/** The program a package.json script runs first, past variable assignments and cross-env. */
function scriptProgram(script: string): string | null {
  const words = commandWords(script.split(/&&|;/)[0] ?? '');
  const program = words.find((word) => !/^\w+=/.test(word) && word !== 'cross-env');
  return program ?? null;
}

function startProgramCautions(answers: NodeAnswers): WizardProblem[] {
  if (isStandalone(answers)) return [];
  const found = startProgramPackage(answers);
  if (!found || answers.dependencies.includes(found.pkg) || !answers.devDependencies.includes(found.pkg))
    return [];
  return [
    {
      field: 'startCommand',
      message:
        `\`${found.via}\` runs ${found.program} from ${found.pkg}, a devDependency: the final image installs production ` +
        'dependencies only, so it will not be there. Move it to "dependencies" or start the built output with node.',
    },
  ];
}

function installCautions(answers: NodeAnswers): WizardProblem[] {
  if (answers.lockfile || isStandalone(answers)) return [];
  const lockfile = LOCKFILES[answers.packageManager];
  return [
    {
      field: 'lockfile',
      message:
        `No lockfile: the install cannot be exact (\`npm ci\` and frozen installs need one), so each build may get newer ` +
        `dependency versions than you tested. Commit ${lockfile}.`,
    },
  ];
}

function portCautions(answers: NodeAnswers): WizardProblem[] {
  const cautions: WizardProblem[] = [];
  if (answers.localhostOnly) {
    cautions.push({
      field: 'port',
      message:
        "The app listens on 127.0.0.1 only (written in the code, or Fastify's default without a host): nothing outside " +
        "the container can reach it. Listen on 0.0.0.0, e.g. `listen({ port, host: '0.0.0.0' })`.",
    });
  }
  if (answers.port === null || answers.port !== answers.guessedPort) return cautions;
  return [
    ...cautions,
    {
      field: 'port',
      message:
        `Port ${answers.port} is a guess: the wizard did not find the port in the code. Check what your app passes to ` +
        '`listen(…)`, and that it listens on 0.0.0.0.',
    },
  ];
}
