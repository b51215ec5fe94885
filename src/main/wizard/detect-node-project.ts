/**
 * Detects a Node.js project from package.json: the package manager and its version, the Node.js
 * version the project pins, TypeScript, the build step, the framework (Next.js, NestJS, Express,
 * Fastify, Koa, Hono) with its start file and port, and monorepo workspaces. A front-end app
 * (Vite, Create React App, Astro, Angular…) without a server becomes a static site built with Node.
 */
import type { ProjectDetection } from '../../shared/wizard/project-detection';
import type { NodeAnswers, NodeFramework } from '../../shared/wizard/templates/node-template';
import type { StaticAnswers } from '../../shared/wizard/templates/static-template';
import { defaultAnswers } from '../../shared/wizard/wizard-templates';
import {
  compiledPath,
  detectListen,
  parseStartScript,
  readTsLayout,
  sourceCandidates,
  withExtension,
  type TsLayout,
} from './node-entry';
import { detectPackageManager, type PackageManagerFinding } from './node-package-manager';
import { detectSiteBuilder } from './node-site';
import { detectSsrServer, type SsrServer } from './node-ssr';
import { detectNodeVersion, type NodeVersionFinding } from './node-version';
import { filesUnder, listWorkspaces, workspacePatterns, type WorkspacePackage } from './node-workspaces';
import { jsonKeys, jsonString, type ProjectFiles } from './project-files';

// Server frameworks, most specific first, with the name users say.
const FRAMEWORKS: [string, NodeFramework, string][] = [
  ['next', 'nextjs', 'Next.js'],
  ['@nestjs/core', 'nestjs', 'NestJS'],
  ['fastify', 'fastify', 'Fastify'],
  ['hono', 'hono', 'Hono'],
  ['koa', 'koa', 'Koa'],
  ['express', 'express', 'Express'],
];
// Servers the wizard starts like any entry file but names no framework for.
const OTHER_SERVERS = ['@hapi/hapi', '@remix-run/node', '@remix-run/serve', 'socket.io', 'ws'];
// Programs a start script runs a file with.
const RUNNERS = new Set(['node', 'bun', 'ts-node', 'ts-node-dev', 'tsx', 'nodemon', 'node-dev']);
const ENTRY_CANDIDATES = ['server.js', 'index.js', 'app.js', 'main.js', 'server.mjs', 'index.mjs'];
const TS_CANDIDATES = ['src/main.ts', 'src/index.ts', 'src/server.ts', 'src/app.ts', 'index.ts', 'server.ts'];
// Where a plain site keeps index.html, as the static-site detector looks.
const SITE_FOLDERS = ['.', 'public', 'site', 'www', 'docs', 'src'];
// The entry the template falls back to when nothing names one.
const GUESSED_ENTRY = 'index.js';
const NEXT_CONFIGS = ['next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.cjs'];

/** What the app package (the root, or the workspace that runs) says. */
interface AppPackage {
  dir: string;
  manifest: unknown;
  files: ProjectFiles;
  dependencies: string[];
  devDependencies: string[];
}

/** A Node.js (or Node-built static) project, or null without package.json. */
export async function detectNodeProject(files: ProjectFiles): Promise<ProjectDetection | null> {
  const manifest = await files.readJson('package.json');
  if (manifest === null) return null;
  const evidence = ['package.json: a Node.js project'];
  const install = await detectPackageManager(files, manifest, evidence);
  const version = await detectNodeVersion(files, manifest, evidence);
  const { patterns, source } = await workspacePatterns(files, manifest);
  const workspaces = await listWorkspaces(files, patterns);
  const app = pickApp(files, manifest, workspaces, source, evidence);
  if (workspaces.length > 0) install.installFiles.push(...workspaces.map(({ dir }) => `${dir}/package.json`));

  const allDependencies = [
    ...app.dependencies,
    ...app.devDependencies,
    ...jsonKeys(manifest, 'devDependencies'),
  ];
  const typescript = allDependencies.includes('typescript') || (await app.files.hasFile('tsconfig.json'));
  const language = typescript ? 'TypeScript' : 'JavaScript';
  if (typescript)
    evidence.push(
      `${allDependencies.includes('typescript') ? 'typescript among the dependencies' : 'tsconfig.json'}: TypeScript`,
    );
  // In a monorepo the image builds from the root, so the root's build script is the one that runs.
  const buildScript = jsonString(manifest, 'scripts', 'build') !== null ? 'build' : null;
  const server = FRAMEWORKS.find(([name]) => allDependencies.includes(name));
  const otherServer = OTHER_SERVERS.some((name) => allDependencies.includes(name));
  const ssr = server ? null : await detectSsrServer(app.files, allDependencies, evidence);

  const suggestions: Record<string, string[]> =
    version.suggestions.length > 0 ? { nodeVersion: version.suggestions } : {};
  if (!server && !otherServer && !ssr) {
    const site = await detectSiteBuilder(app.files, app.manifest, allDependencies, evidence);
    if (site && buildScript) {
      const builder = install.display === 'Bun' ? 'Bun' : 'Node.js';
      evidence.push(`${site.name} without a server: a static site built with ${builder}`);
      return {
        template: 'static',
        language: language.toLowerCase(),
        stack: [language, install.display, site.name],
        suggestions,
        evidence,
        answers: builtSite(install, version, buildScript, prefixed(app.dir, site.output)),
      };
    }
  }

  const framework = server?.[1] ?? 'none';
  if (server) evidence.push(`${server[0]} among the dependencies: ${server[2]}`);
  if (buildScript) evidence.push(`a "build" script: built in a separate stage`);
  const layout = typescript ? await readTsLayout(app.files) : null;
  const answers = await appAnswers(
    app,
    { framework, buildScript, layout, install, version, typescript, ssr },
    evidence,
  );
  const pages =
    answers.guessedEntry !== null && !server && !otherServer && !ssr ? await siteFolder(app.files) : null;
  if (pages !== null) {
    // package.json only carries tools (a dev server, a Sass build) for a folder of HTML.
    const folder = prefixed(app.dir, pages);
    evidence.push(`${folder === '.' ? '' : `${folder}/`}index.html and no server to start: a static website`);
    return {
      template: 'static',
      language: 'html',
      stack: buildScript ? ['Static site', install.display] : ['Static site'],
      suggestions: buildScript ? suggestions : {},
      evidence,
      answers: buildScript
        ? { ...builtSite(install, version, buildScript, folder), siteDir: folder }
        : { ...defaultAnswers('static'), siteDir: folder },
    };
  }
  return {
    template: 'node',
    language: language.toLowerCase(),
    stack: [language, install.display, ...(server ? [server[2]] : ssr ? [ssr.name] : [])],
    suggestions,
    evidence,
    answers: { ...answers, workspaces: workspaces.map(({ dir }) => dir) },
  };
}

/** The package that runs: the root, unless it is only a monorepo's shell around workspace packages. */
function pickApp(
  files: ProjectFiles,
  manifest: unknown,
  workspaces: readonly WorkspacePackage[],
  source: string,
  evidence: string[],
): AppPackage {
  const describe = (dir: string, packageManifest: unknown): AppPackage => ({
    dir,
    manifest: packageManifest,
    files: dir === '' ? files : filesUnder(files, dir),
    dependencies: jsonKeys(packageManifest, 'dependencies'),
    devDependencies: jsonKeys(packageManifest, 'devDependencies'),
  });
  const root = describe('', manifest);
  if (workspaces.length === 0) return root;
  evidence.push(`${source}: a monorepo with ${workspaces.map(({ dir }) => dir).join(', ')}`);
  const serves = (candidate: unknown): boolean =>
    [...jsonKeys(candidate, 'dependencies'), ...jsonKeys(candidate, 'devDependencies')].some(
      (name) => FRAMEWORKS.some(([framework]) => framework === name) || OTHER_SERVERS.includes(name),
    );
  if (serves(manifest)) {
    evidence.push('the root package is the app: the image starts it');
    return root;
  }
  const apps = workspaces.filter(({ manifest: candidate }) => serves(candidate));
  const startable =
    apps.length > 0
      ? apps
      : workspaces.filter(({ manifest: candidate }) => jsonString(candidate, 'scripts', 'start'));
  const chosen = startable[0];
  if (!chosen) {
    evidence.push('no workspace package runs a server: the image starts the root package');
    return root;
  }
  evidence.push(
    startable.length === 1
      ? `${chosen.dir} is the only package that runs a server: the image starts it, installing from the root`
      : `several packages can run (${startable.map(({ dir }) => dir).join(', ')}): the image starts ${chosen.dir}; change the entry file for another`,
  );
  return describe(chosen.dir, chosen.manifest);
}

interface AppContext {
  framework: NodeFramework;
  buildScript: string | null;
  layout: TsLayout | null;
  install: PackageManagerFinding;
  version: NodeVersionFinding;
  typescript: boolean;
  ssr: SsrServer | null;
}

/** The node answers for the app package; paths come back relative to the project root. */
async function appAnswers(app: AppPackage, context: AppContext, evidence: string[]): Promise<NodeAnswers> {
  const { framework, buildScript, layout, install } = context;
  const startScript = jsonString(app.manifest, 'scripts', 'start');
  const answers: NodeAnswers = {
    ...defaultAnswers('node'),
    nodeVersion: context.version.version,
    packageManager: install.packageManager,
    packageManagerVersion: install.packageManagerVersion,
    lockfile: install.lockfile,
    installFiles: install.installFiles,
    buildScript,
    framework,
    startScript,
    dependencies: app.dependencies,
    devDependencies: app.devDependencies,
    ...(install.packageManager === 'bun' ? { user: { kind: 'existing', name: 'bun' } } : {}),
  };
  if (framework === 'nextjs') {
    const next = await nextAnswers(app, startScript, evidence);
    return {
      ...answers,
      ...next,
      buildOutput: prefixed(app.dir, '.next'),
      runtimeFiles: next.runtimeFiles.map((path) => prefixed(app.dir, path)),
    };
  }
  if (context.ssr) {
    const { entry, output, port, env } = context.ssr;
    return {
      ...answers,
      entryFile: prefixed(app.dir, entry),
      buildOutput: prefixed(app.dir, output),
      port,
      portFromEnv: true,
      env,
    };
  }
  const { file: entry, guessed, flags = [] } = await detectEntry(app, context, evidence);
  const listen = await detectListen(app.files, sourceCandidates(entry, layout), framework === 'fastify');
  const port = listen.port ?? 3000;
  let guessedPort: number | null = null;
  if (listen.port !== null) {
    evidence.push(
      `${listen.file}: listens on port ${port}${listen.readsEnv ? ' unless PORT says otherwise; the image sets PORT' : ''}`,
    );
  } else if (framework === 'nestjs') {
    evidence.push('NestJS listens on port 3000 by default');
  } else if (listen.readsEnv) {
    evidence.push(`${listen.file}: takes its port from PORT, which the image sets to ${port}`);
  } else {
    guessedPort = 3000;
    evidence.push('no port found in the code: 3000 is a guess');
  }
  if (listen.localhostOnly) evidence.push(`${listen.file}: listens on 127.0.0.1 only`);
  const output = framework === 'nestjs' ? (layout?.outDir ?? 'dist') : (layout?.outDir ?? outputOf(entry));
  return {
    ...answers,
    entryFile: prefixed(app.dir, entry),
    buildOutput: prefixed(app.dir, output),
    port,
    guessedPort,
    portFromEnv: listen.readsEnv,
    localhostOnly: listen.localhostOnly,
    guessedEntry: guessed ? prefixed(app.dir, entry) : null,
    nodeFlags: flags,
  };
}

/** A build's output folder guessed from the entry it starts (`build/server.js` → build). */
function outputOf(entry: string): string {
  const folder = /^(dist|build|out|lib)\//.exec(entry)?.[1];
  return folder ?? 'dist';
}

/** The file the app starts, relative to its package. */
async function detectEntry(
  app: AppPackage,
  context: AppContext,
  evidence: string[],
): Promise<{ file: string; guessed: boolean; flags?: string[] }> {
  const { layout, buildScript } = context;
  const compiled = (file: string): string => {
    if (!buildScript || !layout || !/\.[cm]?tsx?$/.test(file)) return file;
    const output = compiledPath(file, layout);
    if (output) evidence.push(`tsconfig.json outDir ${layout.outDir}: ${file} is built to ${output}`);
    return output ?? file;
  };
  for (const script of ['start:prod', 'start']) {
    const text = jsonString(app.manifest, 'scripts', script);
    const target = text ? parseStartScript(text) : null;
    if (target?.file && RUNNERS.has(target.program)) {
      evidence.push(`"${script}" script "${text}": runs ${target.file}`);
      return { file: compiled(withExtension(target.file)), guessed: false, flags: target.flags };
    }
  }
  const main = jsonString(app.manifest, 'main');
  if (main) {
    evidence.push(`"main" in package.json: ${main}`);
    return { file: compiled(withExtension(main.replace(/^\.\//, ''))), guessed: false };
  }
  if (context.framework === 'nestjs') return { file: 'dist/main.js', guessed: false };
  const candidates = context.typescript ? [...TS_CANDIDATES, ...ENTRY_CANDIDATES] : ENTRY_CANDIDATES;
  for (const candidate of candidates) {
    if (await app.files.hasFile(candidate)) {
      evidence.push(`${candidate} found`);
      return { file: compiled(candidate), guessed: false };
    }
  }
  evidence.push(`no start file found: ${GUESSED_ENTRY} is a guess`);
  return { file: GUESSED_ENTRY, guessed: true };
}

/** Next.js: standalone output or `next start`, the folders the server reads at run time, the port. */
async function nextAnswers(
  app: AppPackage,
  startScript: string | null,
  evidence: string[],
): Promise<Pick<NodeAnswers, 'standalone' | 'entryFile' | 'runtimeFiles' | 'port'>> {
  let standalone = false;
  let config: string | null = null;
  for (const file of NEXT_CONFIGS) {
    const text = await app.files.read(file);
    if (text === null) continue;
    config = file;
    standalone = /\boutput\s*:\s*['"]standalone['"]/.test(text);
    if (standalone) evidence.push(`${file}: output 'standalone', the build writes its own server.js`);
    break;
  }
  const runtimeFiles = (await app.files.hasDirectory('public')) ? ['public'] : [];
  if (!standalone && config) runtimeFiles.push(config);
  const port = Number(/(?:-p|--port)[\s=]+(\d{2,5})/.exec(startScript ?? '')?.[1] ?? 3000);
  evidence.push(`Next.js listens on port ${port}`);
  return {
    standalone,
    entryFile: standalone ? 'server.js' : 'node_modules/next/dist/bin/next',
    runtimeFiles,
    port,
  };
}

/** Static answers for a site Node.js (or Bun) builds into `output`. */
function builtSite(
  install: PackageManagerFinding,
  version: NodeVersionFinding,
  buildScript: string,
  output: string,
): StaticAnswers {
  return {
    ...defaultAnswers('static'),
    build: 'node',
    nodeVersion: version.version,
    packageManager: install.packageManager,
    packageManagerVersion: install.packageManagerVersion,
    lockfile: install.lockfile,
    installFiles: install.installFiles,
    buildScript,
    buildOutput: output,
  };
}

function prefixed(dir: string, path: string): string {
  if (dir === '') return path;
  return path === '.' ? dir : `${dir}/${path}`;
}

/** The folder holding index.html for a site without a server, or null. */
async function siteFolder(files: ProjectFiles): Promise<string | null> {
  for (const folder of SITE_FOLDERS) {
    if (await files.hasFile(folder === '.' ? 'index.html' : `${folder}/index.html`)) return folder;
  }
  return null;
}
