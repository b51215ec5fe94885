/**
 * A static website served by nginx, optionally built by Node first. Defaults assume the Alpine
 * variant of nginx-unprivileged, which runs as user 101 on port 8080.
 */
import { EXPOSE_STEP, SOURCES_STEP } from '../common-steps';
import { BLANK, envLine, line, present, type DockerfileLine } from '../dockerfile-writer';
import type { WizardOption, WizardProblem, WizardTemplate } from '../wizard-template';
import { NODE_IGNORE, nodeImage, bunImage } from './node-template';
import {
  DEFAULT_PACKAGE_MANAGER_VERSIONS,
  installLines,
  LOCKFILES,
  PACKAGE_MANAGER_CHOICES,
  packageManagerVersion,
  runScriptCommand,
  type NodeInstall,
  YARN_LINKER,
} from './node-install';
import type { ImageFamily } from '../../dockerfile/lint/image-family';

/** A static website served by nginx, optionally built with Node first. Defaults assume Alpine. */
export interface StaticAnswers extends NodeInstall {
  template: 'static';
  baseImage: string | null;
  baseFamily: ImageFamily | null;
  /** `nginx-unprivileged` runs as user 101 on port 8080; `nginx` starts as root on port 80. */
  server: 'nginx-unprivileged' | 'nginx';
  nginxVersion: string;
  /** The folder holding index.html (relative to the project), when there is no build. */
  siteDir: string;
  build: 'none' | 'node';
  builderImage: string | null;
  /** The Node.js version of the build stage: exact (`20.11.1`) or a line (`20`). */
  nodeVersion: string;
  buildScript: string;
  buildOutput: string;
}

const SERVER_DETAILS: Record<StaticAnswers['server'], string> = {
  'nginx-unprivileged': 'nginx that runs as an ordinary user (101) on port 8080, about 50 MB',
  nginx: 'the official nginx, which starts as root on port 80, about 50 MB',
};

/** The nginx image: `nginxinc/nginx-unprivileged:1.27-alpine` or `nginx:1.27-alpine`. */
export function staticServerImage(answers: StaticAnswers): string {
  if (answers.baseImage) return answers.baseImage;
  const repository = answers.server === 'nginx' ? 'nginx' : 'nginxinc/nginx-unprivileged';
  return `${repository}:${answers.nginxVersion}-alpine`;
}

/** The image of the build stage: Node.js (Alpine), or Bun's for Bun. */
export function builderImage(answers: StaticAnswers): string {
  if (answers.builderImage) return answers.builderImage;
  return answers.packageManager === 'bun'
    ? bunImage(packageManagerVersion(answers) ?? DEFAULT_PACKAGE_MANAGER_VERSIONS.bun, 'alpine')
    : nodeImage(answers.nodeVersion, 'alpine');
}

/** The port nginx listens on in that image. */
export function staticServerPort(answers: StaticAnswers): number {
  return answers.server === 'nginx' ? 80 : 8080;
}

/** The Dockerfile lines for a static website. */
export function writeStatic(answers: StaticAnswers): DockerfileLine[] {
  const html = '/usr/share/nginx/html';
  const built = answers.build === 'node';
  return present([
    ...(built
      ? [
          line(
            `FROM ${builderImage(answers)} AS build`,
            `Build stage: ${answers.packageManager === 'bun' ? 'Bun' : 'Node.js'} builds the site; none of it ships`,
          ),
          answers.packageManager === 'yarn-berry'
            ? envLine(
                [YARN_LINKER],
                'Yarn installs into node_modules, which the build tools read without a loader',
              )
            : null,
          line('WORKDIR /app', 'Work in this folder'),
          ...installLines(answers, false),
          line('COPY . .', 'Copy the sources after the install, so edits do not reinstall'),
          line(
            `RUN ${runScriptCommand(answers.packageManager, answers.buildScript)}`,
            `Build the site into ${answers.buildOutput}/`,
          ),
          BLANK,
        ]
      : []),
    line(`FROM ${staticServerImage(answers)}`, `Serve with ${SERVER_DETAILS[answers.server]}`),
    built
      ? line(
          `COPY --from=build /app/${answers.buildOutput} ${html}`,
          'Take only the built site from the build stage',
        )
      : line(`COPY ${answers.siteDir} ${html}`, 'Copy the site into the folder nginx serves'),
    // The unprivileged image already runs as 101; saying so keeps the file honest when the image is swapped.
    answers.server === 'nginx-unprivileged' ? line('USER 101', "Run as nginx's unprivileged user") : null,
    line(
      `EXPOSE ${staticServerPort(answers)}`,
      answers.server === 'nginx'
        ? 'nginx listens on port 80, which it opens as root before its workers drop to the nginx user'
        : 'nginx-unprivileged listens on 8080: an ordinary user cannot open ports below 1024',
    ),
  ]);
}

/** What the static template cannot guarantee: an install without a lockfile. */
export function staticCautions(answers: StaticAnswers): WizardProblem[] {
  if (answers.build !== 'node' || answers.lockfile) return [];
  return [
    {
      field: 'lockfile',
      message:
        'No lockfile: the build installs whatever versions are newest that day, so it may differ from what you tested. ' +
        `Commit ${LOCKFILES[answers.packageManager]}.`,
    },
  ];
}

function checkStatic(answers: StaticAnswers): WizardProblem[] {
  if (answers.siteDir.trim() === '' || answers.siteDir.startsWith('/')) {
    return [
      { field: 'siteDir', message: 'Write the folder relative to the project, "." for the project itself.' },
    ];
  }
  return [];
}

const OPTIONS: readonly WizardOption<StaticAnswers>[] = [
  {
    key: 'server',
    step: 'base',
    label: 'Server',
    help: 'Both are nginx. The unprivileged one never runs as root, so it listens on 8080 (ports below 1024 need root); `nginx` listens on 80.',
    kind: 'choice',
    choices: (['nginx-unprivileged', 'nginx'] as const).map((value) => ({
      value,
      label: value,
      detail: SERVER_DETAILS[value],
    })),
    examples: ['nginx-unprivileged', 'nginx'],
  },
  {
    key: 'nginxVersion',
    step: 'base',
    label: 'nginx version',
    help: 'Pinned in the tag.',
    kind: 'choice',
    choices: [{ value: '1.27', label: 'nginx 1.27' }],
    examples: ['1.27'],
  },
  {
    key: 'siteDir',
    step: 'sources',
    label: 'Site folder',
    help: 'The folder with index.html, relative to the project ("." for the project itself).',
    kind: 'text',
    examples: ['.', 'public'],
  },
  {
    key: 'build',
    step: 'build',
    label: 'Build first',
    help: 'Build the site with Node.js (React, Vue, a static site generator) before serving it.',
    kind: 'choice',
    choices: [
      { value: 'none', label: 'No build', detail: 'the files are served as they are' },
      { value: 'node', label: 'Build with Node.js', detail: 'npm run build in a build stage' },
    ],
    examples: ['none', 'node'],
  },
  {
    key: 'packageManager',
    step: 'build',
    label: 'Package manager',
    help: 'For the build.',
    kind: 'choice',
    choices: PACKAGE_MANAGER_CHOICES,
    examples: ['npm', 'yarn-berry', 'pnpm', 'bun'],
  },
  {
    key: 'packageManagerVersion',
    step: 'build',
    label: 'Package manager version',
    help: 'For pnpm and Yarn 2+ (through Corepack) and Bun (the image tag): the version in "packageManager" of package.json.',
    kind: 'text',
    examples: [null, '9.1.0'],
  },
  {
    key: 'lockfile',
    step: 'build',
    label: 'The project has a lockfile',
    help: 'With a lockfile the install is exact and reproducible.',
    kind: 'boolean',
    examples: [true, false],
  },
  {
    key: 'buildOutput',
    step: 'build',
    label: 'Build output folder',
    help: '`dist` for Vite and Astro, `build` for Create React App, `dist/<project>/browser` for Angular 17 and later.',
    kind: 'text',
    examples: ['dist', 'dist/shop/browser'],
  },
];

/** The static website template. */
export const staticTemplate: WizardTemplate<StaticAnswers> = {
  id: 'static',
  title: 'Static website',
  summary: 'HTML, CSS and JavaScript served by nginx, built with Node.js first if needed.',
  assumes:
    "Alpine nginx images; the builder is node:<version>-alpine (Bun's oven/bun:<version>-alpine for Bun).",
  steps: [
    {
      id: 'base',
      title: 'Web server',
      instructions: ['FROM'],
      explanation:
        "A static site needs only a web server. nginx's Alpine images are about 50 MB. The official nginx image starts " +
        'as root to open port 80, then serves from unprivileged worker processes; nginx-unprivileged runs as an ' +
        'ordinary user from the start and therefore listens on 8080 (ports below 1024 need root). The version is ' +
        'pinned in the tag.',
    },
    {
      id: 'build',
      title: 'Build step',
      instructions: ['FROM … AS build', 'RUN', 'COPY --from'],
      explanation:
        'Sites made with React, Vue or a generator are built first. The build runs in a Node.js stage: package.json ' +
        'and the lockfile are copied and installed before the sources, so edits do not reinstall. The final image ' +
        'takes only the built folder; node_modules and Node.js never ship.',
    },
    {
      ...SOURCES_STEP,
      explanation:
        'COPY puts the site into /usr/share/nginx/html, the folder nginx serves. The generated .dockerignore keeps ' +
        '.git, the Dockerfile and local tooling out, so they are never published.',
    },
    {
      ...EXPOSE_STEP,
      explanation:
        'EXPOSE documents the port nginx listens on; it opens nothing by itself. The port follows from the server chosen ' +
        'on the first step: the default, nginx-unprivileged, runs as an ordinary user from the start, and ordinary users ' +
        'cannot open ports below 1024, so it listens on 8080. The official `nginx` image starts as root, opens port 80 and ' +
        'then serves from unprivileged workers. Either way you pick the port on your machine when you run it: ' +
        '`docker run -p 8080:8080 …` (or `-p 80:8080` to reach the site on port 80).',
    },
  ],
  options: OPTIONS,
  write: writeStatic,
  ignore: (answers) =>
    answers.build === 'node'
      ? [{ ...NODE_IGNORE, patterns: [...NODE_IGNORE.patterns, answers.buildOutput] }]
      : [],
  cautions: staticCautions,
  check: checkStatic,
  suggestedStart: () => null,
  finalBaseImage: staticServerImage,
  defaults: {
    template: 'static',
    baseImage: null,
    baseFamily: null,
    server: 'nginx-unprivileged',
    nginxVersion: '1.27',
    siteDir: '.',
    build: 'none',
    builderImage: null,
    nodeVersion: '22',
    packageManager: 'npm',
    packageManagerVersion: null,
    lockfile: true,
    installFiles: [],
    buildScript: 'build',
    buildOutput: 'dist',
  },
};
