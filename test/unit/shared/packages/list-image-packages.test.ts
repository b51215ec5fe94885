import { describe, expect, it } from 'vitest';
import type {
  CapturedFile,
  ImageInventory,
  InventoryFile,
} from '../../../../src/shared/layers/image-inventory';
import type { LayerEntry } from '../../../../src/shared/layers/layer-history';
import { distributionOf, listImagePackages } from '../../../../src/shared/packages/list-image-packages';

const stanza = (name: string, version: string, kib: number, status = 'install ok installed') =>
  `Package: ${name}\nStatus: ${status}\nInstalled-Size: ${kib}\nArchitecture: amd64\nVersion: ${version}\nDescription: ${name}\n a package\n`;
const status = (...stanzas: string[]) => stanzas.join('\n');

const file = (path: string, layerIndex: number, sizeBytes = 10): InventoryFile => ({
  path,
  kind: 'file',
  sizeBytes,
  digest: `sha256:${path.length}`,
  linkTarget: null,
  layerIndex,
});

const DOCKERFILE = [
  'FROM debian:bookworm',
  'RUN apt-get install -y curl',
  'ENV A=1',
  'RUN apt-get purge -y bash && apt-get install -y base-files',
  'COPY node_modules /app/node_modules',
  'RUN pip install requests six && pip uninstall -y six',
].join('\n');

/** History: the base image's one layer, then the Dockerfile's lines (ENV makes no layer). */
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
const HISTORY: LayerEntry[] = [
  entry(0, 'ADD rootfs.tar /', null),
  entry(1, 'CMD ["bash"]', null, true),
  entry(2, 'RUN apt-get install -y curl', 2),
  entry(3, 'ENV A=1', 3, true),
  entry(4, 'RUN apt-get purge -y bash && apt-get install -y base-files', 4),
  entry(5, 'COPY node_modules /app/node_modules', 5),
  entry(6, 'RUN pip install requests six && pip uninstall -y six', 6),
];

const SITE = 'usr/local/lib/python3.11/site-packages';
const captured: CapturedFile[] = [
  {
    layerIndex: 0,
    path: 'var/lib/dpkg/status',
    content: status(stanza('base-files', '12.4', 341), stanza('bash', '5.2', 7164)),
  },
  {
    layerIndex: 0,
    path: 'usr/lib/os-release',
    content: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n',
  },
  {
    layerIndex: 1,
    path: 'var/lib/dpkg/status',
    content: status(
      stanza('base-files', '12.4', 341),
      stanza('bash', '5.2', 7164),
      stanza('curl', '7.88', 500),
    ),
  },
  {
    layerIndex: 2,
    path: 'var/lib/dpkg/status',
    content: status(
      stanza('base-files', '12.4+u1', 342),
      stanza('bash', '5.2', 7164, 'deinstall ok config-files'),
      stanza('curl', '7.88', 500),
    ),
  },
  {
    layerIndex: 3,
    path: 'app/node_modules/ms/package.json',
    content: '{"name":"ms","version":"2.1.3","license":"MIT"}',
  },
  { layerIndex: 3, path: 'app/node_modules/@s/c/package.json', content: '{"name":"@s/c","version":"1.0.0"}' },
  {
    layerIndex: 4,
    path: `${SITE}/requests-2.31.0.dist-info/METADATA`,
    content: 'Name: requests\nVersion: 2.31.0\n',
  },
  {
    layerIndex: 4,
    path: `${SITE}/requests-2.31.0.dist-info/RECORD`,
    content: 'requests/__init__.py,sha256=a,4000\nrequests-2.31.0.dist-info/RECORD,,\n',
  },
  { layerIndex: 4, path: `${SITE}/six-1.16.0.dist-info/METADATA`, content: 'Name: six\nVersion: 1.16.0\n' },
];

const inventory = (overrides: Partial<ImageInventory> = {}): ImageInventory => ({
  imageId: 'sha256:image',
  files: [
    file('app/node_modules/@s/c/package.json', 3, 30),
    file('app/node_modules/ms/index.js', 3, 3000),
    file('app/node_modules/ms/package.json', 3, 700),
    {
      ...file('etc/os-release', 0, 21),
      kind: 'symlink' as const,
      digest: null,
      linkTarget: '../usr/lib/os-release',
    },
    file('usr/lib/os-release', 0),
    file(`${SITE}/requests-2.31.0.dist-info/METADATA`, 4),
    file(`${SITE}/requests-2.31.0.dist-info/RECORD`, 4),
    file('var/lib/dpkg/status', 2),
  ].sort((x, y) => (x.path < y.path ? -1 : 1)),
  captured,
  capturedTruncated: false,
  unreadableLayers: [],
  ...overrides,
});

describe('listImagePackages', () => {
  const list = listImagePackages(inventory(), HISTORY, DOCKERFILE);
  const byName = (name: string) => list.packages.find((entry) => entry.name === name);

  it('lists the packages of the final records, biggest first, the removed ones left out', () => {
    expect(
      list.packages.map((entry) => `${entry.kind} ${entry.name} ${entry.version} ${entry.sizeBytes}`),
    ).toEqual([
      'deb curl 7.88 512000',
      'deb base-files 12.4+u1 350208',
      'python requests 2.31.0 4000',
      'npm ms 2.1.3 3700',
      'npm @s/c 1.0.0 30',
    ]);
  });

  it('places each package on the layer and line that installed its final version', () => {
    expect(byName('curl')?.place).toEqual({
      layerIndex: 1,
      historyIndex: 2,
      line: 2,
      lineText: 'RUN apt-get install -y curl',
      instruction: 'RUN apt-get install -y curl',
      fromBaseImage: false,
    });
    // Upgraded by line 4: the upgrade wrote the bytes that are in the image.
    expect(byName('base-files')?.place).toMatchObject({ layerIndex: 2, historyIndex: 4, line: 4 });
    expect(byName('ms')?.place).toMatchObject({ layerIndex: 3, line: 5 });
    expect(byName('requests')?.place).toMatchObject({ layerIndex: 4, line: 6 });
  });

  it('says where each package was read from', () => {
    expect(byName('curl')?.path).toBe('var/lib/dpkg/status');
    expect(byName('requests')?.path).toBe(`${SITE}/requests-2.31.0.dist-info`);
    expect(byName('ms')?.path).toBe('app/node_modules/ms');
  });

  it('adds up each kind', () => {
    expect(list.totals).toEqual([
      { kind: 'deb', count: 2, sizeBytes: 512000 + 350208, unsized: 0 },
      { kind: 'python', count: 1, sizeBytes: 4000, unsized: 0 },
      { kind: 'npm', count: 2, sizeBytes: 3730, unsized: 0 },
    ]);
  });

  it('names the distribution from os-release, following etc/os-release to usr/lib', () => {
    expect(list.distribution).toEqual({ id: 'debian', versionId: '12' });
  });

  it('places a package kept from the base image on the base image', () => {
    const base = listImagePackages(
      inventory({ files: [file('var/lib/dpkg/status', 0)], captured: captured.slice(0, 1) }),
      HISTORY,
      DOCKERFILE,
    );
    expect(base.packages.map((entry) => [entry.name, entry.place.fromBaseImage, entry.place.line])).toEqual([
      ['bash', true, null],
      ['base-files', true, null],
    ]);
  });

  it('counts a package removed and installed again from the layer that installed it again', () => {
    const again = listImagePackages(
      inventory({
        files: [file('var/lib/dpkg/status', 2)],
        captured: [
          { layerIndex: 0, path: 'var/lib/dpkg/status', content: stanza('curl', '7.88', 500) },
          { layerIndex: 1, path: 'var/lib/dpkg/status', content: '' },
          { layerIndex: 2, path: 'var/lib/dpkg/status', content: stanza('curl', '7.88', 500) },
        ],
      }),
      HISTORY,
      DOCKERFILE,
    );
    expect(again.packages.map((entry) => entry.place.layerIndex)).toEqual([2]);
  });

  it('works without history: layers only, no lines', () => {
    const bare = listImagePackages(inventory(), null, null);
    expect(bare.packages.find((entry) => entry.name === 'curl')?.place).toEqual({
      layerIndex: 1,
      historyIndex: null,
      line: null,
      lineText: null,
      instruction: '',
      fromBaseImage: false,
    });
  });

  it('says an rpm database was found but not read', () => {
    const rpm = listImagePackages(
      inventory({ files: [file('var/lib/rpm/rpmdb.sqlite', 0, 5_000_000)], captured: [] }),
      null,
      null,
    );
    expect(rpm.packages).toEqual([]);
    expect(rpm.notes).toEqual([
      expect.stringMatching(
        /^An rpm database is in the image \(\/var\/lib\/rpm\/rpmdb\.sqlite\) but was not read/,
      ),
    ]);
  });

  it('says which records were too big to keep, and which layers could not be read', () => {
    const partial = listImagePackages(
      inventory({
        captured: captured.filter((entry) => entry.path !== 'var/lib/dpkg/status'),
        unreadableLayers: [5],
      }),
      HISTORY,
      DOCKERFILE,
    );
    expect(partial.packages.some((entry) => entry.kind === 'deb')).toBe(false);
    expect(partial.notes).toEqual([
      'A package record was too big to read (/var/lib/dpkg/status): the packages it lists are missing.',
      'A layer could not be read (zstd-compressed): packages installed there are missing.',
    ]);
  });

  it('does not list a project’s own package.json as an installed package', () => {
    const project = listImagePackages(
      inventory({
        files: [file('app/package.json', 3), file('app/node_modules/ms/package.json', 3)],
        captured: [
          { layerIndex: 3, path: 'app/package.json', content: '{"name":"my-app","version":"1.0.0"}' },
          {
            layerIndex: 3,
            path: 'app/node_modules/ms/package.json',
            content: '{"name":"ms","version":"2.1.3"}',
          },
        ],
      }),
      null,
      null,
    );
    expect(project.packages.map((entry) => entry.name)).toEqual(['ms']);
  });

  it('gives Debian egg-info packages no size: they have no RECORD', () => {
    const egg = `usr/lib/python3/dist-packages/Flask-2.2.2.egg-info/PKG-INFO`;
    const debianPython = listImagePackages(
      inventory({
        files: [file(egg, 0)],
        captured: [{ layerIndex: 0, path: egg, content: 'Name: Flask\nVersion: 2.2.2\n' }],
      }),
      null,
      null,
    );
    expect(debianPython.packages.map((entry) => [entry.name, entry.sizeBytes])).toEqual([['Flask', null]]);
    expect(debianPython.totals).toEqual([{ kind: 'python', count: 1, sizeBytes: 0, unsized: 1 }]);
  });
});

describe('distributionOf', () => {
  it.each([
    ['ID=alpine\nVERSION_ID=3.19.1\n', { id: 'alpine', versionId: '3.19.1' }],
    ['NAME="Ubuntu"\nID=ubuntu\nVERSION_ID="22.04"\n', { id: 'ubuntu', versionId: '22.04' }],
    ['ID=debian\n', { id: 'debian', versionId: null }],
    ['NAME=nothing\n', null],
  ])('reads %j', (text, expected) => {
    expect(distributionOf(text)).toEqual(expected);
  });
});
