/**
 * How a Node.js project's dependencies get into an image, for each package manager: npm and Yarn 1
 * as the Node images ship them, pnpm and Yarn Berry through Corepack at the version the project
 * pins, Bun in its own image. Shared by the Node.js template and the static template's build.
 */
import { line, present, type DockerfileLine } from '../dockerfile-writer';

/** The package managers the wizard writes installs for; `yarn` is Yarn 1 (classic), `yarn-berry` Yarn 2 and later. */
export type NodePackageManager = 'npm' | 'yarn' | 'yarn-berry' | 'pnpm' | 'bun';

/** What an install needs to know about the project. */
export interface NodeInstall {
  packageManager: NodePackageManager;
  /**
   * The package manager's version: exact from package.json's `packageManager` (`9.1.0`), a line
   * (`9`), or null for the wizard's default line. For Bun it is the Bun version, the image tag.
   */
  packageManagerVersion: string | null;
  /** Whether the project has the package manager's lockfile (enables exact, frozen installs). */
  lockfile: boolean;
  /**
   * Project files the install reads besides package.json and the lockfile (`.npmrc`,
   * `.yarnrc.yml`, `pnpm-workspace.yaml`, a workspace's `packages/api/package.json`); a folder ends with `/`.
   */
  installFiles: string[];
}

/** The lockfile each package manager writes (Bun 1.2 and later write the text `bun.lock`). */
export const LOCKFILES: Record<NodePackageManager, string> = {
  npm: 'package-lock.json',
  yarn: 'yarn.lock',
  'yarn-berry': 'yarn.lock',
  pnpm: 'pnpm-lock.yaml',
  bun: 'bun.lock',
};

/** The line each package manager gets when the project pins none. */
export const DEFAULT_PACKAGE_MANAGER_VERSIONS: Record<'pnpm' | 'yarn-berry' | 'bun', string> = {
  pnpm: '9',
  'yarn-berry': '4',
  bun: '1.2',
};

// Installed from npm first: the Corepack bundled with older Node images cannot verify releases
// signed with npm's newer keys, and Node 25 and later no longer bundle it. 0.33 is the newest that
// still supports Node 18.17+ and 20.10+ (0.34 dropped 18, 0.35 dropped 20).
const COREPACK = 'corepack@0.33.0';
// Corepack's package brings its own yarn and yarnpkg links; npm refuses to replace the image's Yarn 1 links.
const YARN1_LINKS = 'rm -f /usr/local/bin/yarn /usr/local/bin/yarnpkg';

/** The package-manager choices, shared by the Node.js and static templates. */
export const PACKAGE_MANAGER_CHOICES = [
  { value: 'npm', label: 'npm', detail: '`npm ci` with package-lock.json' },
  {
    value: 'yarn',
    label: 'Yarn 1',
    detail: '`yarn install --frozen-lockfile` with yarn.lock (Yarn classic)',
  },
  {
    value: 'yarn-berry',
    label: 'Yarn 2+',
    detail: '`yarn install --immutable` through Corepack, with yarn.lock and .yarnrc.yml',
  },
  {
    value: 'pnpm',
    label: 'pnpm',
    detail: '`pnpm install --frozen-lockfile` through Corepack, with pnpm-lock.yaml',
  },
  { value: 'bun', label: 'Bun', detail: '`bun install --frozen-lockfile` in the oven/bun image' },
] as const;

/** The version a package manager is prepared at: the project's pin, else the wizard's line. */
export function packageManagerVersion(install: NodeInstall): string | null {
  const { packageManager, packageManagerVersion: pinned } = install;
  if (packageManager === 'npm' || packageManager === 'yarn') return null;
  return pinned ?? DEFAULT_PACKAGE_MANAGER_VERSIONS[packageManager];
}

// Lockfiles a package manager also reads; detection lists the one a project has among the install files.
const OTHER_LOCKFILES: Partial<Record<NodePackageManager, string>> = {
  npm: 'npm-shrinkwrap.json',
  bun: 'bun.lockb',
};

/** The lockfile of the answers: the usual one, or `npm-shrinkwrap.json` / `bun.lockb` when listed among the install files. */
export function lockfileName(install: NodeInstall): string {
  const other = OTHER_LOCKFILES[install.packageManager];
  return other && install.installFiles.includes(other) ? other : LOCKFILES[install.packageManager];
}

/** The files copied in one COPY before installing: package.json, the lockfile, and the install files that are files. */
export function manifestFiles(install: NodeInstall): string {
  const files = ['package.json', ...(install.lockfile ? [lockfileName(install)] : [])];
  for (const file of install.installFiles) {
    // Files of subfolders keep their folder: they get COPY lines of their own.
    if (!file.endsWith('/') && !file.includes('/') && !files.includes(file)) files.push(file);
  }
  return files.join(' ');
}

/** The install command: exact from the lockfile when there is one, production-only when asked. */
export function installCommand(install: NodeInstall, production: boolean): string {
  const { packageManager, lockfile } = install;
  switch (packageManager) {
    case 'npm':
      return `${lockfile ? 'npm ci' : 'npm install'}${production ? ' --omit=dev' : ''} && npm cache clean --force`;
    case 'yarn':
      return `yarn install${lockfile ? ' --frozen-lockfile' : ''}${production ? ' --production' : ''} && yarn cache clean`;
    case 'yarn-berry': {
      const immutable = lockfile ? ' --immutable' : '';
      // `workspaces focus --production` is built into Yarn 4; Yarn 2 and 3 need a plugin for it.
      const focus = production && !/^[23](\.|$)/.test(packageManagerVersion(install) ?? '');
      return focus
        ? `yarn workspaces focus --all --production && yarn cache clean --all`
        : `yarn install${immutable} && yarn cache clean --all`;
    }
    case 'pnpm':
      return `pnpm install${lockfile ? ' --frozen-lockfile' : ''}${production ? ' --prod' : ''}`;
    case 'bun':
      return `bun install${lockfile ? ' --frozen-lockfile' : ''}${production ? ' --production' : ''}`;
  }
}

/** `npm run build` in the package manager's words. */
export function runScriptCommand(packageManager: NodePackageManager, script: string): string {
  if (packageManager === 'yarn-berry') return `yarn run ${script}`;
  return `${packageManager} run ${script}`;
}

/** The RUN that makes pnpm or Yarn Berry available at the project's version; null for the others. */
export function setupLine(install: NodeInstall): DockerfileLine | null {
  const { packageManager } = install;
  if (packageManager !== 'pnpm' && packageManager !== 'yarn-berry') return null;
  const name = packageManager === 'pnpm' ? 'pnpm' : 'yarn';
  const version = packageManagerVersion(install);
  return line(
    `RUN ${YARN1_LINKS} && npm install --global ${COREPACK} && npm cache clean --force` +
      ` && corepack enable ${name} && corepack prepare ${name}@${version} --activate`,
    `Install ${name} ${version} through Corepack, the version the project asks for`,
  );
}

/** Yarn Berry installs into node_modules in the image, so `node` finds packages without Plug'n'Play's loader. */
export const YARN_LINKER = { name: 'YARN_NODE_LINKER', value: 'node-modules' };

/** The lines that install dependencies, copying only the manifests first. */
export function installLines(install: NodeInstall, production: boolean): DockerfileLine[] {
  const folders = new Map<string, string[]>();
  for (const file of install.installFiles) {
    if (file.endsWith('/')) folders.set(file, []);
    else if (file.includes('/')) {
      const folder = file.slice(0, file.lastIndexOf('/') + 1);
      folders.set(folder, [...(folders.get(folder) ?? []), file]);
    }
  }
  const copies = [...folders].map(([folder, files]) =>
    files.length === 0
      ? line(`COPY ${folder} ./${folder}`, `Copy ${folder}, which the install reads`)
      : line(`COPY ${files.join(' ')} ./${folder}`, `Copy the manifests of ${folder}`),
  );
  return present([
    setupLine(install),
    line(
      `COPY ${manifestFiles(install)} ./`,
      'Copy only the dependency manifests first, so the install below stays cached while they are unchanged',
    ),
    ...copies,
    line(
      `RUN ${installCommand(install, production)}`,
      production
        ? 'Install only the dependencies the app needs at run time'
        : 'Install all dependencies, dev tools included',
    ),
  ]);
}
