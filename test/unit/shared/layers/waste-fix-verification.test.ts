import { describe, expect, it } from 'vitest';
import type { ImageInventory, InventoryFile } from '../../../../src/shared/layers/image-inventory';
import {
  compareFinalFiles,
  compareOwnership,
  wasteFixFold,
  wasteFixVerification,
} from '../../../../src/shared/layers/waste-fix-verification';

function file(path: string, sizeBytes: number, digest: string | null = `sha256:${path}`): InventoryFile {
  return { path, kind: 'file', sizeBytes, digest, linkTarget: null, layerIndex: 1 };
}

function inventory(files: InventoryFile[]): ImageInventory {
  return { imageId: 'sha256:x', files, captured: [], capturedTruncated: false, unreadableLayers: [] };
}

const NONE = { compared: false, note: '', differences: [] };
const IDS = { images: { before: 'a', after: 'b', kept: false }, builds: { before: 'ba', after: 'bb' } };

describe('compareFinalFiles', () => {
  it('finds nothing when every file has the same kind, size, digest and link target', () => {
    const files = [
      file('bin/sh', 10),
      { ...file('bin/ls', 7, null), kind: 'symlink' as const, linkTarget: 'sh' },
    ];
    expect(compareFinalFiles(inventory(files), inventory([...files]), [])).toEqual({
      differences: [],
      runToRun: [],
      allowed: [],
    });
  });

  it('lists added, removed and changed files biggest first, with a leading slash', () => {
    const before = inventory([file('app/a', 5), file('app/b', 100), file('app/c', 3)]);
    const after = inventory([file('app/a', 5, 'sha256:other'), file('app/c', 3), file('app/d', 50)]);
    expect(compareFinalFiles(before, after, []).differences).toEqual([
      { path: '/app/b', change: 'removed', beforeBytes: 100, afterBytes: null },
      { path: '/app/d', change: 'added', beforeBytes: null, afterBytes: 50 },
      { path: '/app/a', change: 'changed', beforeBytes: 5, afterBytes: 5 },
    ]);
  });

  it('allows differences in the wasted paths and below them', () => {
    const before = inventory([file('tmp/data.tar', 5_000_000), file('var/lib/apt/lists/x', 9)]);
    const after = inventory([]);
    const result = compareFinalFiles(before, after, ['/tmp/data.tar', '/var/lib/apt/lists']);
    expect(result.differences).toEqual([]);
    expect(result.allowed.map((item) => item.path)).toEqual(['/tmp/data.tar', '/var/lib/apt/lists/x']);
  });

  it('forgives logs that changed (they hold the time) but not logs that appeared', () => {
    const before = inventory([file('var/log/apt/history.log', 900), file('var/log/dpkg.log', 10)]);
    const after = inventory([
      file('var/log/apt/history.log', 900, 'sha256:later'),
      file('var/log/dpkg.log', 10),
      file('var/log/new.log', 1),
    ]);
    const result = compareFinalFiles(before, after, []);
    expect(result.runToRun.map((item) => item.path)).toEqual(['/var/log/apt/history.log']);
    expect(result.differences.map((item) => item.path)).toEqual(['/var/log/new.log']);
  });
});

describe('wasteFixVerification', () => {
  it('says the sizes and the bytes removed when the files are the same', () => {
    const comparison = compareFinalFiles(inventory([file('a', 1)]), inventory([file('a', 1)]), []);
    const result = wasteFixVerification({
      comparison,
      ownership: NONE,
      beforeBytes: 412_000_000,
      afterBytes: 301_000_000,
      ...IDS,
    });
    expect(result.equivalent).toBe(true);
    expect(result.summary).toBe('412MB → 301MB, the same files apart from the 111MB removed.');
  });

  it('counts the run-to-run logs and the owners it compared in the sentence', () => {
    const comparison = compareFinalFiles(
      inventory([file('var/log/dpkg.log', 4)]),
      inventory([file('var/log/dpkg.log', 4, 'sha256:2')]),
      [],
    );
    const result = wasteFixVerification({
      comparison,
      ownership: { compared: true, note: '', differences: [] },
      beforeBytes: 2_000_000,
      afterBytes: 1_000_000,
      ...IDS,
    });
    expect(result.summary).toBe(
      '2MB → 1MB, the same files apart from the 1MB removed (1 log file differ, as on every run); owners and modes match.',
    );
  });

  it('refuses the fix when a file or an owner differs', () => {
    const comparison = compareFinalFiles(inventory([file('a', 1)]), inventory([]), []);
    const result = wasteFixVerification({
      comparison,
      ownership: {
        compared: true,
        note: '',
        differences: [{ path: '/app', before: '1000:1000 755', after: '0:0 755' }],
      },
      beforeBytes: 2,
      afterBytes: 1,
      ...IDS,
    });
    expect(result.equivalent).toBe(false);
    expect(result.summary).toBe(
      '2B → 1B, but not the same files: 1 file differ and 1 owner or mode differ. Do not apply this fix as it is.',
    );
  });
});

describe('compareOwnership', () => {
  it('lists the paths whose owner or mode differs, or that only one image has', () => {
    const before = '1000:1000 755 /app\n1000:1000 644 /app/a.txt\n1000:1000 644 /app/b.txt\n';
    const after =
      '0:0 755 /app\r\n1000:1000 644 /app/a.txt\r\n1000:1000 600 /app/b.txt\r\n1000:1000 644 /app/c.txt\r\n';
    expect(compareOwnership(before, after)).toEqual([
      { path: '/app', before: '1000:1000 755', after: '0:0 755' },
      { path: '/app/b.txt', before: '1000:1000 644', after: '1000:1000 600' },
      { path: '/app/c.txt', before: null, after: '1000:1000 644' },
    ]);
  });
});

describe('wasteFixFold', () => {
  it('keeps the build a step named until a step names another, then ends with the result', () => {
    let state = wasteFixFold.start(
      'v1',
      { kind: 'step', step: 'build-original', message: 'Building…', buildId: 'b1' },
      0,
    )!;
    state = wasteFixFold.apply(
      state,
      { kind: 'step', step: 'read-files', message: 'Reading…', buildId: null },
      0,
    );
    expect(state).toEqual({ state: 'running', step: 'read-files', message: 'Reading…', buildId: 'b1' });
    state = wasteFixFold.apply(state, { kind: 'failed', message: 'no', buildId: null }, 0);
    expect(state).toEqual({ state: 'failed', message: 'no', buildId: null });
    expect(wasteFixFold.apply(state, { kind: 'cancelled' }, 0)).toEqual({ state: 'cancelled' });
  });
});
