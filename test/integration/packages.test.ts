/**
 * Issue #20, packages by size, on the rig engine (and on engine 2 with DW_TEST_TARGET=engine2)
 * through the real handler table. The image: the Debian bookworm stand-in (debootstrap with
 * python3-flask and gunicorn, test/support/stand-in-images.ts), then one line per way a package
 * arrives or goes — a .deb built here with dpkg-deb and installed with dpkg -i, gunicorn purged,
 * a Python package pip-installed from a local folder, and a node_modules tree COPY'd in.
 *
 * Ground truth comes from inside a container of the image: `dpkg-query` for the OS packages
 * (exact), `importlib.metadata` for the Python distributions, `find -printf %s` for the bytes of
 * each node_modules package folder, the files' own sizes for what pip's RECORD lists.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BuildRecord } from '../../src/shared/builds/build-record';
import type { ImagePackage, PackageList } from '../../src/shared/packages/list-image-packages';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { dockerCli, removeImagesLabelled } from '../support/docker-cli';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_LABEL, TEST_PREFIX } from '../support/rig-info';
import { ensurePythonStandIn } from '../support/stand-in-images';
import { rigDocker } from '../support/test-images';

const rig = inject('rig');
const docker = rigDocker(rig.dockerHost);
const run = randomUUID().slice(0, 8);
const tag = `${TEST_PREFIX}/packages:${run}`;

const DOCKERFILE = [
  'FROM python:3.11-slim', // 1
  `LABEL ${TEST_LABEL}=${run}`, // 2
  'COPY dw-test-tool_1.4-2_all.deb /tmp/', // 3
  'RUN dpkg -i /tmp/dw-test-tool_1.4-2_all.deb && rm /tmp/dw-test-tool_1.4-2_all.deb', // 4
  'RUN dpkg --purge gunicorn python3-gunicorn', // 5
  'COPY pypkg /tmp/pypkg', // 6
  'RUN pip install --no-index --no-build-isolation --no-deps /tmp/pypkg && rm -rf /tmp/pypkg', // 7
  'COPY node_modules /app/node_modules', // 8
  '',
].join('\n');

/** A node_modules tree: two packages, one scoped, one nested inside another. */
const NODE_MODULES: Record<string, string> = {
  'node_modules/left-pad/package.json': JSON.stringify({
    name: 'left-pad',
    version: '1.3.0',
    license: 'WTFPL',
  }),
  'node_modules/left-pad/index.js': `module.exports = leftPad;\n${'// pad\n'.repeat(900)}`,
  'node_modules/@dw/util/package.json': JSON.stringify({ name: '@dw/util', version: '0.2.0' }),
  'node_modules/@dw/util/lib/util.js': 'exports.x = 1;\n'.repeat(3000),
  'node_modules/@dw/util/node_modules/ms/package.json': JSON.stringify({ name: 'ms', version: '2.1.3' }),
  'node_modules/@dw/util/node_modules/ms/index.js': 'module.exports = 1;\n'.repeat(200),
  'node_modules/.package-lock.json': '{"lockfileVersion": 3}',
};

/** A tiny .deb, made with the machine's dpkg-deb: what `dpkg -i` on line 4 installs. */
function makeDeb(into: string): void {
  const root = mkdtempSync(join(tmpdir(), 'dw-deb-'));
  mkdirSync(join(root, 'DEBIAN'));
  mkdirSync(join(root, 'usr/share/dw-test-tool'), { recursive: true });
  writeFileSync(join(root, 'usr/share/dw-test-tool/data.bin'), Buffer.alloc(200_000, 7));
  writeFileSync(
    join(root, 'DEBIAN/control'),
    [
      'Package: dw-test-tool',
      'Version: 1.4-2',
      'Architecture: all',
      'Maintainer: Dockwright tests <tests@dockwright.invalid>',
      'Installed-Size: 196',
      'Section: misc',
      'Priority: optional',
      'Description: a package the packages test installs',
      ' Installed from a .deb built by the test, so no mirror is needed.',
      '',
    ].join('\n'),
  );
  execFileSync('dpkg-deb', ['--root-owner-group', '--build', root, join(into, 'dw-test-tool_1.4-2_all.deb')]);
  rmSync(root, { recursive: true, force: true });
}

/** Runs `script` with sh in a throwaway container of the image and returns what it printed. */
async function inImage(script: string): Promise<string> {
  return dockerCli(rig.dockerHost, [
    'run',
    '--rm',
    '--label',
    `${TEST_LABEL}=${run}`,
    '--entrypoint',
    'sh',
    tag,
    '-c',
    script,
  ]);
}

describe.skipIf(rig.mode !== 'private')('packages by size, read from the image’s layers', () => {
  let app: TestServices;
  let record: BuildRecord;
  let list: PackageList;
  const byName = (kind: ImagePackage['kind'], name: string) =>
    list.packages.filter((entry) => entry.kind === kind && entry.name === name);

  beforeAll(async () => {
    await ensurePythonStandIn(docker);
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
    const context = makeContext({
      Dockerfile: DOCKERFILE,
      'pypkg/setup.py':
        "from setuptools import setup\nsetup(name='dw_test_lib', version='3.1.4', py_modules=['dw_test_lib'])\n",
      'pypkg/dw_test_lib.py': `VALUE = "${'v'.repeat(6000)}"\n`,
      ...NODE_MODULES,
    });
    makeDeb(context);
    record = await buildAndWait(app, buildRequest(context, { tags: [tag], labels: { [TEST_LABEL]: run } }));
    expect(record.status, record.log).toBe('succeeded');
    list = await app.value('packages:list', { ref: tag });
    rmSync(context, { recursive: true, force: true });
  }, 600_000);

  afterAll(async () => {
    app?.dispose();
    await removeImagesLabelled(rig.dockerHost, TEST_LABEL, run);
  });

  it('lists exactly the dpkg packages dpkg-query lists installed, with version, architecture and size', async () => {
    const queried = (
      await inImage(
        `dpkg-query -W -f '\${db:Status-Status} \${Package} \${Version} \${Architecture} \${Installed-Size}\\n'`,
      )
    )
      .split('\n')
      .filter((line) => line.startsWith('installed '))
      .map((line) => line.slice('installed '.length))
      .sort();
    expect(queried.length).toBeGreaterThan(100);
    const listed = list.packages
      .filter((entry) => entry.kind === 'deb')
      .map((entry) => `${entry.name} ${entry.version} ${entry.arch} ${(entry.sizeBytes ?? 0) / 1024}`)
      .sort();
    expect(listed).toEqual(queried);
    expect(list.distribution).toEqual({ id: 'debian', versionId: '12' });
  });

  it('puts each dpkg package on the line that installed it, and leaves the purged one out', () => {
    expect(byName('deb', 'dw-test-tool')).toEqual([
      expect.objectContaining({
        version: '1.4-2',
        sizeBytes: 196 * 1024,
        place: expect.objectContaining({
          line: 4,
          lineText: 'RUN dpkg -i /tmp/dw-test-tool_1.4-2_all.deb && rm /tmp/dw-test-tool_1.4-2_all.deb',
          fromBaseImage: false,
        }) as ImagePackage['place'],
      }),
    ]);
    expect(byName('deb', 'gunicorn')).toEqual([]);
    expect(byName('deb', 'python3-gunicorn')).toEqual([]);
    expect(byName('deb', 'python3-flask')[0]?.place).toMatchObject({ fromBaseImage: true, line: null });
  });

  it('lists the Python distributions importlib.metadata finds', async () => {
    const found = (
      await inImage(
        `python3 -c 'import importlib.metadata as m; print("\\n".join(sorted({d.metadata["Name"] + " " + d.version for d in m.distributions()})))'`,
      )
    )
      .split('\n')
      .filter(Boolean);
    const listed = [
      ...new Set(
        list.packages
          .filter((entry) => entry.kind === 'python')
          .map((entry) => `${entry.name} ${entry.version}`),
      ),
    ].sort();
    expect(listed).toEqual([...found].sort());
    expect(found).toContain('Flask 2.2.2');
    expect(listed.some((name) => name.startsWith('gunicorn '))).toBe(false);
  });

  it('sizes the pip-installed package by its RECORD, which matches the files on disk, and places it on line 7', async () => {
    const onDisk = Number(
      await inImage(
        `python3 -c 'import importlib.metadata as m, os; d = m.distribution("dw_test_lib"); print(sum(os.path.getsize(f.locate()) for f in d.files if f.size))'`,
      ),
    );
    const [installed] = byName('python', 'dw-test-lib');
    expect(installed).toMatchObject({ version: '3.1.4', sizeBytes: onDisk, place: { line: 7 } });
    expect(onDisk).toBeGreaterThan(6000);
  });

  it('lists the node_modules packages with the bytes of their folders, nested ones apart, from the COPY on line 8', async () => {
    const du = async (folder: string) =>
      Number(
        (
          await inImage(
            `find ${folder} -path '${folder}/node_modules' -prune -o -type f -printf '%s\\n' | awk '{s += $1} END {print s}'`,
          )
        ).trim(),
      );
    const expected = [
      ['@dw/util', '0.2.0', 'app/node_modules/@dw/util', await du('/app/node_modules/@dw/util')],
      ['left-pad', '1.3.0', 'app/node_modules/left-pad', await du('/app/node_modules/left-pad')],
      [
        'ms',
        '2.1.3',
        'app/node_modules/@dw/util/node_modules/ms',
        await du('/app/node_modules/@dw/util/node_modules/ms'),
      ],
    ];
    const listed = list.packages
      .filter((entry) => entry.kind === 'npm')
      .map((entry) => [entry.name, entry.version, entry.path, entry.sizeBytes])
      .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    expect(listed).toEqual(expected);
    expect(byName('npm', 'left-pad')[0]?.place).toMatchObject({
      line: 8,
      lineText: 'COPY node_modules /app/node_modules',
    });
    // By construction of the fixture: what the test wrote, without the nested package.
    expect(expected[1]![3]).toBe(
      Buffer.byteLength(NODE_MODULES['node_modules/left-pad/index.js']!) +
        Buffer.byteLength(NODE_MODULES['node_modules/left-pad/package.json']!),
    );
  });

  it('exports SPDX and CycloneDX documents that name every package by purl', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'dw-sbom-'));
    try {
      const spdxPath = join(folder, 'image.spdx.json');
      const spdx = await app.value('packages:export', { ref: tag, format: 'spdx', path: spdxPath });
      expect(spdx.packages).toBe(list.packages.length);
      const document = JSON.parse(readFileSync(spdxPath, 'utf8')) as {
        spdxVersion: string;
        name: string;
        packages: { externalRefs?: { referenceLocator: string }[] }[];
      };
      expect(document.spdxVersion).toBe('SPDX-2.3');
      expect(document.name).toBe(tag);
      const purls = document.packages.flatMap(
        (entry) => entry.externalRefs?.map((ref) => ref.referenceLocator) ?? [],
      );
      expect(purls).toContain('pkg:deb/debian/dw-test-tool@1.4-2?arch=all&distro=debian-12');
      expect(purls).toContain('pkg:pypi/dw-test-lib@3.1.4');
      expect(purls).toContain('pkg:npm/%40dw/util@0.2.0');

      const cdxPath = join(folder, 'image.cdx.json');
      await app.value('packages:export', { ref: tag, format: 'cyclonedx', path: cdxPath });
      const bom = JSON.parse(readFileSync(cdxPath, 'utf8')) as { bomFormat: string; components: unknown[] };
      expect(bom.bomFormat).toBe('CycloneDX');
      expect(bom.components).toHaveLength(list.packages.length);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('compares the image with its base: the added packages, and gunicorn removed', async () => {
    const comparison = await app.value('packages:compare', { a: 'python:3.11-slim', b: tag });
    const summary = comparison.changes
      .map((change) => `${change.change} ${change.kind} ${change.name}`)
      .sort();
    expect(summary).toEqual(
      [
        'added deb dw-test-tool',
        'added npm @dw/util',
        'added npm left-pad',
        'added npm ms',
        'added python dw-test-lib',
        'removed deb python3-gunicorn',
        'removed deb gunicorn',
        'removed python gunicorn',
      ].sort(),
    );
  });
});
