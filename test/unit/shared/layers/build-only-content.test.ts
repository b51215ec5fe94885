import { describe, expect, it } from 'vitest';
import { buildOnlyContent, type BuildOnlyReport } from '../../../../src/shared/layers/build-only-content';
import { packageRule, pathRule } from '../../../../src/shared/layers/build-only-content-rules';
import type {
  CapturedFile,
  ImageInventory,
  InventoryFile,
} from '../../../../src/shared/layers/image-inventory';
import type { LayerEntry } from '../../../../src/shared/layers/layer-history';
import { listImagePackages } from '../../../../src/shared/packages/list-image-packages';

const file = (path: string, layerIndex: number, sizeBytes: number): InventoryFile => ({
  path,
  kind: 'file',
  sizeBytes,
  digest: `sha256:${path.length}`,
  linkTarget: null,
  layerIndex,
});
const dir = (path: string, layerIndex: number): InventoryFile => ({
  path,
  kind: 'directory',
  sizeBytes: 0,
  digest: null,
  linkTarget: null,
  layerIndex,
});
const stanza = (name: string, version: string, kib: number) =>
  `Package: ${name}\nStatus: install ok installed\nInstalled-Size: ${kib}\nArchitecture: amd64\nVersion: ${version}\nDescription: ${name}\n a package\n`;

const entry = (index: number, instruction: string, line: number | null, emptyLayer = false): LayerEntry => ({
  index,
  createdBy: instruction,
  instruction,
  buildArgs: {},
  sizeBytes: 0,
  created: 0,
  emptyLayer,
  diffId: emptyLayer ? null : `sha256:layer${index}`,
  comment: '',
  fromBaseImage: line === null,
  dockerfileLine: line,
});

function inventory(files: InventoryFile[], captured: CapturedFile[] = []): ImageInventory {
  // Each captured file is in the final files too, as its last layer wrote it.
  const last = new Map(captured.map((c) => [c.path, c]));
  const all = [
    ...files,
    ...[...last.values()]
      .filter((c) => !files.some((f) => f.path === c.path))
      .map((c) => file(c.path, c.layerIndex, c.content.length)),
  ];
  return {
    imageId: 'sha256:img',
    files: all.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0)),
    captured,
    capturedTruncated: false,
    unreadableLayers: [],
  };
}

function report(
  files: InventoryFile[],
  captured: CapturedFile[],
  history: LayerEntry[] | null,
  dockerfile: string | null,
): BuildOnlyReport {
  const inv = inventory(files, captured);
  return buildOnlyContent({
    inventory: inv,
    packages: listImagePackages(inv, history, dockerfile).packages,
    history,
    dockerfileText: dockerfile,
  });
}

describe('packageRule', () => {
  it.each([
    ['gcc', 'compiler'],
    ['gcc-12', 'compiler'],
    ['g++-12', 'compiler'],
    ['cpp-12', 'compiler'],
    ['clang-16', 'compiler'],
    ['libisl23', 'compiler'],
    ['binutils', 'build-tool'],
    ['binutils-x86-64-linux-gnu', 'build-tool'],
    ['make', 'build-tool'],
    ['build-essential', 'build-tool'],
    ['build-base', 'build-tool'],
    ['maven', 'build-tool'],
    ['gradle', 'build-tool'],
    ['libc6-dev', 'dev-package'],
    ['linux-libc-dev', 'dev-package'],
    ['python3-dev', 'dev-package'],
    ['python3.11-dev', 'dev-package'],
    ['musl-dev', 'dev-package'],
    ['openssl-devel', 'dev-package'],
    ['golang-go', 'toolchain'],
    ['golang-1.19-go', 'toolchain'],
    ['golang-1.19-src', 'toolchain'],
    ['go', 'toolchain'],
    ['rustc', 'toolchain'],
    ['cargo', 'toolchain'],
    ['openjdk-17-jdk', 'toolchain'],
    ['openjdk-17-jdk-headless', 'toolchain'],
    ['openjdk17-jdk', 'toolchain'],
  ])('counts %s as %s', (name, category) => {
    expect(packageRule(name)?.category).toBe(category);
  });

  it.each([
    'gcc-12-base',
    'libgcc-s1',
    'libstdc++6',
    'libc6',
    'udev',
    'openjdk-17-jre',
    'openjdk-17-jre-headless',
    'python3',
    'makedev',
    'curl',
    'git',
  ])('leaves %s alone: it is needed at run time or is no build tool', (name) => {
    expect(packageRule(name)).toBeNull();
  });
});

describe('pathRule', () => {
  it.each([
    ['usr/local/go/bin/go', 'usr/local/go', 'Go toolchain'],
    ['go/pkg/mod/github.com/x/y@v1.0.0/a.go', 'go/pkg/mod', 'Go module cache'],
    ['root/go/pkg/mod/cache/download/x.zip', 'root/go/pkg/mod', 'Go module cache'],
    ['root/.cache/go-build/00/abc-d', 'root/.cache/go-build', 'Go build cache'],
    ['root/.m2/repository/org/x.jar', 'root/.m2', 'Maven repository'],
    ['home/gradle/.gradle/caches/modules-2/x.jar', 'home/gradle/.gradle/caches', 'Gradle cache'],
    ['root/.npm/_cacache/index-v5/aa', 'root/.npm', 'npm cache'],
    ['usr/local/share/.cache/yarn/v6/x', 'usr/local/share/.cache/yarn', 'Yarn cache'],
    ['root/.cache/pip/http/a/b', 'root/.cache/pip', 'pip cache'],
    ['app/.git/objects/pack/p.pack', 'app/.git', 'Git repository'],
    // The outermost folder wins: a module's .git is module cache.
    ['go/pkg/mod/github.com/x/y@v1/.git/HEAD', 'go/pkg/mod', 'Go module cache'],
  ])('puts %s under %s (%s)', (path, root, what) => {
    expect(pathRule(path)).toMatchObject({ root, what });
  });

  it.each([
    'opt/usr/local/go/bin/go',
    'usr/local/gopher/x',
    'app/.gitignore',
    'app/.git',
    'etc/.npm',
    'usr/lib/go-1.19/bin/go',
    'srv/go/pkg/model.go',
  ])('claims nothing for %s', (path) => {
    expect(pathRule(path)).toBeNull();
  });
});

describe('buildOnlyContent', () => {
  const DOCKERFILE = [
    'FROM debian:bookworm', // 1
    'RUN apt-get update && apt-get install -y gcc make libssl-dev', // 2
    'COPY go /usr/local/go', // 3
    'WORKDIR /app', // 4
    'COPY . .', // 5
    'CMD ["/app/server"]', // 6
  ].join('\n');
  const HISTORY = [
    entry(0, 'ADD rootfs.tar /', null),
    entry(1, 'RUN apt-get update && apt-get install -y gcc make libssl-dev', 2),
    entry(2, 'COPY go /usr/local/go', 3),
    entry(3, 'WORKDIR /app', 4, true),
    entry(4, 'COPY . .', 5),
    entry(5, 'CMD ["/app/server"]', 6, true),
  ];
  const BASE_STATUS = stanza('libc6', '2.36-9', 12_000) + '\n' + stanza('gcc-12-base', '12.2.0-14', 270);
  const FULL_STATUS = [
    BASE_STATUS,
    stanza('gcc-12', '12.2.0-14', 60_000),
    stanza('gcc', '4:12.2.0-3', 40),
    stanza('make', '4.3-4.1', 1_500),
    stanza('libssl-dev', '3.0.11-1', 12_000),
    stanza('libc6-dev', '2.36-9', 25_000),
    stanza('libisl23', '0.25-1', 4_000),
  ].join('\n');
  const files = [
    dir('usr', 0),
    file('usr/bin/bash', 0, 1_200_000),
    file('usr/lib/x86_64-linux-gnu/libc.so.6', 0, 30_000_000),
    file('usr/bin/gcc-12', 1, 1_000_000),
    file('usr/lib/gcc/x86_64-linux-gnu/12/cc1', 1, 100_000_000),
    dir('usr/local/go', 2),
    file('usr/local/go/bin/go', 2, 12_000_000),
    file('usr/local/go/pkg/tool/linux_amd64/compile', 2, 20_000_000),
    file('app/server', 3, 8_000_000),
    file('app/.git/objects/pack/a.pack', 3, 3_000_000),
    file('app/.git/HEAD', 3, 23),
  ];
  const captured: CapturedFile[] = [
    { layerIndex: 0, path: 'var/lib/dpkg/status', content: BASE_STATUS },
    { layerIndex: 1, path: 'var/lib/dpkg/status', content: FULL_STATUS },
  ];
  const result = report(files, captured, HISTORY, DOCKERFILE);

  it('lists each build-only package with the size its database states and the line that installed it', () => {
    const packages = result.items.filter((item) => item.key.startsWith('deb:'));
    expect(
      packages.map((item) => [item.name, item.category, item.bytes, item.places.map((p) => p.line)]),
    ).toEqual([
      ['gcc-12', 'compiler', 60_000 * 1024, [2]],
      ['libc6-dev', 'dev-package', 25_000 * 1024, [2]],
      ['libssl-dev', 'dev-package', 12_000 * 1024, [2]],
      ['libisl23', 'compiler', 4_000 * 1024, [2]],
      ['make', 'build-tool', 1_500 * 1024, [2]],
      ['gcc', 'compiler', 40 * 1024, [2]],
    ]);
    expect(result.items.some((item) => item.name === 'gcc-12-base' || item.name === 'libc6')).toBe(false);
  });

  it('adds up folder rules from the final files, with the line of the layer that wrote them', () => {
    expect(result.items.find((item) => item.key === 'path:usr/local/go')).toMatchObject({
      name: '/usr/local/go',
      what: 'Go toolchain',
      bytes: 32_000_000,
      files: 2,
      places: [expect.objectContaining({ line: 3, lineText: 'COPY go /usr/local/go', bytes: 32_000_000 })],
    });
    expect(result.items.find((item) => item.key === 'path:app/.git')).toMatchObject({
      bytes: 3_000_023,
      files: 2,
      category: 'git',
      places: [expect.objectContaining({ line: 5 })],
    });
  });

  it('totals everything once and sorts items and lines biggest first', () => {
    const packageBytes = (60_000 + 25_000 + 12_000 + 4_000 + 1_500 + 40) * 1024;
    expect(result.totalBytes).toBe(packageBytes + 32_000_000 + 3_000_023);
    expect(result.items.map((item) => item.bytes)).toEqual(
      [...result.items.map((item) => item.bytes)].sort((x, y) => y - x),
    );
    expect(result.sources.map((source) => [source.place.line, source.bytes])).toEqual([
      [2, packageBytes],
      [3, 32_000_000],
      [5, 3_000_023],
    ]);
    expect(result.imageBytes).toBe(files.reduce((sum, f) => sum + f.sizeBytes, 0) + FULL_STATUS.length);
  });

  it('says what came from which line and that a multi-stage build would leave it behind', () => {
    expect(result.worthSplitting).toBe(true);
    expect(result.suggestion).toBe(
      'Build-only content stays in the final image: 140MB (80% of its files). ' +
        'Line 2 brought gcc-12, libisl23, make, 1 more and 37.9MB of -dev packages; ' +
        'line 3 brought the Go toolchain (32MB); 1 more layer brought the rest. ' +
        'A multi-stage build would leave it in a build stage and copy only what the app runs.',
    );
  });

  it('does not suggest a multi-stage build for a few small build-only bytes', () => {
    const small = report(
      [file('srv/app.bin', 0, 50_000_000), file('srv/.git/HEAD', 1, 1_000)],
      [],
      [entry(0, 'COPY app.bin /srv/', 2), entry(1, 'COPY .git /srv/.git', 3)],
      'FROM scratch\nCOPY app.bin /srv/\nCOPY .git /srv/.git\n',
    );
    expect(small.worthSplitting).toBe(false);
    expect(small.suggestion).toBe(
      'Build-only content stays in the final image: 1kB (0% of its files). ' +
        'Line 3 brought the Git repository (1kB). Too little to be worth a multi-stage build on its own.',
    );
  });

  it('reports nothing for an image without build-only content', () => {
    const none = report([file('bin/busybox', 0, 1_000_000)], [], null, null);
    expect(none).toMatchObject({ items: [], totalBytes: 0, worthSplitting: false, suggestion: null });
  });

  it('suggests from the share of the image alone when the image is small', () => {
    const small = report(
      [file('app/a', 0, 1_000_000), file('root/.npm/_cacache/x', 1, 300_000)],
      [],
      null,
      null,
    );
    expect(small.worthSplitting).toBe(true);
    expect(small.sources[0]!.place).toMatchObject({ layerIndex: 1, line: null });
    expect(small.suggestion).toMatch(
      /\(23% of its files\)\. Layer 2 brought the npm cache \(300kB\)\. A multi-stage/,
    );
  });

  it('splits a folder written by several layers by layer, biggest first', () => {
    const split = report(
      [
        file('go/pkg/mod/a/x.go', 1, 100),
        file('go/pkg/mod/b/y.go', 2, 5_000),
        file('go/pkg/mod/b/z.go', 2, 5),
      ],
      [],
      null,
      null,
    );
    expect(split.items).toHaveLength(1);
    expect(split.items[0]!.places.map((place) => [place.layerIndex, place.bytes])).toEqual([
      [2, 5_005],
      [1, 100],
    ]);
  });
});

describe('buildOnlyContent: node_modules devDependencies', () => {
  const manifest = (value: object) => JSON.stringify(value);
  const files = [
    file('app/index.js', 3, 1_000),
    file('app/node_modules/express/index.js', 2, 50_000),
    file('app/node_modules/typescript/lib/tsc.js', 2, 9_000_000),
    file('app/node_modules/jest/bin/jest.js', 2, 100_000),
    file('app/node_modules/jest/node_modules/chalk/index.js', 2, 7_000),
    file('app/node_modules/@jest/core/build/index.js', 2, 400_000),
    file('app/node_modules/ms/index.js', 2, 3_000),
    file('app/node_modules/typescript/.git/HEAD', 2, 41),
  ];
  const captured: CapturedFile[] = [
    {
      layerIndex: 1,
      path: 'app/package.json',
      content: manifest({
        name: 'web',
        version: '1.0.0',
        dependencies: { express: '^4' },
        devDependencies: { typescript: '^5', jest: '^29', 'not-installed': '1' },
      }),
    },
    {
      layerIndex: 2,
      path: 'app/node_modules/express/package.json',
      content: manifest({ name: 'express', version: '4.19.2', dependencies: { ms: '2' } }),
    },
    {
      layerIndex: 2,
      path: 'app/node_modules/typescript/package.json',
      content: manifest({ name: 'typescript', version: '5.4.5' }),
    },
    {
      layerIndex: 2,
      path: 'app/node_modules/jest/package.json',
      content: manifest({
        name: 'jest',
        version: '29.7.0',
        dependencies: { '@jest/core': '29', ms: '2', chalk: '4' },
      }),
    },
    {
      layerIndex: 2,
      path: 'app/node_modules/jest/node_modules/chalk/package.json',
      content: manifest({ name: 'chalk', version: '4.1.2' }),
    },
    {
      layerIndex: 2,
      path: 'app/node_modules/@jest/core/package.json',
      content: manifest({ name: '@jest/core', version: '29.7.0' }),
    },
    {
      layerIndex: 2,
      path: 'app/node_modules/ms/package.json',
      content: manifest({ name: 'ms', version: '2.1.3' }),
    },
  ];
  const HISTORY = [
    entry(0, 'ADD rootfs.tar /', null),
    entry(1, 'COPY package.json /app/', 3),
    entry(2, 'RUN npm ci', 4),
    entry(3, 'COPY . /app', 5),
  ];
  const DOCKERFILE = 'FROM node:20\nWORKDIR /app\nCOPY package.json /app/\nRUN npm ci\nCOPY . /app\n';
  const result = report(files, captured, HISTORY, DOCKERFILE);
  const byName = new Map(result.items.map((item) => [item.name, item]));

  it('counts direct devDependencies present beside package.json, with everything in their folder', () => {
    const manifestBytes = (path: string) => captured.find((c) => c.path === path)!.content.length;
    expect(byName.get('typescript')).toMatchObject({
      category: 'dev-dependency',
      what: 'devDependency of /app/package.json',
      version: '5.4.5',
      bytes: 9_000_041 + manifestBytes('app/node_modules/typescript/package.json'),
      places: [expect.objectContaining({ line: 4 })],
    });
    // chalk is nested in jest's folder: part of jest.
    expect(byName.get('jest')!.bytes).toBe(
      100_000 +
        7_000 +
        manifestBytes('app/node_modules/jest/package.json') +
        manifestBytes('app/node_modules/jest/node_modules/chalk/package.json'),
    );
    expect(byName.has('chalk')).toBe(false);
  });

  it('counts what only devDependencies pull in, but not what dependencies need too', () => {
    expect(byName.get('@jest/core')).toMatchObject({ what: 'used only by devDependencies' });
    expect(byName.has('ms')).toBe(false);
    expect(byName.has('express')).toBe(false);
    expect(byName.has('not-installed')).toBe(false);
  });

  it('lets the devDependency claim a .git inside its folder (no double counting)', () => {
    expect(result.items.some((item) => item.category === 'git')).toBe(false);
  });

  it('ignores an older version of package.json that a later layer replaced', () => {
    const replaced = report(
      files,
      [
        ...captured,
        {
          layerIndex: 3,
          path: 'app/package.json',
          content: manifest({ name: 'web', dependencies: { express: '4' } }),
        },
      ],
      HISTORY,
      DOCKERFILE,
    );
    expect(replaced.items.filter((item) => item.category === 'dev-dependency')).toEqual([]);
  });
});
