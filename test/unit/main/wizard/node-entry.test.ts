import { describe, expect, it } from 'vitest';
import {
  compiledPath,
  parseStartScript,
  sourceCandidates,
  withExtension,
} from '../../../../src/main/wizard/node-entry';

describe('parseStartScript', () => {
  it.each([
    ['node server.js', 'node', 'server.js', []],
    [
      'node --enable-source-maps -r dotenv/config ./dist/index.js',
      'node',
      'dist/index.js',
      ['--enable-source-maps'],
    ],
    [
      'NODE_ENV=production node --import ./otel.mjs dist/main',
      'node',
      'dist/main',
      ['--import', './otel.mjs'],
    ],
    ['cross-env NODE_ENV=production node --watch --env-file=.env build/app.mjs', 'node', 'build/app.mjs', []],
    ['dotenv -e .env.production -- node dist/server.js', 'node', 'dist/server.js', []],
    [
      'npm run build && node --max-old-space-size=512 dist/index.js',
      'node',
      'dist/index.js',
      ['--max-old-space-size=512'],
    ],
    ['ts-node src/index.ts', 'ts-node', 'src/index.ts', []],
    ['tsx watch src/server.ts', 'tsx', 'src/server.ts', []],
    ['nodemon --exec ts-node src/app.ts', 'nodemon', 'src/app.ts', []],
    ['bun run src/index.ts', 'bun', 'src/index.ts', []],
    ['bun --hot src/index.ts', 'bun', 'src/index.ts', []],
    ['next start -p 4000', 'next', null, []],
    ['nest start', 'nest', null, []],
    ['node -r dotenv/config -e "console.log(1)"', 'node', null, ['-e', 'console.log(1)']],
  ])('%s runs %s with %s and the options %j', (script, program, file, flags) => {
    expect(parseStartScript(script)).toEqual({ program, file, flags });
  });

  it('finds nothing in an empty script', () => {
    expect(parseStartScript('  ')).toBeNull();
  });
});

describe('compiledPath', () => {
  it.each([
    ['src/index.ts', { outDir: 'dist', rootDir: 'src' }, 'dist/index.js'],
    ['src/index.ts', { outDir: 'dist', rootDir: null }, 'dist/index.js'],
    ['server/main.mts', { outDir: 'build', rootDir: 'server' }, 'build/main.mjs'],
    ['index.ts', { outDir: 'out', rootDir: null }, 'out/index.js'],
    ['src/index.ts', { outDir: null, rootDir: null }, null],
    ['src/index.js', { outDir: 'dist', rootDir: 'src' }, null],
  ])('%s with %j is built to %s', (source, layout, expected) => {
    expect(compiledPath(source, layout)).toBe(expected);
  });
});

describe('node entry helpers', () => {
  it('adds .js only to an entry without an extension', () => {
    expect(withExtension('dist/main')).toBe('dist/main.js');
    expect(withExtension('server.mjs')).toBe('server.mjs');
  });

  it('looks for the port in the TypeScript source of a compiled entry first', () => {
    expect(sourceCandidates('build/server.js', { outDir: 'build', rootDir: 'src' }).slice(0, 3)).toEqual([
      'build/server.js',
      'src/server.ts',
      'src/server.js',
    ]);
  });
});
