import { describe, expect, it } from 'vitest';
import {
  compareSides,
  findImage,
  imageChoices,
  imageLabel,
  olderFirst,
} from '../../../../src/shared/layers/compare-sides';
import type { ImageDetails, LayerEntry } from '../../../../src/shared/layers/layer-history';
import type { LayersView } from '../../../../src/shared/layers/layers-view';

const ID_10 = `sha256:${'a1'.repeat(32)}`;
const ID_11 = `sha256:${'b2'.repeat(32)}`;
const ID_BASE = `sha256:${'c3'.repeat(32)}`;

function entry(index: number, instruction: string, sizeBytes: number, diffId: string | null): LayerEntry {
  return {
    index,
    createdBy: instruction,
    instruction,
    buildArgs: {},
    sizeBytes,
    created: 0,
    emptyLayer: diffId === null,
    diffId,
    comment: '',
    fromBaseImage: index === 0,
    dockerfileLine: index === 0 ? null : index + 1,
  };
}

/** 1.0 and 1.1 of one Dockerfile: same base and RUN, a bigger COPY in 1.1, and a cleanup RUN only in 1.1. */
function side(version: '1.0' | '1.1', created: number): LayersView & { ref: string } {
  const copyBytes = version === '1.0' ? 100 : 149;
  const history = [
    entry(0, 'ADD file:base in /', 5_000, 'sha256:base'),
    entry(1, 'RUN apt-get update && apt-get install -y curl', 12_000_000, 'sha256:run'),
    entry(2, 'COPY . /app', copyBytes, `sha256:copy-${version}`),
    ...(version === '1.1'
      ? [entry(3, 'RUN apt-get clean && rm -rf /var/lib/apt/lists/*', 0, 'sha256:clean')]
      : []),
  ];
  const details: ImageDetails = {
    id: version === '1.0' ? ID_10 : ID_11,
    tags: [`app:${version}`],
    digests: [],
    created,
    sizeBytes: history.reduce((sum, item) => sum + item.sizeBytes, 0),
    imageStore: 'storage-driver',
    os: 'linux',
    architecture: 'amd64',
    variant: null,
    entrypoint: null,
    cmd: null,
    env: [],
    exposedPorts: [],
    workdir: '',
    user: '',
    labels: {},
    diffIds: history.flatMap((item) => (item.diffId ? [item.diffId] : [])),
    history,
  };
  return { details, dockerfile: null, ref: `app:${version}` };
}

describe('compareSides', () => {
  // Whichever order the two images are asked for in, the comparison reads 1.0 → 1.1.
  const cases = [
    { name: 'older asked first', first: '1.0', second: '1.1', swapped: false },
    {
      name: 'newer asked first (the "Compare with" select used the other way round)',
      first: '1.1',
      second: '1.0',
      swapped: true,
    },
  ] as const;
  const created = { '1.0': 1_700_000_000, '1.1': 1_700_000_600 };

  it.each(cases)(
    'puts the older image left and signs deltas newer − older: $name',
    ({ first, second, swapped }) => {
      const result = compareSides(side(first, created[first]), side(second, created[second]));
      expect(result.swapped).toBe(swapped);
      expect(result.a.details.id).toBe(ID_10);
      expect(result.b.details.id).toBe(ID_11);
      expect(result.labels).toEqual({ a: 'app:1.0 (a1a1a1a1a1a1)', b: 'app:1.1 (b2b2b2b2b2b2)' });
      const rows = result.comparison.rows.map((row) => [
        row.instruction,
        row.aBytes,
        row.bBytes,
        row.deltaBytes,
      ]);
      expect(rows).toEqual([
        ['ADD file:base in /', 5_000, 5_000, 0],
        ['RUN apt-get update && apt-get install -y curl', 12_000_000, 12_000_000, 0],
        ['COPY . /app', 100, 149, 49],
        ['RUN apt-get clean && rm -rf /var/lib/apt/lists/*', 0, 0, 0],
      ]);
      expect(result.comparison.rows.at(-1)?.match).toBe('only-b');
      expect(result.comparison.grewMost?.instruction).toBe('COPY . /app');
      expect(result.comparison.shrankMost).toBeNull();
      expect(result.comparison.headline).toBe(
        'app:1.0 (a1a1a1a1a1a1) → app:1.1 (b2b2b2b2b2b2): 12MB → 12MB (+49B, under 0.1%). Grew most: COPY . /app (+49B).',
      );
    },
  );

  it('keeps the given order when both images were created at the same second', () => {
    const result = compareSides(side('1.1', 5), side('1.0', 5));
    expect([result.a.details.id, result.b.details.id, result.swapped]).toEqual([ID_11, ID_10, false]);
  });

  it('never labels a side with a raw digest, even when asked for by id', () => {
    const older = { ...side('1.0', 1), ref: ID_10 };
    const newer = { ...side('1.1', 2), ref: ID_11 };
    newer.details = { ...newer.details, tags: [] };
    const { labels } = compareSides(older, newer);
    expect(labels).toEqual({ a: 'app:1.0 (a1a1a1a1a1a1)', b: 'b2b2b2b2b2b2' });
    expect(JSON.stringify(labels)).not.toContain('sha256:');
  });
});

describe('olderFirst', () => {
  it.each([
    [1, 2, false],
    [2, 1, true],
    [3, 3, false],
  ])('created %d then %d → swapped %s', (first, second, swapped) => {
    const result = olderFirst({ details: { created: first } }, { details: { created: second } });
    expect(result.swapped).toBe(swapped);
    expect(result.older.details.created).toBeLessThanOrEqual(result.newer.details.created);
  });
});

describe('imageLabel', () => {
  it.each([
    { tags: ['app:1.1', 'app:latest'], ref: 'app:latest', label: 'app:latest (b2b2b2b2b2b2)' },
    { tags: ['app:1.1', 'app:latest'], ref: ID_11, label: 'app:1.1 (b2b2b2b2b2b2)' },
    { tags: ['app:1.1'], ref: 'other:tag', label: 'app:1.1 (b2b2b2b2b2b2)' },
    { tags: [], ref: null, label: 'b2b2b2b2b2b2' },
  ])('$tags asked as $ref → $label', ({ tags, ref, label }) => {
    expect(imageLabel({ id: ID_11, tags }, ref)).toBe(label);
  });
});

describe('imageChoices', () => {
  // The images list as the engine gives it: newest first, one entry per image.
  const images = [
    { id: ID_11, tags: ['app:1.1'] },
    { id: ID_10, tags: ['app:1.0'] },
    { id: ID_BASE, tags: ['ubuntu:22.04'] },
  ];

  // "Compare with previous build" opens the page with two image ids. The selects used to list
  // tags only, so neither id matched an option: "Image" showed its first option (app:1.1) while
  // the page showed 1.0, "Compare with" stayed empty, and picking app:1.0 there compared 1.0
  // with itself under the name 1.1. Values are now image ids, whatever name comes in.
  it('selects the image an id names, labelled with its tag and short id', () => {
    const image = imageChoices(images, ID_10);
    expect(image.value).toBe(ID_10);
    expect(image.options.find((option) => option.value === image.value)?.label).toBe(
      'app:1.0 (a1a1a1a1a1a1)',
    );
    const other = imageChoices(images, ID_11, image.value);
    expect(other.value).toBe(ID_11);
    expect(other.options.map((option) => option.value)).toEqual([ID_11, ID_BASE]);
  });

  it.each([
    ['a tag', 'app:1.0'],
    ['a full id', ID_10],
    ['a short id', 'a1a1a1a1a1a1'],
    ['a sha256: short id', 'sha256:a1a1a1a1a1a1'],
  ])('resolves %s to the image id', (_what, wanted) => {
    expect(imageChoices(images, wanted).value).toBe(ID_10);
  });

  it('never offers the image already chosen on the other side, however it was named', () => {
    expect(imageChoices(images, null, 'app:1.0').options.map((option) => option.value)).toEqual([
      ID_11,
      ID_BASE,
    ]);
    expect(imageChoices(images, null, ID_10).options.map((option) => option.value)).toEqual([ID_11, ID_BASE]);
  });

  it('chooses nothing when the other side just took the same image (no option would match)', () => {
    expect(imageChoices(images, ID_11, 'app:1.1')).toEqual({
      options: [
        { value: ID_10, label: 'app:1.0 (a1a1a1a1a1a1)' },
        { value: ID_BASE, label: 'ubuntu:22.04 (c3c3c3c3c3c3)' },
      ],
      value: null,
    });
  });

  it('shows a name that is not in the list (yet) as its own option instead of another image', () => {
    const missing = `sha256:${'d4'.repeat(32)}`;
    const result = imageChoices(images, missing);
    expect(result.value).toBe(missing);
    expect(result.options[0]).toEqual({ value: missing, label: 'd4d4d4d4d4d4' });
    expect(imageChoices([], 'app:2.0').options).toEqual([{ value: 'app:2.0', label: 'app:2.0' }]);
  });

  it('finds nothing for a tag no image has', () => {
    expect(findImage(images, 'app:9')).toBeNull();
  });
});
