/**
 * Detects a Node.js project from package.json: package manager from the lockfile, Node version
 * from .nvmrc, .node-version or engines.node, build and start scripts. A front-end app (Vite,
 * Create React App…) without a server becomes a static site built with Node.
 */
import type { ProjectDetection } from '../../shared/wizard/project-detection';
import type { NodeAnswers } from '../../shared/wizard/wizard-answers';
import { defaultAnswers } from '../../shared/wizard/wizard-templates';
import { pickVersion } from './pick-version';
import { jsonKeys, jsonString, type ProjectFiles } from './project-files';

const NODE_VERSIONS = ['24', '22', '20', '18'];
// .nvmrc may name an LTS line instead of a number.
/** A Map: the codename comes from the project's .nvmrc, and `lts/constructor` must find nothing. */
const LTS_CODENAMES = new Map([
  ['hydrogen', '18'],
  ['iron', '20'],
  ['jod', '22'],
  ['krypton', '24'],
]);
const LOCKFILES: [string, NodeAnswers['packageManager']][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['package-lock.json', 'npm'],
];
const SERVER_PACKAGES = [
  'express',
  'fastify',
  'koa',
  '@hapi/hapi',
  '@nestjs/core',
  'next',
  'nuxt',
  '@remix-run/node',
  'hono',
];
// Front-end build tools and the folder each writes by default.
const SITE_BUILDERS: [string, string][] = [
  ['react-scripts', 'build'],
  ['gatsby', 'public'],
  ['astro', 'dist'],
  ['@vue/cli-service', 'dist'],
  ['@angular/cli', 'dist'],
  ['vite', 'dist'],
];

/** A Node.js (or Node-built static) project, or null without package.json. */
export async function detectNodeProject(files: ProjectFiles): Promise<ProjectDetection | null> {
  const manifest = await files.readJson('package.json');
  if (manifest === null) return null;
  const evidence = ['package.json: a Node.js project'];

  let packageManager: NodeAnswers['packageManager'] = 'npm';
  let lockfile = false;
  for (const [file, manager] of LOCKFILES) {
    if (await files.hasFile(file)) {
      packageManager = manager;
      lockfile = true;
      evidence.push(`${file}: ${manager}`);
      break;
    }
  }
  if (!lockfile) {
    const declared = /^(npm|yarn|pnpm)@/.exec(jsonString(manifest, 'packageManager') ?? '')?.[1];
    if (declared === 'npm' || declared === 'yarn' || declared === 'pnpm') {
      packageManager = declared;
      evidence.push(`"packageManager" in package.json: ${declared}`);
    }
    evidence.push('no lockfile: installs cannot be exact (commit one)');
  }

  const nodeVersion = await detectNodeVersion(files, manifest, evidence);
  const scripts = jsonKeys(manifest, 'scripts');
  const buildScript = scripts.includes('build') ? 'build' : null;
  const dependencies = [...jsonKeys(manifest, 'dependencies'), ...jsonKeys(manifest, 'devDependencies')];
  const siteBuilder = SITE_BUILDERS.find(([name]) => dependencies.includes(name));
  const server = SERVER_PACKAGES.find((name) => dependencies.includes(name));

  if (siteBuilder && buildScript && !server) {
    evidence.push(`${siteBuilder[0]} without a server: a static site built with Node.js`);
    return {
      template: 'static',
      language: 'javascript',
      stack: ['JavaScript', siteBuilder[0]],
      suggestions: {},
      evidence,
      answers: {
        ...defaultAnswers('static'),
        build: 'node',
        nodeVersion,
        packageManager,
        lockfile,
        buildScript,
        buildOutput: siteBuilder[1],
      },
    };
  }

  if (buildScript) evidence.push('a "build" script: built in a separate stage');
  const entryFile = await detectEntryFile(files, manifest, evidence);
  return {
    template: 'node',
    language: 'javascript',
    stack: ['JavaScript'],
    suggestions: {},
    evidence,
    answers: { ...defaultAnswers('node'), nodeVersion, packageManager, lockfile, buildScript, entryFile },
  };
}

async function detectNodeVersion(
  files: ProjectFiles,
  manifest: unknown,
  evidence: string[],
): Promise<string> {
  const preferred = defaultAnswers('node').nodeVersion;
  for (const file of ['.nvmrc', '.node-version']) {
    const text = (await files.read(file))?.trim().toLowerCase();
    if (!text) continue;
    const codename = LTS_CODENAMES.get(text.replace(/^lts\//, ''));
    const version = codename ?? /^v?(\d+)/.exec(text)?.[1];
    if (version) {
      evidence.push(`${file}: Node.js ${version}`);
      return version;
    }
  }
  const engines = jsonString(manifest, 'engines', 'node');
  if (engines) {
    const version = pickVersion(engines, NODE_VERSIONS, preferred);
    if (version) {
      evidence.push(`engines.node "${engines}": Node.js ${version}`);
      return version.split('.')[0]!;
    }
  }
  return preferred;
}

async function detectEntryFile(files: ProjectFiles, manifest: unknown, evidence: string[]): Promise<string> {
  const start = jsonString(manifest, 'scripts', 'start');
  const started = start
    ? /^node\s+(?:--?[\w-]+(?:=\S+)?\s+)*([^\s-][^\s]*)/.exec(start.trim())?.[1]
    : undefined;
  if (started) {
    evidence.push(`start script "${start}": runs ${started}`);
    return started;
  }
  const main = jsonString(manifest, 'main');
  if (main) {
    evidence.push(`"main" in package.json: ${main}`);
    return main;
  }
  for (const candidate of ['server.js', 'index.js', 'app.js', 'main.js']) {
    if (await files.hasFile(candidate)) {
      evidence.push(`${candidate} found`);
      return candidate;
    }
  }
  return defaultAnswers('node').entryFile;
}
