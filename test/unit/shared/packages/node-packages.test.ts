import { describe, expect, it } from 'vitest';
import {
  nodePackageFolder,
  nodePackageSizes,
  parseNodeManifest,
} from '../../../../src/shared/packages/node-packages';

describe('parseNodeManifest', () => {
  it('reads name, version and licence of a package.json', () => {
    const manifest = JSON.stringify({
      name: 'ms',
      version: '2.1.3',
      description: 'Tiny millisecond conversion utility',
      repository: 'vercel/ms',
      main: './index',
      files: ['index.js'],
      license: 'MIT',
    });
    expect(parseNodeManifest(manifest)).toEqual({
      name: 'ms',
      version: '2.1.3',
      arch: null,
      sizeBytes: null,
      source: null,
      license: 'MIT',
    });
  });

  it.each([
    ['not JSON', '{"name": "a",'],
    ['an array', '["a"]'],
    ['no version (a folder-level package.json with only "type")', '{"type": "module"}'],
    ['a version that is no string', '{"name": "a", "version": 1}'],
  ])('is null for %s', (_what, text) => {
    expect(parseNodeManifest(text)).toBeNull();
  });

  it('leaves an old-style licence object out', () => {
    expect(parseNodeManifest('{"name":"a","version":"1.0.0","license":{"type":"MIT"}}')?.license).toBeNull();
  });
});

describe('nodePackageFolder', () => {
  it.each([
    ['app/node_modules/ms/index.js', 'app/node_modules/ms'],
    ['app/node_modules/@babel/core/lib/index.js', 'app/node_modules/@babel/core'],
    ['app/node_modules/a/node_modules/b/package.json', 'app/node_modules/a/node_modules/b'],
    ['node_modules/ms/package.json', 'node_modules/ms'],
    ['app/node_modules/.package-lock.json', null],
    ['app/node_modules/.bin/ms', null],
    ['app/node_modules/@babel', null],
    ['app/my_node_modules/ms/index.js', null],
    ['app/src/index.js', null],
  ])('%s belongs to %s', (path, folder) => {
    expect(nodePackageFolder(path)).toBe(folder);
  });
});

describe('nodePackageSizes', () => {
  it('adds the bytes of each package folder without its nested node_modules', () => {
    const sizes = nodePackageSizes([
      { path: 'app/node_modules/a', sizeBytes: 0 },
      { path: 'app/node_modules/a/package.json', sizeBytes: 100 },
      { path: 'app/node_modules/a/index.js', sizeBytes: 1000 },
      { path: 'app/node_modules/a/node_modules/b/package.json', sizeBytes: 50 },
      { path: 'app/node_modules/a/node_modules/b/lib/b.js', sizeBytes: 500 },
      { path: 'app/node_modules/@s/c/package.json', sizeBytes: 7 },
      { path: 'app/server.js', sizeBytes: 99 },
    ]);
    expect(Object.fromEntries(sizes)).toEqual({
      'app/node_modules/a': 1100,
      'app/node_modules/a/node_modules/b': 550,
      'app/node_modules/@s/c': 7,
    });
  });
});
