/**
 * Node.js with npm, Yarn, pnpm or Bun: lockfile-aware installs before the code, an optional build in
 * its own stage, production dependencies only in the final image (nothing at all for a standalone
 * Next.js build). Defaults assume the Debian-based `-slim` image and its built-in `node` user.
 */
import {
  appDefaults,
  ENV_STEP,
  EXPOSE_STEP,
  PACKAGES_STEP,
  SOURCES_STEP,
  START_STEP,
  USER_STEP,
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
import type { AppAnswers, UserAnswer } from '../wizard-answers';
import type { IgnoreGroup, WizardProblem, WizardTemplate } from '../wizard-template';
import { nodeCautions } from './node-cautions';
import { NODE_OPTIONS, VARIANT_DETAILS } from './node-options';
import { isStandalone, suggestedNodeStart } from './node-start';
import {
  DEFAULT_PACKAGE_MANAGER_VERSIONS,
  installLines,
  packageManagerVersion,
  runScriptCommand,
  YARN_LINKER,
  type NodeInstall,
} from './node-install';

export {
  installCommand,
  installLines,
  manifestFiles,
  PACKAGE_MANAGER_CHOICES,
  runScriptCommand,
  type NodeInstall,
  type NodePackageManager,
} from './node-install';

/** The server framework detected, which decides the start command and what the final image needs. */
export type NodeFramework = 'none' | 'express' | 'fastify' | 'koa' | 'hono' | 'nestjs' | 'nextjs';

/** A Node.js app. Defaults assume Debian (`-slim`) and the image's own `node` user. */
export interface NodeAnswers extends AppAnswers, NodeInstall {
  template: 'node';
  /** The Node.js version of the image tag: exact (`20.11.1`) or a line (`20`). */
  nodeVersion: string;
  variant: 'slim' | 'alpine' | 'full';
  systemPackages: string[];
  /** The package.json script that builds the app (run in a build stage), or null for none. */
  buildScript: string | null;
  /** The folder the build writes, copied into the final image. */
  buildOutput: string;
  /** Other paths the app needs at run time, copied from the build stage beside the output (`public`, `next.config.mjs`). */
  runtimeFiles: string[];
  /** The file `node` starts, relative to the workdir. */
  entryFile: string;
  /** node's options from the start script that matter in production (`--enable-source-maps`), written before the file. */
  nodeFlags: string[];
  framework: NodeFramework;
  /** Next.js `output: 'standalone'`: the build writes `server.js` with just the modules it needs, so nothing is installed in the final image. */
  standalone: boolean;
  /** The package.json "start" script as written, or null (a caution reads which program it runs). */
  startScript: string | null;
  /** The names under "dependencies" in package.json, what the production install brings. */
  dependencies: string[];
  /** The names under "devDependencies", left out of the final image. */
  devDependencies: string[];
  /** The port detection assumed without finding it in the code; a caution stays while the port is still that guess. */
  guessedPort: number | null;
  /** The app takes its port from the PORT variable, so the image sets PORT to the chosen port. */
  portFromEnv: boolean;
  /** The code listens on 127.0.0.1 only (Fastify's default without a host), out of reach from outside the container. */
  localhostOnly: boolean;
  /** The entry file detection fell back to without finding one; a caution stays while the entry is still that guess. */
  guessedEntry: string | null;
  /** The workspace packages of a monorepo (their folders), empty for a single package. */
  workspaces: string[];
}

/** The official image for a Node version and variant: `node:22-slim`, `node:22-alpine`, `node:22`. */
export function nodeImage(version: string, variant: NodeAnswers['variant']): string {
  return variant === 'full' ? `node:${version}` : `node:${version}-${variant}`;
}

/** Bun's image for a Bun version and variant: `oven/bun:1.2-slim`, `oven/bun:1.2-alpine`, `oven/bun:1.2-debian`. */
export function bunImage(version: string, variant: NodeAnswers['variant']): string {
  return `oven/bun:${version}-${variant === 'full' ? 'debian' : variant}`;
}

/** The image the answers build on: Bun's for Bun, else Node's. */
export function nodeTemplateImage(answers: NodeAnswers): string {
  if (answers.baseImage) return answers.baseImage;
  return answers.packageManager === 'bun'
    ? bunImage(packageManagerVersion(answers) ?? DEFAULT_PACKAGE_MANAGER_VERSIONS.bun, answers.variant)
    : nodeImage(answers.nodeVersion, answers.variant);
}

/** The user to switch to: Bun's images call their unprivileged user "bun", not "node". */
function imageUser(answers: NodeAnswers): UserAnswer {
  const { user } = answers;
  const bun = answers.packageManager === 'bun' && answers.baseImage === null;
  return bun && user.kind === 'existing' && user.name === 'node' ? { kind: 'existing', name: 'bun' } : user;
}

/** The Dockerfile lines for a Node.js app. */
export function writeNode(answers: NodeAnswers): DockerfileLine[] {
  const image = nodeTemplateImage(answers);
  const family = familyFor(answers.baseFamily, image);
  const user = userLines(family, imageUser(answers));
  const build = answers.buildScript;
  const berry = answers.packageManager === 'yarn-berry';
  const buildStage: (DockerfileLine | null)[] = build
    ? [
        line(`FROM ${image} AS build`, 'Build stage: has dev dependencies and build tools; none of it ships'),
        berry
          ? envLine([YARN_LINKER], 'Yarn installs into node_modules, which node reads without a loader')
          : null,
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
  const standalone = isStandalone(answers);
  const runtime =
    answers.packageManager === 'bun'
      ? `Bun ${packageManagerVersion(answers)}`
      : `Node.js ${answers.nodeVersion}`;
  return present([
    ...buildStage,
    line(`FROM ${image}`, `Start from ${runtime}: ${VARIANT_DETAILS[answers.variant]}`),
    envLine(
      [
        { name: 'NODE_ENV', value: 'production' },
        ...(berry && !standalone ? [YARN_LINKER] : []),
        // The standalone server listens on HOSTNAME, which Docker sets to the container id.
        ...(standalone ? [{ name: 'HOSTNAME', value: '0.0.0.0' }] : []),
        ...((standalone || answers.portFromEnv) &&
        answers.port !== null &&
        !answers.env.some(({ name }) => name === 'PORT')
          ? [{ name: 'PORT', value: String(answers.port) }]
          : []),
        ...answers.env,
      ],
      standalone
        ? 'Production mode, and the standalone server listens on every interface at the chosen port'
        : answers.portFromEnv
          ? 'Production mode, and the port the app reads from PORT'
          : 'Production mode: many libraries run faster and log less',
    ),
    packagesLine(family, answers.systemPackages),
    user.create,
    line(`WORKDIR ${answers.workdir}`, 'Work in this folder from here on'),
    ...(standalone ? standaloneCopies(answers) : shippedFiles(answers)),
    ...closingLines(answers, user, suggestedNodeStart(answers)),
  ]);
}

/** Production dependencies and the code, or the build's output. */
function shippedFiles(answers: NodeAnswers): DockerfileLine[] {
  if (!answers.buildScript) {
    return [
      ...installLines(answers, true),
      line('COPY . .', 'Copy the code last: it changes most often, so only the steps below rerun'),
    ];
  }
  return [
    ...installLines(answers, true),
    line(
      `COPY --from=build ${joinPath(answers.workdir, answers.buildOutput)} ./${trimPath(answers.buildOutput)}`,
      'Take only the built output from the build stage',
    ),
    ...answers.runtimeFiles.map((path) =>
      line(
        `COPY --from=build ${joinPath(answers.workdir, path)} ./${trimPath(path)}`,
        `The app also reads ${trimPath(path)} at run time`,
      ),
    ),
  ];
}

/** Next.js standalone: the traced server with its own node_modules, the static assets and public/. */
function standaloneCopies(answers: NodeAnswers): DockerfileLine[] {
  const from = (path: string): string => joinPath(answers.workdir, path);
  return [
    line(
      `COPY --from=build ${from('.next/standalone')} ./`,
      'The standalone server Next.js traced, with just the modules it uses: nothing to install',
    ),
    line(
      `COPY --from=build ${from('.next/static')} ./.next/static`,
      'The static assets, which the standalone output leaves out',
    ),
    ...answers.runtimeFiles.map((path) =>
      line(`COPY --from=build ${from(path)} ./${trimPath(path)}`, `The app also serves ${trimPath(path)}`),
    ),
  ];
}

function trimPath(path: string): string {
  return path.replace(/^\.?\/+/, '').replace(/\/+$/, '');
}

function joinPath(directory: string, relative: string): string {
  return `${directory.replace(/\/+$/, '')}/${trimPath(relative)}`;
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
  if (answers.packageManagerVersion !== null && !/^\d+(\.\d+){0,2}$/.test(answers.packageManagerVersion)) {
    problems.push({
      field: 'packageManagerVersion',
      message: 'Write a version such as 9.1.0 or 9, or leave it empty for the suggested one.',
    });
  }
  return problems;
}

/** The Node.js template. */
export const nodeTemplate: WizardTemplate<NodeAnswers> = {
  id: 'node',
  title: 'Node.js',
  summary: 'A Node.js server with npm, Yarn, pnpm or Bun, with an optional build step.',
  assumes:
    'Debian for slim and full (apt), Alpine for alpine (apk); the default user is the images\' own "node" ("bun" in Bun\'s images).',
  steps: [
    {
      id: 'base',
      title: 'Base image',
      instructions: ['FROM'],
      explanation:
        'FROM picks the image you build on: the official Node.js image, with the version your project pins in the tag ' +
        '(`node:20.11.1-slim`; `node:20-slim` follows the newest 20.x instead). ' +
        '"slim" (about 200 MB) is Debian with just what Node needs; "alpine" (about 130 MB) is smaller but native ' +
        'modules must be built for its musl C library; the full image (about 1.1 GB) adds compilers you rarely need. ' +
        'Node images already have an unprivileged user called "node", so the template runs as that user. ' +
        'Bun projects build on Bun\'s own image, `oven/bun`, whose user is called "bun".',
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
        'node_modules. With a lockfile the install is exact: `npm ci`, `yarn install --frozen-lockfile`, ' +
        '`yarn install --immutable`, `pnpm install --frozen-lockfile` or `bun install --frozen-lockfile` install ' +
        'exactly what the lockfile says and fail if it is out of date. npm and Yarn 1 come with the Node.js image; ' +
        'pnpm and Yarn 2+ are installed through Corepack at the exact version of "packageManager" in package.json. ' +
        "Yarn 2+ installs into node_modules in the image (`YARN_NODE_LINKER=node-modules`), so `node` finds packages without Plug'n'Play's loader.",
    },
    {
      id: 'build',
      title: 'Build step',
      instructions: ['FROM … AS build', 'RUN', 'COPY --from'],
      explanation:
        'If your app needs building (TypeScript, a bundler, Next.js, NestJS), the build runs in a separate stage that has the dev ' +
        'dependencies. The final image starts fresh, installs production dependencies only and copies just the build ' +
        'output from that stage: compilers, dev tools and sources never reach the image you ship. ' +
        "Next.js with `output: 'standalone'` goes further: its build writes a server with only the modules it uses, so nothing is installed at all.",
    },
    SOURCES_STEP,
    {
      ...EXPOSE_STEP,
      explanation:
        `${EXPOSE_STEP.explanation} Next.js and NestJS listen on 3000 by default; for Express, Fastify, Koa and Hono ` +
        'the wizard reads the port from `listen(…)` in your entry file when it can, and says so when 3000 is only a guess. ' +
        "Fastify listens on 127.0.0.1 unless you pass `host: '0.0.0.0'`.",
    },
    {
      ...START_STEP,
      explanation:
        `${START_STEP.explanation} Start node directly rather than through \`npm start\`: npm does not pass the stop ` +
        'signal on reliably, it adds a process you do not need, and the tools a start script calls (ts-node, nodemon) ' +
        'are often dev dependencies the final image leaves out.',
    },
  ],
  options: NODE_OPTIONS,
  write: writeNode,
  // The build runs inside the image, so a local build output would only be stale.
  ignore: (answers) => [
    {
      ...NODE_IGNORE,
      patterns: [...NODE_IGNORE.patterns, ...(answers.buildScript ? [answers.buildOutput] : [])],
    },
  ],
  cautions: nodeCautions,
  check: checkNode,
  suggestedStart: suggestedNodeStart,
  finalBaseImage: nodeTemplateImage,
  defaults: {
    template: 'node',
    ...appDefaults(3000, { kind: 'existing', name: 'node' }),
    nodeVersion: '22',
    variant: 'slim',
    systemPackages: [],
    packageManager: 'npm',
    packageManagerVersion: null,
    lockfile: true,
    installFiles: [],
    buildScript: null,
    buildOutput: 'dist',
    runtimeFiles: [],
    entryFile: 'index.js',
    nodeFlags: [],
    framework: 'none',
    standalone: false,
    startScript: null,
    dependencies: [],
    devDependencies: [],
    guessedPort: null,
    portFromEnv: false,
    localhostOnly: false,
    guessedEntry: null,
    workspaces: [],
  },
};
