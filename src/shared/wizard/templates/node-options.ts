/**
 * The options of the Node.js template: what the wizard lets the user change, with the examples
 * every combination of which the generator is tested with.
 */
import {
  BASE_IMAGE_OPTION,
  envOption,
  PACKAGES_OPTION,
  startOptions,
  userOption,
  WORKDIR_OPTION,
} from '../common-steps';
import type { WizardOption } from '../wizard-template';
import { PACKAGE_MANAGER_CHOICES } from './node-install';
import type { NodeAnswers, NodeFramework } from './node-template';

/** What each image variant brings, for the base step and the FROM comment. */
export const VARIANT_DETAILS: Record<NodeAnswers['variant'], string> = {
  slim: 'Debian with just what Node needs, about 200 MB: the usual choice',
  alpine: 'Alpine Linux, about 130 MB; native modules must be built for musl',
  full: 'Debian with compilers and tools, about 1.1 GB: only for heavy native builds',
};

const FRAMEWORK_CHOICES: { value: NodeFramework; label: string; detail: string }[] = [
  { value: 'none', label: 'None', detail: '`node` starts the entry file' },
  { value: 'express', label: 'Express', detail: '`node` starts the entry file' },
  { value: 'fastify', label: 'Fastify', detail: '`node` starts the entry file' },
  { value: 'koa', label: 'Koa', detail: '`node` starts the entry file' },
  { value: 'hono', label: 'Hono', detail: '`node` starts the entry file' },
  { value: 'nestjs', label: 'NestJS', detail: '`nest build` writes dist/main.js, which `node` starts' },
  {
    value: 'nextjs',
    label: 'Next.js',
    detail: '`next build`, then `next start` (or the standalone server.js)',
  },
];

/** The Node.js template's options, step by step. */
export const NODE_OPTIONS: readonly WizardOption<NodeAnswers>[] = [
  {
    key: 'nodeVersion',
    step: 'base',
    label: 'Node.js version',
    help: 'The version your project pins (`.nvmrc`, `engines`, `volta`) is suggested first; an LTS line (even numbers) is the safe choice.',
    kind: 'choice',
    choices: ['24', '22', '20'].map((value) => ({ value, label: `Node.js ${value}` })),
    examples: ['24', '22', '20', '20.11.1'],
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
    examples: ['npm', 'yarn', 'yarn-berry', 'pnpm', 'bun'],
  },
  {
    key: 'packageManagerVersion',
    step: 'dependencies',
    label: 'Package manager version',
    help: 'For pnpm and Yarn 2+ (through Corepack) and Bun (the image tag): the version in "packageManager" of package.json. npm and Yarn 1 come with the Node.js image.',
    kind: 'text',
    examples: [null, '4.1.1'],
  },
  {
    key: 'lockfile',
    step: 'dependencies',
    label: 'The project has a lockfile',
    help: 'With a lockfile the install is exact and reproducible (`npm ci`); commit it.',
    kind: 'boolean',
    examples: [true, false],
  },
  {
    key: 'installFiles',
    step: 'dependencies',
    label: 'Files the install reads',
    help: 'Copied with package.json before the install: `.npmrc`, `.yarnrc.yml`, `pnpm-workspace.yaml`, the package.json of each workspace. End a folder with `/`.',
    kind: 'list',
    examples: [[], ['.npmrc', 'packages/api/package.json']],
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
    help: 'Where the build writes its files (`outDir` in tsconfig.json); only this folder reaches the final image.',
    kind: 'text',
    examples: ['dist'],
  },
  {
    key: 'runtimeFiles',
    step: 'build',
    label: 'Also copy from the build',
    help: 'Other files or folders the app reads at run time, such as `public` or `next.config.mjs`.',
    kind: 'list',
    examples: [[], ['public']],
  },
  {
    key: 'framework',
    step: 'start',
    label: 'Framework',
    help: 'Next.js is started with `next start`; the others by running the entry file.',
    kind: 'choice',
    choices: FRAMEWORK_CHOICES,
    examples: ['none', 'nestjs', 'nextjs'],
  },
  {
    key: 'standalone',
    step: 'build',
    label: "Next.js standalone output (`output: 'standalone'`)",
    help: 'The build writes server.js with just the modules it uses, so the final image installs nothing.',
    kind: 'boolean',
    examples: [false, true],
  },
  {
    key: 'entryFile',
    step: 'start',
    label: 'Entry file',
    help: 'The file node starts: "main" in package.json, or what your start script runs. After a build it lies in the output folder.',
    kind: 'text',
    examples: ['index.js', 'dist/main.js'],
  },
  {
    key: 'nodeFlags',
    step: 'start',
    label: 'node options',
    help: 'Options written before the entry file, taken from your start script: `--enable-source-maps`, `--import ./instrument.mjs`.',
    kind: 'list',
    examples: [[], ['--enable-source-maps']],
  },
  ...startOptions([3000, null], [null, 'node --enable-source-maps server.js']),
];
