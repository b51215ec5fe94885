import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectNodeProject } from '../../../../src/main/wizard/detect-node-project';
import { openProjectFiles } from '../../../../src/main/wizard/project-files';
import type { ProjectDetection } from '../../../../src/shared/wizard/project-detection';
import type { NodeAnswers, StaticAnswers } from '../../../../src/shared/wizard/wizard-answers';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-detect-node-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function detect(files: Record<string, string | object>): Promise<ProjectDetection> {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  const found = await detectNodeProject(openProjectFiles(dir));
  expect(found).not.toBeNull();
  return found!;
}

const node = (detection: ProjectDetection): NodeAnswers => {
  expect(detection.template).toBe('node');
  return detection.answers as NodeAnswers;
};
const site = (detection: ProjectDetection): StaticAnswers => {
  expect(detection.template).toBe('static');
  return detection.answers as StaticAnswers;
};

describe('detectNodeProject: package managers', () => {
  it.each([
    ['package-lock.json', '{}', 'npm', []],
    ['npm-shrinkwrap.json', '{}', 'npm', ['npm-shrinkwrap.json']],
    ['yarn.lock', '# yarn lockfile v1\n', 'yarn', []],
    ['yarn.lock', '__metadata:\n  version: 8\n  cacheKey: 10c0\n', 'yarn-berry', []],
    ['pnpm-lock.yaml', "lockfileVersion: '9.0'\n", 'pnpm', []],
    ['bun.lock', '{}', 'bun', []],
    ['bun.lockb', 'binary', 'bun', ['bun.lockb']],
  ])('recognises %s (%s) as %s', async (lockfile, content, manager, installFiles) => {
    const answers = node(await detect({ 'package.json': { name: 'a' }, [lockfile]: content }));
    expect(answers).toMatchObject({ packageManager: manager, lockfile: true, installFiles });
  });

  it('keeps the exact version of "packageManager", without the Corepack hash', async () => {
    const detection = await detect({
      'package.json': { packageManager: 'pnpm@9.1.0+sha512.abcdef' },
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
    });
    expect(node(detection)).toMatchObject({ packageManager: 'pnpm', packageManagerVersion: '9.1.0' });
    expect(detection.stack).toEqual(['JavaScript', 'pnpm']);
    expect(detection.evidence).toContain('"packageManager" in package.json: pnpm@9.1.0');
  });

  it.each([
    ["lockfileVersion: '9.0'", '9'],
    ["lockfileVersion: '6.0'", '8'],
    ['lockfileVersion: 5.4', '7'],
    ['lockfileVersion: 5.3', '6'],
  ])('reads the pnpm line from "%s" when no version is declared', async (header, line) => {
    const answers = node(await detect({ 'package.json': {}, 'pnpm-lock.yaml': `${header}\n` }));
    expect(answers.packageManagerVersion).toBe(line);
  });

  it('prefers the declared manager over a stray lockfile of another', async () => {
    const detection = await detect({
      'package.json': { packageManager: 'yarn@4.1.1' },
      'yarn.lock': '__metadata:\n  version: 8\n',
      'package-lock.json': '{}',
    });
    expect(node(detection)).toMatchObject({ packageManager: 'yarn-berry', packageManagerVersion: '4.1.1' });
    expect(detection.evidence.join('\n')).toContain('also found package-lock.json; not used');
  });

  it('takes Yarn Berry from .yarnrc.yml, with the release yarnPath points to', async () => {
    const answers = node(
      await detect({
        'package.json': {},
        'yarn.lock': '__metadata:\n  version: 6\n',
        '.yarnrc.yml': 'nodeLinker: node-modules\nyarnPath: .yarn/releases/yarn-3.6.4.cjs\n',
        '.yarn/releases/yarn-3.6.4.cjs': '// yarn',
      }),
    );
    expect(answers).toMatchObject({
      packageManager: 'yarn-berry',
      packageManagerVersion: '3.6.4',
      installFiles: ['.yarnrc.yml', '.yarn/releases/'],
    });
  });

  it('reads the Yarn line from the lockfile format when nothing else says it', async () => {
    const answers = node(await detect({ 'package.json': {}, 'yarn.lock': '__metadata:\n  version: 6\n' }));
    expect(answers).toMatchObject({ packageManager: 'yarn-berry', packageManagerVersion: '3' });
  });

  it('keeps Yarn 1 for yarn@1 in packageManager', async () => {
    const answers = node(
      await detect({ 'package.json': { packageManager: 'yarn@1.22.22' }, 'yarn.lock': '' }),
    );
    expect(answers).toMatchObject({ packageManager: 'yarn', packageManagerVersion: null });
  });

  it('copies .npmrc and patches/ before the install, but never an .npmrc holding a token', async () => {
    const plain = node(
      await detect({ 'package.json': {}, '.npmrc': 'legacy-peer-deps=true\n', 'patches/a.patch': '' }),
    );
    expect(plain.installFiles).toEqual(['.npmrc', 'patches/']);
    rmSync(join(dir, '.npmrc'));
    rmSync(join(dir, 'patches'), { recursive: true });
    const secret = await detect({ '.npmrc': '//registry.npmjs.org/:_authToken=npm_abc\n' });
    expect(node(secret).installFiles).toEqual([]);
    expect(secret.evidence.join('\n')).toContain('.npmrc holds a credential');
  });

  it('says when there is no lockfile and falls back to the declared manager', async () => {
    const detection = await detect({ 'package.json': { packageManager: 'bun@1.1.30' } });
    expect(node(detection)).toMatchObject({
      packageManager: 'bun',
      packageManagerVersion: '1.1.30',
      lockfile: false,
    });
    expect(detection.stack).toEqual(['JavaScript', 'Bun']);
  });
});

describe('detectNodeProject: Node.js version', () => {
  it.each([
    [{ '.nvmrc': 'v20.11.1\n' }, '20.11.1', ['20.11.1', '20']],
    [{ '.nvmrc': '20\n' }, '20', undefined],
    [{ '.nvmrc': 'lts/hydrogen' }, '18', undefined],
    [{ '.nvmrc': 'lts/*' }, '24', undefined],
    [{ '.node-version': '22.3' }, '22.3', ['22.3', '22']],
    [{ 'package.json': { volta: { node: '18.20.2' } } }, '18.20.2', ['18.20.2', '18']],
    [{ 'package.json': { engines: { node: '20.12.0' } } }, '20.12.0', ['20.12.0', '20']],
    [{ 'package.json': { engines: { node: '>=18.17' } } }, '22', undefined],
  ])('reads %j as Node.js %s', async (files, version, suggestion) => {
    const detection = await detect({ 'package.json': {}, ...files });
    expect(node(detection).nodeVersion).toBe(version);
    expect(detection.suggestions.nodeVersion).toEqual(suggestion);
  });

  it('takes .nvmrc before volta and engines', async () => {
    const detection = await detect({
      '.nvmrc': '20.11.1',
      'package.json': { volta: { node: '22.1.0' }, engines: { node: '>=18' } },
    });
    expect(node(detection).nodeVersion).toBe('20.11.1');
  });
});

describe('detectNodeProject: entry, build and port', () => {
  it('maps a TypeScript start file to the compiled file under outDir and rootDir', async () => {
    const detection = await detect({
      'package.json': {
        scripts: { build: 'tsc', start: 'ts-node src/server.ts' },
        devDependencies: { typescript: '5' },
      },
      'tsconfig.json': '{ "compilerOptions": { "outDir": "out", "rootDir": "src", }, // built\n}',
      'src/server.ts': 'server.listen(5050);\n',
    });
    expect(node(detection)).toMatchObject({
      entryFile: 'out/server.js',
      buildOutput: 'out',
      port: 5050,
      guessedPort: null,
    });
    expect(detection.stack).toEqual(['TypeScript', 'npm']);
  });

  it('adds .js to an entry named without it (Nest\'s "node dist/main")', async () => {
    const answers = node(
      await detect({
        'package.json': {
          scripts: { build: 'nest build', start: 'nest start', 'start:prod': 'node dist/main' },
          dependencies: { '@nestjs/core': '10' },
        },
      }),
    );
    expect(answers).toMatchObject({
      framework: 'nestjs',
      entryFile: 'dist/main.js',
      port: 3000,
      guessedPort: null,
    });
  });

  it('guesses port 3000 when the code names none, and says so', async () => {
    const detection = await detect({
      'package.json': { main: 'app.js', dependencies: { express: '4' } },
      'app.js': 'const config = require("./config");\napp.listen(config.port);\n',
    });
    expect(node(detection)).toMatchObject({ port: 3000, guessedPort: 3000, portFromEnv: false });
    expect(detection.evidence).toContain('no port found in the code: 3000 is a guess');
  });

  it('lets the image decide the port when the code reads PORT', async () => {
    const answers = node(
      await detect({
        'package.json': { main: 'app.js', dependencies: { express: '4' } },
        'app.js': 'app.listen(process.env.PORT);\n',
      }),
    );
    expect(answers).toMatchObject({ port: 3000, guessedPort: null, portFromEnv: true });
  });

  it.each([
    ['fastify.listen({ port: 3000 })', true],
    ["fastify.listen({ port: 3000, host: '0.0.0.0' })", false],
    ["app.listen(3000, '127.0.0.1')", true],
  ])('notices when %s listens on localhost only: %s', async (code, localhostOnly) => {
    const answers = node(
      await detect({
        'package.json': { main: 'server.js', dependencies: { fastify: '4' } },
        'server.js': code,
      }),
    );
    expect(answers.localhostOnly).toBe(localhostOnly);
  });

  it('says when no start file can be found', async () => {
    const answers = node(await detect({ 'package.json': { dependencies: { express: '4' } } }));
    expect(answers).toMatchObject({ entryFile: 'index.js', guessedEntry: 'index.js' });
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    const found = node(await detect({ 'package.json': { dependencies: { express: '4' } }, 'index.js': '' }));
    expect(found).toMatchObject({ entryFile: 'index.js', guessedEntry: null });
  });

  it('treats a package.json with only site tools and an index.html as a static site', async () => {
    const plain = await detect({
      'package.json': { scripts: { start: 'serve public' }, devDependencies: { serve: '14' } },
      'public/index.html': '<h1>hi</h1>',
    });
    expect(site(plain)).toMatchObject({ build: 'none', siteDir: 'public' });
    expect(plain.stack).toEqual(['Static site']);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    const built = await detect({
      'package.json': { scripts: { build: 'sass scss:public/css' }, devDependencies: { sass: '1' } },
      'package-lock.json': '{}',
      'public/index.html': '<h1>hi</h1>',
    });
    expect(site(built)).toMatchObject({ build: 'node', buildOutput: 'public', buildScript: 'build' });
    expect(built.stack).toEqual(['Static site', 'npm']);
  });

  it('finds the entry among the usual names when package.json names none', async () => {
    const answers = node(
      await detect({ 'package.json': { dependencies: { koa: '2' } }, 'app.js': 'x.listen(8000)' }),
    );
    expect(answers).toMatchObject({ entryFile: 'app.js', port: 8000, framework: 'koa' });
  });

  it('detects Next.js standalone output and the public folder', async () => {
    const detection = await detect({
      'package.json': { scripts: { build: 'next build' }, dependencies: { next: '14' } },
      'next.config.js': 'module.exports = { output: "standalone" };',
      'public/favicon.ico': '',
    });
    expect(node(detection)).toMatchObject({
      framework: 'nextjs',
      standalone: true,
      buildOutput: '.next',
      runtimeFiles: ['public'],
      port: 3000,
    });
    expect(detection.stack).toEqual(['JavaScript', 'npm', 'Next.js']);
  });

  it('gives Bun projects the image user "bun"', async () => {
    const answers = node(
      await detect({ 'package.json': { scripts: { start: 'bun src/index.ts' } }, 'bun.lock': '' }),
    );
    expect(answers).toMatchObject({ entryFile: 'src/index.ts', user: { kind: 'existing', name: 'bun' } });
  });
});

describe('detectNodeProject: servers written by a front-end build', () => {
  it.each([
    [
      { astro: '4', '@astrojs/node': '8' },
      'Astro',
      'dist/server/entry.mjs',
      'dist',
      4321,
      [{ name: 'HOST', value: '0.0.0.0' }],
    ],
    [
      { '@sveltejs/kit': '2', '@sveltejs/adapter-node': '5', vite: '5' },
      'SvelteKit',
      'build/index.js',
      'build',
      3000,
      [],
    ],
    [{ nuxt: '3' }, 'Nuxt', '.output/server/index.mjs', '.output', 3000, []],
  ])('%j runs the server its build writes', async (dependencies, name, entry, output, port, env) => {
    const detection = await detect({ 'package.json': { scripts: { build: 'x' }, dependencies } });
    expect(node(detection)).toMatchObject({
      entryFile: entry,
      buildOutput: output,
      port,
      env,
      portFromEnv: true,
    });
    expect(detection.stack).toEqual(['JavaScript', 'npm', name]);
  });

  it('serves SvelteKit with adapter-static from build/', async () => {
    const detection = await detect({
      'package.json': {
        scripts: { build: 'vite build' },
        devDependencies: { '@sveltejs/kit': '2', '@sveltejs/adapter-static': '3', vite: '5' },
      },
    });
    expect(site(detection).buildOutput).toBe('build');
    expect(detection.stack).toEqual(['JavaScript', 'npm', 'SvelteKit']);
  });
});

describe('detectNodeProject: monorepos', () => {
  it('starts the workspace that runs a server, from pnpm-workspace.yaml', async () => {
    const detection = await detect({
      'package.json': { name: 'root', private: true, scripts: { build: 'turbo run build' } },
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n  - \"libs/*\"\n  - '!**/test/**'\n",
      'apps/web/package.json': { name: 'web', dependencies: { react: '18' } },
      'apps/api/package.json': { name: 'api', main: 'dist/index.js', dependencies: { fastify: '4' } },
      'libs/util/package.json': { name: 'util' },
    });
    const answers = node(detection);
    expect(answers).toMatchObject({
      entryFile: 'apps/api/dist/index.js',
      buildScript: 'build',
      buildOutput: 'apps/api/dist',
      workspaces: ['apps/api', 'apps/web', 'libs/util'],
      installFiles: [
        'pnpm-workspace.yaml',
        'apps/api/package.json',
        'apps/web/package.json',
        'libs/util/package.json',
      ],
    });
    expect(detection.evidence.join('\n')).toContain('pnpm-workspace.yaml: a monorepo');
  });

  it('keeps the root when the root itself is the server', async () => {
    const answers = node(
      await detect({
        'package.json': {
          workspaces: { packages: ['packages/*'] },
          main: 'server.js',
          dependencies: { express: '4' },
        },
        'packages/lib/package.json': { name: 'lib' },
      }),
    );
    expect(answers).toMatchObject({ entryFile: 'server.js', workspaces: ['packages/lib'] });
  });
});

describe('detectNodeProject: front-end builds', () => {
  it.each([
    [{ vite: '5' }, {}, 'dist', 'Vite'],
    [
      { vite: '5' },
      { 'vite.config.js': "export default { build: { outDir: 'public_html' } }" },
      'public_html',
      'Vite',
    ],
    [{ 'react-scripts': '5' }, {}, 'build', 'Create React App'],
    [{ gatsby: '5' }, {}, 'public', 'Gatsby'],
    [
      { '@angular/core': '16' },
      {
        'angular.json': JSON.stringify({
          projects: {
            admin: {
              architect: {
                build: {
                  builder: '@angular-devkit/build-angular:browser',
                  options: { outputPath: 'dist/admin' },
                },
              },
            },
          },
        }),
      },
      'dist/admin',
      'Angular',
    ],
  ])('builds %j into its output folder', async (dependencies, files, output, name) => {
    const detection = await detect({
      'package.json': { scripts: { build: 'x' }, dependencies },
      'yarn.lock': '',
      ...files,
    });
    expect(site(detection)).toMatchObject({ build: 'node', buildOutput: output, packageManager: 'yarn' });
    expect(detection.stack).toEqual(['JavaScript', 'Yarn', name]);
  });

  it('keeps a Vite app with its own server on the Node.js template', async () => {
    const detection = await detect({
      'package.json': {
        scripts: { build: 'vite build', start: 'node server.js' },
        dependencies: { vite: '5', express: '4' },
      },
    });
    expect(node(detection).framework).toBe('express');
  });
});
