import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '../..');

interface BuilderConfig {
  appId: string;
  icon: string;
  npmRebuild: boolean;
  files: string[];
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
}

const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  main: string;
  type?: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('electron-builder configuration', () => {
  it('targets AppImage and deb on Linux, dmg on macOS and nsis on Windows', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('points at an icon that exists and is at least 512 px square', () => {
    const png = readFileSync(resolve(root, config.icon));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBe(png.readUInt32BE(16));
  });

  it('never rebuilds natives against the machine Node headers', () => {
    expect(config.npmRebuild).toBe(false);
  });

  it('packs the built output that package.json main points into', () => {
    expect(pkg.main).toBe('./out/main/index.js');
    expect(config.files).toContain('out/**');
  });
});

describe('package.json', () => {
  it('stays CommonJS so the sandboxed preload is one CommonJS bundle', () => {
    expect(pkg.type).toBeUndefined();
  });

  it('has the scripts a contributor expects', () => {
    for (const script of ['start', 'build', 'typecheck', 'lint', 'test', 'bench', 'dist']) {
      expect(pkg.scripts[script], script).toBeTruthy();
    }
  });

  it('ships only main-process packages as dependencies; renderer packages are bundled by Vite', () => {
    for (const rendererOnly of ['react', 'react-dom', '@tanstack/react-query', 'electron']) {
      expect(pkg.dependencies[rendererOnly], rendererOnly).toBeUndefined();
    }
  });

  it('keeps the renderer entry and the preload where the shell loads them', () => {
    expect(existsSync(resolve(root, 'src/renderer/index.html'))).toBe(true);
    expect(existsSync(resolve(root, 'src/preload/index.ts'))).toBe(true);
  });
});
