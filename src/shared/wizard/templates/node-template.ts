/**
 * Node.js with npm, yarn or pnpm: lockfile-aware installs before the code, an optional build in its
 * own stage, production dependencies only in the final image. Defaults assume the Debian-based
 * `-slim` image and its built-in `node` user.
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
  BLANK,
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

/** A Node.js app. Defaults assume Debian (`-slim`) and the image's own `node` user. */
export interface NodeAnswers extends AppAnswers {
  template: 'node';
  nodeVersion: string;
  variant: 'slim' | 'alpine' | 'full';
  systemPackages: string[];
  packageManager: 'npm' | 'yarn' | 'pnpm';
  /** Whether the project has the package manager's lockfile (enables `npm ci` and frozen installs). */
  lockfile: boolean;
  /** The package.json script that builds the app (run in a build stage), or null for none. */
  buildScript: string | null;
  /** The folder the build writes, copied into the final image. */
  buildOutput: string;
  /** The file `node` starts, relative to the workdir. */
  entryFile: string;
}

/** The package manager, whether there is a lockfile: enough to write installs. */
export interface NodeInstall {
  packageManager: NodeAnswers['packageManager'];
  lockfile: boolean;
}

const VARIANT_DETAILS: Record<NodeAnswers['variant'], string> = {
  slim: 'Debian with just what Node needs, about 200 MB: the usual choice',
  alpine: 'Alpine Linux, about 130 MB; native modules must be built for musl',
  full: 'Debian with compilers and tools, about 1.1 GB: only for heavy native builds',
};

const LOCKFILES: Record<NodeAnswers['packageManager'], string> = {
  npm: 'package-lock.json',
  yarn: 'yarn.lock',
  pnpm: 'pnpm-lock.yaml',
};

// pnpm is not in the Node images; a pinned major from npm works on every Node version (Corepack left Node 25).
const PNPM_SETUP = 'npm install --global pnpm@9 && npm cache clean --force';

/** The official image for a Node version and variant: `node:22-slim`, `node:22-alpine`, `node:22`. */
export function nodeImage(version: string, variant: NodeAnswers['variant']): string {
  return variant === 'full' ? `node:${version}` : `node:${version}-${variant}`;
}

/** The files to copy before installing: package.json and the lockfile when there is one. */
export function manifestFiles({ packageManager, lockfile }: NodeInstall): string {
  return lockfile ? `package.json ${LOCKFILES[packageManager]}` : 'package.json';
}

/** The install command: reproducible from the lockfile when there is one, production-only when asked. */
export function installCommand({ packageManager, lockfile }: NodeInstall, production: boolean): string {
  if (packageManager === 'npm') {
    const install = `${lockfile ? 'npm ci' : 'npm install'}${production ? ' --omit=dev' : ''}`;
    return `${install} && npm cache clean --force`;
  }
  if (packageManager === 'yarn') {
    return `yarn install${lockfile ? ' --frozen-lockfile' : ''}${production ? ' --production' : ''} && yarn cache clean`;
  }
  return `pnpm install${lockfile ? ' --frozen-lockfile' : ''}${production ? ' --prod' : ''}`;
}

/** `npm run build` in the package manager's words. */
export function runScriptCommand(packageManager: NodeAnswers['packageManager'], script: string): string {
  return packageManager === 'npm' ? `npm run ${script}` : `${packageManager} run ${script}`;
}

/** The lines that install dependencies, copying only the manifests first. */
export function installLines(install: NodeInstall, production: boolean): DockerfileLine[] {
  return present([
    install.packageManager === 'pnpm'
      ? line(`RUN ${PNPM_SETUP}`, 'Install pnpm itself (it is not in the Node images)')
      : null,
    line(
      `COPY ${manifestFiles(install)} ./`,
      'Copy only the dependency manifests first, so the install below stays cached while they are unchanged',
    ),
    line(
      `RUN ${installCommand(install, production)}`,
      production
        ? 'Install only the dependencies the app needs at run time'
        : 'Install all dependencies, dev tools included',
    ),
  ]);
}

/** The start command the template suggests. */
export function suggestedNodeStart(answers: NodeAnswers): string {
  const { entryFile, buildScript, buildOutput } = answers;
  // After a build only the output folder reaches the final image, so the entry file must be in it.
  const inOutput = entryFile.replace(/^\.\//, '').startsWith(`${buildOutput.replace(/\/+$/, '')}/`);
  return `node ${buildScript && !inOutput ? `${buildOutput}/${entryFile}` : entryFile}`;
}

/** The Dockerfile lines for a Node.js app. */
export function writeNode(answers: NodeAnswers): DockerfileLine[] {
  const image = answers.baseImage ?? nodeImage(answers.nodeVersion, answers.variant);
  const family = familyFor(answers.baseFamily, image);
  const user = userLines(family, answers.user);
  const build = answers.buildScript;
  const buildStage: (DockerfileLine | null)[] = build
    ? [
        line(`FROM ${image} AS build`, 'Build stage: has dev dependencies and build tools; none of it ships'),
        line(`WORKDIR ${answers.workdir}`, 'Work in this folder'),
        ...installLines(answers, false),
        line('COPY . .', 'Copy the code after the install, so code edits do not reinstall'),
        line(
          `RUN ${runScriptCommand(answers.packageManager, build)}`,
          `Build the app into ${answers.buildOutput}/`,
        ),
        BLANK,
      ]
    : [];
  return present([
    ...buildStage,
    line(`FROM ${image}`, `Start from Node.js ${answers.nodeVersion}: ${VARIANT_DETAILS[answers.variant]}`),
    envLine(
      [{ name: 'NODE_ENV', value: 'production' }, ...answers.env],
      'Production mode: many libraries run faster and log less',
    ),
    packagesLine(family, answers.systemPackages),
    user.create,
    line(`WORKDIR ${answers.workdir}`, 'Work in this folder from here on'),
    ...installLines(answers, true),
    build
      ? line(
          `COPY --from=build ${joinPath(answers.workdir, answers.buildOutput)} ./${answers.buildOutput}`,
          'Take only the built output from the build stage',
        )
      : line('COPY . .', 'Copy the code last: it changes most often, so only the steps below rerun'),
    ...closingLines(answers, user, suggestedNodeStart(answers)),
  ]);
}

function joinPath(directory: string, relative: string): string {
  return `${directory.replace(/\/+$/, '')}/${relative.replace(/^\.?\/+/, '')}`;
}

/** What a Node.js project keeps out of its image; shared with the static template's build. */
export const NODE_IGNORE: IgnoreGroup = {
  comment: 'Node.js: dependencies are installed inside the image',
  patterns: ['**/node_modules', '.npm', '.pnpm-store', '.yarn/cache', 'coverage'],
};

function checkNode(answers: NodeAnswers): WizardProblem[] {
  const problems: WizardProblem[] = [];
  if (answers.buildScript !== null && !/^[\w:.-]+$/.test(answers.buildScript)) {
    problems.push({
      field: 'buildScript',
      message: 'Write the name of a package.json script, such as build.',
    });
  }
  if (answers.entryFile.trim() === '')
    problems.push({ field: 'entryFile', message: 'Name the file node starts.' });
  return problems;
}

/** The package-manager option, shared with the static template's build. */
export const PACKAGE_MANAGER_CHOICES = [
  { value: 'npm', label: 'npm', detail: 'npm ci with package-lock.json' },
  { value: 'yarn', label: 'Yarn', detail: 'yarn install --frozen-lockfile with yarn.lock (Yarn 1)' },
  { value: 'pnpm', label: 'pnpm', detail: 'pnpm install --frozen-lockfile with pnpm-lock.yaml' },
] as const;

const OPTIONS: readonly WizardOption<NodeAnswers>[] = [
  {
    key: 'nodeVersion',
    step: 'base',
    label: 'Node.js version',
    help: 'An LTS version (even numbers) is the safe choice.',
    kind: 'choice',
    choices: ['24', '22', '20'].map((value) => ({ value, label: `Node.js ${value}` })),
    examples: ['24', '22', '20'],
  },
  {
    key: 'variant',
    step: 'base',
    label: 'Image variant',
    help: 'How much of an operating system comes with Node.js.',
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
  userOption([
    { kind: 'existing', name: 'node' },
    { kind: 'create', name: 'app', uid: 10001 },
  ]),
  {
    key: 'packageManager',
    step: 'dependencies',
    label: 'Package manager',
    help: 'The one whose lockfile your project has.',
    kind: 'choice',
    choices: PACKAGE_MANAGER_CHOICES,
    examples: ['npm', 'yarn', 'pnpm'],
  },
  {
    key: 'lockfile',
    step: 'dependencies',
    label: 'The project has a lockfile',
    help: 'With a lockfile the install is exact and reproducible (npm ci); commit it.',
    kind: 'boolean',
    examples: [true, false],
  },
  {
    key: 'buildScript',
    step: 'build',
    label: 'Build script',
    help: 'The package.json script that builds the app (TypeScript, bundler), or none.',
    kind: 'text',
    examples: [null, 'build'],
  },
  {
    key: 'buildOutput',
    step: 'build',
    label: 'Build output folder',
    help: 'Where the build writes its files; only this folder reaches the final image.',
    kind: 'text',
    examples: ['dist'],
  },
  {
    key: 'entryFile',
    step: 'start',
    label: 'Entry file',
    help: 'The file node starts: "main" in package.json, or what your start script runs.',
    kind: 'text',
    examples: ['index.js'],
  },
  ...startOptions([3000, null], [null, 'node --enable-source-maps server.js']),
];

/** The Node.js template. */
export const nodeTemplate: WizardTemplate<NodeAnswers> = {
  id: 'node',
  title: 'Node.js',
  summary: 'A Node.js server with npm, Yarn or pnpm, with an optional build step.',
  assumes:
    'Debian for slim and full (apt), Alpine for alpine (apk); the default user is the images\' own "node".',
  steps: [
    {
      id: 'base',
      title: 'Base image',
      instructions: ['FROM'],
      explanation:
        'FROM picks the image you build on: the official Node.js image, with the major version pinned in the tag. ' +
        '"slim" (about 200 MB) is Debian with just what Node needs; "alpine" (about 130 MB) is smaller but native ' +
        'modules must be built for its musl C library; the full image (about 1.1 GB) adds compilers you rarely need. ' +
        'Node images already have an unprivileged user called "node", so the template runs as that user.',
    },
    {
      ...ENV_STEP,
      explanation: `${ENV_STEP.explanation} The template sets NODE_ENV=production, which many libraries read.`,
    },
    PACKAGES_STEP,
    USER_STEP,
    WORKDIR_STEP,
    {
      id: 'dependencies',
      title: 'Dependencies',
      instructions: ['COPY', 'RUN'],
      explanation:
        'package.json and the lockfile are copied alone, then dependencies are installed, and only then comes your ' +
        'code. Docker reuses a cached step while its inputs are unchanged, so editing code never reinstalls ' +
        'node_modules. With a lockfile the install is exact: `npm ci`, `yarn install --frozen-lockfile` or ' +
        '`pnpm install --frozen-lockfile` install exactly what the lockfile says and fail if it is out of date.',
    },
    {
      id: 'build',
      title: 'Build step',
      instructions: ['FROM … AS build', 'RUN', 'COPY --from'],
      explanation:
        'If your app needs building (TypeScript, a bundler), the build runs in a separate stage that has the dev ' +
        'dependencies. The final image starts fresh, installs production dependencies only and copies just the build ' +
        'output from that stage: compilers, dev tools and sources never reach the image you ship.',
    },
    SOURCES_STEP,
    EXPOSE_STEP,
    {
      ...START_STEP,
      explanation:
        `${START_STEP.explanation} Start node directly rather than through \`npm start\`: npm does not pass the stop ` +
        'signal on reliably, and it adds a process you do not need.',
    },
  ],
  options: OPTIONS,
  write: writeNode,
  // The build runs inside the image, so a local build output would only be stale.
  ignore: (answers) => [
    {
      ...NODE_IGNORE,
      patterns: [...NODE_IGNORE.patterns, ...(answers.buildScript ? [answers.buildOutput] : [])],
    },
  ],
  cautions: () => [],
  check: checkNode,
  suggestedStart: suggestedNodeStart,
  finalBaseImage: (answers) => answers.baseImage ?? nodeImage(answers.nodeVersion, answers.variant),
  defaults: {
    template: 'node',
    ...appDefaults(3000, { kind: 'existing', name: 'node' }),
    nodeVersion: '22',
    variant: 'slim',
    systemPackages: [],
    packageManager: 'npm',
    lockfile: true,
    buildScript: null,
    buildOutput: 'dist',
    entryFile: 'index.js',
  },
};
