import { describe, expect, it } from 'vitest';
import { comparePackages } from '../../../../src/shared/packages/compare-packages';
import type { ImagePackage, PackageList } from '../../../../src/shared/packages/list-image-packages';

const pkg = (
  kind: ImagePackage['kind'],
  name: string,
  version: string,
  sizeBytes: number | null,
  arch: string | null = null,
  path = '',
): ImagePackage => ({
  kind,
  name,
  version,
  arch,
  sizeBytes,
  source: null,
  license: null,
  path,
  place: {
    layerIndex: 0,
    historyIndex: null,
    line: null,
    lineText: null,
    instruction: '',
    fromBaseImage: false,
  },
});
const list = (imageId: string, packages: ImagePackage[], notes: string[] = []): PackageList => ({
  imageId,
  distribution: null,
  packages,
  totals: [],
  notes,
});

describe('comparePackages', () => {
  const a = list('sha256:a', [
    pkg('deb', 'curl', '7.88.1-10', 500_000, 'amd64'),
    pkg('deb', 'libc6', '2.36-9', 12_000_000, 'amd64'),
    pkg('deb', 'vim', '9.0', 3_000_000, 'amd64'),
    pkg('python', 'Flask', '2.2.2', null),
    pkg('npm', 'ms', '2.1.2', 3_000, null, 'app/node_modules/ms'),
  ]);
  const b = list(
    'sha256:b',
    [
      pkg('deb', 'curl', '7.88.1-10+deb12u5', 520_000, 'amd64'),
      pkg('deb', 'libc6', '2.36-9', 12_000_000, 'amd64'),
      pkg('deb', 'libc6', '2.36-9', 11_000_000, 'i386'),
      pkg('python', 'flask', '2.2.2', null),
      pkg('npm', 'ms', '2.1.2', 3_000, null, 'app/node_modules/ms'),
      pkg('npm', 'ms', '2.1.3', 3_100, null, 'app/node_modules/debug/node_modules/ms'),
    ],
    ['An rpm database is in the image.'],
  );
  const comparison = comparePackages(a, b);

  it('lists added, removed and changed packages, biggest size change first', () => {
    expect(
      comparison.changes.map((change) => [
        change.change,
        change.kind,
        change.name,
        change.arch,
        change.sizeDeltaBytes,
      ]),
    ).toEqual([
      ['added', 'deb', 'libc6', 'i386', 11_000_000],
      ['removed', 'deb', 'vim', 'amd64', -3_000_000],
      ['changed', 'deb', 'curl', 'amd64', 20_000],
      ['changed', 'npm', 'ms', null, 3_100],
    ]);
  });

  it('keeps both sides of a change, and every version of a package installed twice', () => {
    expect(comparison.changes.find((change) => change.name === 'curl')).toMatchObject({
      a: { versions: ['7.88.1-10'], sizeBytes: 500_000 },
      b: { versions: ['7.88.1-10+deb12u5'], sizeBytes: 520_000 },
    });
    expect(comparison.changes.find((change) => change.name === 'ms')?.b).toEqual({
      versions: ['2.1.2', '2.1.3'],
      sizeBytes: 6_100,
    });
  });

  it('counts each kind of change and the packages that stayed the same (Python names compare case-blind)', () => {
    expect([comparison.added, comparison.removed, comparison.changed, comparison.unchanged]).toEqual([
      1, 1, 2, 2,
    ]);
  });

  it('adds up both sides and passes their notes on', () => {
    expect(comparison.a).toEqual({ imageId: 'sha256:a', count: 5, sizeBytes: 15_503_000 });
    expect(comparison.b).toEqual({ imageId: 'sha256:b', count: 6, sizeBytes: 23_526_100 });
    expect(comparison.notes).toEqual(['Second image: An rpm database is in the image.']);
  });

  it('finds nothing to say about an image compared with itself', () => {
    expect(comparePackages(a, a)).toMatchObject({
      changes: [],
      added: 0,
      removed: 0,
      changed: 0,
      unchanged: 5,
    });
  });
});
