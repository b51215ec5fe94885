import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectProject } from '../../../../src/main/wizard/detect-project';
import { lintDockerfile } from '../../../../src/shared/dockerfile/lint/lint-dockerfile';
import { generateDockerfile } from '../../../../src/shared/wizard/generate-dockerfile';
import type { ProjectDetection } from '../../../../src/shared/wizard/project-detection';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-detect-project-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

function answersOf<T extends ProjectDetection['template']>(
  detection: ProjectDetection,
  template: T,
): Extract<ProjectDetection['answers'], { template: T }> {
  expect(detection.template).toBe(template);
  return detection.answers as Extract<ProjectDetection['answers'], { template: T }>;
}

describe('detectProject: Node.js', () => {
  it.each([
    ['package-lock.json', 'npm'],
    ['yarn.lock', 'yarn'],
    ['pnpm-lock.yaml', 'pnpm'],
  ])('takes the package manager from %s', async (lockfile, manager) => {
    const detection = await detectProject(project({ 'package.json': '{"name":"a"}', [lockfile]: '' }));
    const answers = answersOf(detection, 'node');
    expect(answers.packageManager).toBe(manager);
    expect(answers.lockfile).toBe(true);
  });

  it('reads the version from .nvmrc before engines.node, and LTS code names', async () => {
    project({ 'package.json': JSON.stringify({ engines: { node: '>=18' } }), '.nvmrc': 'lts/iron\n' });
    expect(answersOf(await detectProject(dir), 'node').nodeVersion).toBe('20');
  });

  it.each([
    ['>=18', '22'],
    ['^18.17.0', '18'],
    ['20.x', '20'],
    ['16 || 24', '24'],
  ])('maps engines.node "%s" to Node.js %s', async (engines, version) => {
    project({ 'package.json': JSON.stringify({ engines: { node: engines } }) });
    expect(answersOf(await detectProject(dir), 'node').nodeVersion).toBe(version);
  });

  it('uses the build script and the file the start script runs', async () => {
    project({
      'package.json': JSON.stringify({
        scripts: { build: 'tsc', start: 'node --enable-source-maps dist/server.js' },
      }),
      'package-lock.json': '{}',
    });
    const detection = await detectProject(dir);
    const answers = answersOf(detection, 'node');
    expect(answers).toMatchObject({ buildScript: 'build', entryFile: 'dist/server.js' });
    expect(generateDockerfile(answers)).toContain('CMD ["node", "--enable-source-maps", "dist/server.js"]');
    expect(detection.evidence).toContain('package-lock.json: npm');
  });

  it('falls back to "main" and reports a missing lockfile', async () => {
    project({ 'package.json': JSON.stringify({ main: 'lib/index.js', packageManager: 'pnpm@9.1.0' }) });
    const detection = await detectProject(dir);
    expect(answersOf(detection, 'node')).toMatchObject({
      entryFile: 'lib/index.js',
      packageManager: 'pnpm',
      lockfile: false,
    });
    expect(detection.evidence.join('\n')).toContain('no lockfile');
  });

  it('treats a front-end build without a server as a static site built with Node', async () => {
    project({
      'package.json': JSON.stringify({
        scripts: { build: 'vite build' },
        devDependencies: { vite: '^5.0.0' },
      }),
      'yarn.lock': '',
    });
    expect(answersOf(await detectProject(dir), 'static')).toMatchObject({
      build: 'node',
      packageManager: 'yarn',
      buildOutput: 'dist',
    });
  });
});

describe('detectProject: Python', () => {
  it('finds Flask in requirements.txt and app.py', async () => {
    project({ 'requirements.txt': '# web\nFlask[async]==3.0.0\nrequests\n', 'app.py': '' });
    const answers = answersOf(await detectProject(dir), 'python');
    expect(answers).toMatchObject({
      framework: 'flask',
      appModule: 'app',
      dependencies: 'requirements',
      port: 5000,
    });
    expect(generateDockerfile(answers)).toContain(
      '"flask", "--app", "app", "run", "--host=0.0.0.0", "--port=5000"',
    );
  });

  it('reads FastAPI and requires-python from pyproject.toml', async () => {
    project({
      'pyproject.toml': [
        '[project]',
        'name = "api"',
        'requires-python = ">=3.10,<3.12"',
        'dependencies = [',
        '  "fastapi[standard]>=0.110",  # the API',
        "  'uvicorn',",
        ']',
        '',
        '[tool.ruff]',
        'line-length = 100',
      ].join('\n'),
      'main.py': '',
    });
    const answers = answersOf(await detectProject(dir), 'python');
    expect(answers).toMatchObject({
      framework: 'fastapi',
      appModule: 'main',
      dependencies: 'pyproject',
      pythonVersion: '3.11',
    });
  });

  it.each([
    ['setup.cfg', '[options]\npython_requires = >=3.9\n', '3.12'],
    ['setup.py', 'setup(name="x", python_requires="~=3.10.0")', '3.10'],
    ['.python-version', '3.11.7\n', '3.11.7'],
  ])('takes the version from %s', async (file, content, version) => {
    project({ 'requirements.txt': 'requests\n', [file]: content });
    expect(answersOf(await detectProject(dir), 'python').pythonVersion).toBe(version);
  });
});

describe('detectProject: compiled languages', () => {
  it('reads the go directive, go.sum and a main package under cmd/', async () => {
    project({
      'go.mod': 'module example.com/shop\n\ngo 1.22.3\n',
      'cmd/server/main.go': 'package main\n\nfunc main() {}\n',
      'internal/x.go': 'package internal\n',
    });
    const answers = answersOf(await detectProject(dir), 'go');
    expect(answers).toMatchObject({
      goVersion: '1.22.3',
      hasGoSum: false,
      mainPackage: './cmd/server',
      binaryName: 'server',
    });
    expect(generateDockerfile(answers)).toContain('FROM golang:1.22.3-alpine AS build');
  });

  it('names the binary after the module when main is at the root', async () => {
    project({ 'go.mod': 'module github.com/me/tool\ngo 1.23\n', 'go.sum': '', 'main.go': 'package main\n' });
    expect(answersOf(await detectProject(dir), 'go')).toMatchObject({
      mainPackage: '.',
      binaryName: 'tool',
      hasGoSum: true,
    });
  });

  it('reads the Java version and the jar name from pom.xml', async () => {
    project({
      'pom.xml': [
        '<project>',
        '  <parent><artifactId>spring-boot-starter-parent</artifactId><version>3.3.0</version></parent>',
        '  <artifactId>shop</artifactId>',
        '  <version>1.2.0</version>',
        '  <properties><java.version>17</java.version></properties>',
        '</project>',
      ].join('\n'),
    });
    const answers = answersOf(await detectProject(dir), 'java');
    expect(answers).toMatchObject({
      buildTool: 'maven',
      javaVersion: '17',
      artifact: 'target/shop-1.2.0.jar',
    });
    expect(generateDockerfile(answers)).toContain('FROM eclipse-temurin:17-jre');
  });

  it('reads the toolchain version from build.gradle.kts', async () => {
    project({ 'build.gradle.kts': 'java { toolchain { languageVersion = JavaLanguageVersion.of(21) } }\n' });
    expect(answersOf(await detectProject(dir), 'java')).toMatchObject({
      buildTool: 'gradle',
      javaVersion: '21',
    });
  });

  it('builds a Rust crate with the Rust template', async () => {
    project({
      'Cargo.toml': '[package]\nname = "ferris"\nrust-version = "1.80"\n',
      'Cargo.lock': '',
      'src/main.rs': 'fn main() {}\n',
    });
    const detection = await detectProject(dir);
    expect(detection.language).toBe('rust');
    const text = generateDockerfile(answersOf(detection, 'rust'));
    expect(text).toContain('FROM rust:1.80-slim-bookworm AS build');
    expect(text).toContain('RUN cargo build --release --locked --bin ferris');
    expect(text).toContain('CMD ["/usr/local/bin/ferris"]');
  });
});

describe('detectProject: other folders', () => {
  it('prefills custom instructions for a PHP project with its PHP version', async () => {
    project({ 'composer.json': JSON.stringify({ require: { php: '^8.2' } }), 'composer.lock': '{}' });
    const detection = await detectProject(dir);
    expect(detection.language).toBe('php');
    const text = generateDockerfile(detection.answers);
    expect(text).toContain('COPY composer.json composer.lock ./');
    expect(text).toContain('FROM php:8.3-apache');
  });

  it('serves a folder with index.html, in a public/ folder too', async () => {
    project({ 'public/index.html': '<h1>hi</h1>' });
    expect(answersOf(await detectProject(dir), 'static').siteDir).toBe('public');
  });

  it('prefers the most specific marker: a Go module with a package.json is Go', async () => {
    project({ 'go.mod': 'module x\ngo 1.23\n', 'package.json': '{}', 'main.go': 'package main\n' });
    expect((await detectProject(dir)).template).toBe('go');
  });

  it('falls back to the custom template for an empty folder, and survives broken files', async () => {
    expect((await detectProject(dir)).template).toBe('custom');
    project({ 'package.json': '{ not json' });
    expect((await detectProject(dir)).template).toBe('custom');
  });

  it('prefills answers whose Dockerfile the linter finds nothing wrong with', async () => {
    const folders: Record<string, string>[] = [
      {
        'package.json': JSON.stringify({ scripts: { build: 'tsc', start: 'node dist/index.js' } }),
        'package-lock.json': '',
      },
      { 'requirements.txt': 'fastapi\n', 'main.py': '' },
      { 'go.mod': 'module x\ngo 1.23\n', 'main.go': 'package main\n' },
      { 'pom.xml': '<project><artifactId>a</artifactId><version>1</version></project>' },
      { 'Cargo.toml': '[package]\nname = "a"\n' },
      { 'composer.json': '{}' },
      { 'index.html': '' },
    ];
    for (const files of folders) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      const detection = await detectProject(project(files));
      const findings = lintDockerfile(generateDockerfile(detection.answers)).filter(
        // php's apache image starts as root and drops to www-data itself: an info, by design.
        (diagnostic) => !(diagnostic.ruleId === 'DW002' && diagnostic.severity === 'info'),
      );
      expect({ files: Object.keys(files), findings }).toEqual({ files: Object.keys(files), findings: [] });
    }
  });
});
