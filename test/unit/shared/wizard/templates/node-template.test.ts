import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../../../../../src/shared/dockerfile/lint/lint-dockerfile';
import { generateDockerfile } from '../../../../../src/shared/wizard/generate-dockerfile';
import {
  installCommand,
  manifestFiles,
  type NodeInstall,
} from '../../../../../src/shared/wizard/templates/node-install';
import { nodeTemplate, type NodeAnswers } from '../../../../../src/shared/wizard/templates/node-template';
import { defaultAnswers } from '../../../../../src/shared/wizard/wizard-templates';

const answers = (changes: Partial<NodeAnswers>): NodeAnswers => ({ ...defaultAnswers('node'), ...changes });
const cautions = (changes: Partial<NodeAnswers>): string[] =>
  nodeTemplate.cautions(answers(changes)).map((caution) => caution.message);
const warnings = (text: string): string[] =>
  lintDockerfile(text)
    .filter((finding) => finding.severity !== 'info')
    .map((finding) => finding.message);

describe('node template installs', () => {
  it.each([
    ['npm', true, true, 'npm ci --omit=dev && npm cache clean --force'],
    ['yarn', true, true, 'yarn install --frozen-lockfile --production && yarn cache clean'],
    ['yarn-berry', true, false, 'yarn install --immutable && yarn cache clean --all'],
    ['yarn-berry', true, true, 'yarn workspaces focus --all --production && yarn cache clean --all'],
    ['pnpm', false, true, 'pnpm install --prod'],
    ['bun', true, true, 'bun install --frozen-lockfile --production'],
  ] as const)('%s (lockfile %s, production %s): %s', (packageManager, lockfile, production, command) => {
    const install = { packageManager, lockfile, packageManagerVersion: null, installFiles: [] };
    expect(installCommand(install, production)).toBe(command);
  });

  it('installs everything for production on Yarn 2 and 3, which lack `workspaces focus` without a plugin', () => {
    const install: NodeInstall = {
      packageManager: 'yarn-berry',
      lockfile: true,
      packageManagerVersion: '3.6.4',
      installFiles: [],
    };
    expect(installCommand(install, true)).toBe('yarn install --immutable && yarn cache clean --all');
  });

  it('prepares pnpm at exactly the pinned version through Corepack, in both stages', () => {
    const text = generateDockerfile(
      answers({
        packageManager: 'pnpm',
        packageManagerVersion: '9.1.0',
        nodeVersion: '20.11.1',
        buildScript: 'build',
      }),
    );
    const prepare = text
      .split('\n')
      .filter((line) => line.includes('corepack prepare pnpm@9.1.0 --activate'));
    expect(prepare).toHaveLength(2);
    expect(text).not.toContain('pnpm@9 ');
    expect(text).toContain('FROM node:20.11.1-slim AS build');
    expect(text).toContain('RUN pnpm install --frozen-lockfile --prod');
    expect(warnings(text)).toEqual([]);
  });

  it('uses the pnpm line of the lockfile when nothing pins a version', () => {
    expect(generateDockerfile(answers({ packageManager: 'pnpm' }))).toContain(
      'corepack prepare pnpm@9 --activate',
    );
  });

  it('runs Yarn Berry through Corepack into node_modules, copying .yarnrc.yml and the release', () => {
    const text = generateDockerfile(
      answers({
        packageManager: 'yarn-berry',
        packageManagerVersion: '4.1.1',
        installFiles: ['.yarnrc.yml', '.yarn/releases/'],
      }),
    );
    expect(text).toContain('YARN_NODE_LINKER=node-modules');
    expect(text).toContain('corepack enable yarn && corepack prepare yarn@4.1.1 --activate');
    expect(text).toContain(
      'COPY package.json yarn.lock .yarnrc.yml ./\nCOPY .yarn/releases/ ./.yarn/releases/',
    );
    expect(warnings(text)).toEqual([]);
  });

  it('copies workspace manifests into their own folders before the install', () => {
    const install: NodeInstall = {
      packageManager: 'pnpm',
      lockfile: true,
      packageManagerVersion: null,
      installFiles: ['pnpm-workspace.yaml', 'apps/api/package.json', 'libs/a/package.json'],
    };
    expect(manifestFiles(install)).toBe('package.json pnpm-lock.yaml pnpm-workspace.yaml');
    const text = generateDockerfile(answers(install));
    expect(text).toContain(
      'COPY apps/api/package.json ./apps/api/\nCOPY libs/a/package.json ./libs/a/\nRUN pnpm',
    );
  });

  it('copies the lockfile a project has when it is not the usual one', () => {
    const base = { lockfile: true, packageManagerVersion: null };
    expect(manifestFiles({ ...base, packageManager: 'npm', installFiles: ['npm-shrinkwrap.json'] })).toBe(
      'package.json npm-shrinkwrap.json',
    );
    expect(manifestFiles({ ...base, packageManager: 'bun', installFiles: ['bun.lockb'] })).toBe(
      'package.json bun.lockb',
    );
  });
});

describe('node template images and start', () => {
  it('builds Bun projects on oven/bun as its user "bun", running TypeScript directly', () => {
    const text = generateDockerfile(
      answers({ packageManager: 'bun', packageManagerVersion: '1.1.38', entryFile: 'src/index.ts' }),
    );
    expect(text).toContain('FROM oven/bun:1.1.38-slim');
    expect(text).toContain('USER bun');
    expect(text).toContain('CMD ["bun", "run", "src/index.ts"]');
    expect(nodeTemplate.finalBaseImage(answers({ packageManager: 'bun', variant: 'full' }))).toBe(
      'oven/bun:1.2-debian',
    );
    expect(warnings(text)).toEqual([]);
  });

  it('writes a Next.js standalone image that installs nothing and listens on all interfaces', () => {
    const text = generateDockerfile(
      answers({
        framework: 'nextjs',
        standalone: true,
        buildScript: 'build',
        buildOutput: '.next',
        runtimeFiles: ['public'],
      }),
    );
    const final = text.slice(text.lastIndexOf('FROM '));
    expect(final).not.toContain('npm ci');
    expect(final).toContain('HOSTNAME=0.0.0.0');
    expect(final).toContain('COPY --from=build /app/.next/standalone ./');
    expect(final).toContain('COPY --from=build /app/.next/static ./.next/static');
    expect(final).toContain('COPY --from=build /app/public ./public');
    expect(final).toContain('CMD ["node", "server.js"]');
    expect(warnings(text)).toEqual([]);
  });

  it('starts Next.js with next start on the chosen port, with .next and its config', () => {
    const text = generateDockerfile(
      answers({
        framework: 'nextjs',
        buildScript: 'build',
        buildOutput: '.next',
        runtimeFiles: ['next.config.js'],
        port: 4000,
      }),
    );
    expect(text).toContain(
      'COPY --from=build /app/.next ./.next\nCOPY --from=build /app/next.config.js ./next.config.js',
    );
    expect(text).toContain('CMD ["node", "node_modules/next/dist/bin/next", "start", "--port", "4000"]');
  });

  it('sets PORT to the chosen port for an app that reads it, unless the user set PORT', () => {
    expect(generateDockerfile(answers({ portFromEnv: true, port: 8080 }))).toContain(
      'ENV NODE_ENV=production \\\n    PORT=8080\n',
    );
    const own = generateDockerfile(
      answers({ portFromEnv: true, port: 8080, env: [{ name: 'PORT', value: '9' }] }),
    );
    expect(own.match(/PORT=/g)).toHaveLength(1);
    expect(generateDockerfile(answers({ port: 8080 }))).not.toContain('PORT=');
  });

  it("keeps node's options from the start script, each one word even with spaces", () => {
    const text = generateDockerfile(answers({ nodeFlags: ['--enable-source-maps', '--title=my app'] }));
    expect(text).toContain('CMD ["node", "--enable-source-maps", "--title=my app", "index.js"]');
  });

  it('starts an entry listed among the runtime files as it is, not inside the output folder', () => {
    const text = generateDockerfile(
      answers({ buildScript: 'build', entryFile: 'server.js', runtimeFiles: ['server.js'] }),
    );
    expect(text).toContain('CMD ["node", "server.js"]');
  });
});

describe('node template cautions', () => {
  it('has none for a plain JavaScript app with a lockfile and a known port', () => {
    expect(cautions({ entryFile: 'server.js' })).toEqual([]);
  });

  it('warns that node cannot be trusted to run a TypeScript entry without a build', () => {
    expect(cautions({ entryFile: 'src/index.ts' }).join('\n')).toContain('a TypeScript file');
    expect(cautions({ entryFile: 'src/index.ts', packageManager: 'bun' })).toEqual([]);
  });

  it('warns about an entry only a build writes when there is no build step', () => {
    expect(cautions({ entryFile: 'dist/server.js' }).join('\n')).toContain(
      'written by a build, but there is no build step',
    );
  });

  it('warns when the entry is outside the build output that alone reaches the image', () => {
    const messages = cautions({ buildScript: 'build', entryFile: 'server.js' });
    expect(messages.join('\n')).toContain('only dist/ reaches the final image, so it starts dist/server.js');
    expect(cautions({ buildScript: 'build', entryFile: 'dist/server.js' })).toEqual([]);
  });

  it('warns when the start command runs a devDependency the production install leaves out', () => {
    const base = { devDependencies: ['ts-node', 'typescript'], startScript: 'ts-node src/index.ts' };
    expect(cautions({ ...base, startCommand: 'npm start' }).join('\n')).toContain(
      'runs ts-node from ts-node, a devDependency',
    );
    expect(cautions({ ...base, startCommand: 'npx ts-node src/index.ts' }).join('\n')).toContain(
      'a devDependency',
    );
    expect(cautions({ ...base, startCommand: 'node index.js' })).toEqual([]);
    const next = { framework: 'nextjs', buildScript: 'build', buildOutput: '.next' } as const;
    expect(cautions({ ...next, devDependencies: ['next'] }).join('\n')).toContain('runs next from next');
    expect(cautions({ ...next, dependencies: ['next'] })).toEqual([]);
  });

  it('warns about Next.js without a build script', () => {
    expect(cautions({ framework: 'nextjs', dependencies: ['next'] }).join('\n')).toContain(
      'Next.js has no build script',
    );
  });

  it('warns without a lockfile, naming the one to commit', () => {
    expect(cautions({ lockfile: false, packageManager: 'pnpm' }).join('\n')).toContain(
      'Commit pnpm-lock.yaml',
    );
  });

  it('warns about a guessed port only while the port is still the guess', () => {
    expect(cautions({ guessedPort: 3000 }).join('\n')).toContain('Port 3000 is a guess');
    expect(cautions({ guessedPort: 3000, port: 8080 })).toEqual([]);
  });

  it('warns about a server that listens on localhost only', () => {
    expect(cautions({ localhostOnly: true }).join('\n')).toContain('listens on 127.0.0.1 only');
  });

  it('warns about a guessed entry file only while it is still the guess', () => {
    expect(cautions({ guessedEntry: 'index.js' }).join('\n')).toContain('No start file found');
    expect(cautions({ guessedEntry: 'index.js', entryFile: 'src/app.js' })).toEqual([]);
  });

  it('warns that a monorepo build ships only the output folder', () => {
    const messages = cautions({
      buildScript: 'build',
      entryFile: 'dist/index.js',
      workspaces: ['apps/api', 'libs/db'],
    });
    expect(messages.join('\n')).toContain('workspace packages the app imports (apps/api, libs/db)');
  });
});
