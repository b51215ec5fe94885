/**
 * compareImages on histories recorded from dockerd 20.10 with both builders
 * (fixtures/, re-checked against the engine by test/integration/layers-history-fixtures.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { compareImages, formatSizeDelta } from '../../../../src/shared/layers/compare-images';
import type { ImageDetails, LayerEntry } from '../../../../src/shared/layers/layer-history';
import { detailsOf, readHistoryFixture } from './history-fixtures';

describe('compareImages', () => {
  it('shows the shared base once and the builders’ one real difference (symlink bytes)', () => {
    const a = detailsOf(readHistoryFixture('waste', 'classic'));
    const b = detailsOf(readHistoryFixture('waste', 'buildkit'));
    const comparison = compareImages(a, b);
    expect(comparison.sharedCount).toBe(4);
    expect(comparison.sharedBytes).toBe(1982256 + 3216);
    expect(
      comparison.rows.slice(0, 4).every((row) => row.match === 'shared' && row.a?.diffId === row.b?.diffId),
    ).toBe(true);
    expect(comparison.rows.slice(4).map((row) => [row.match, row.instruction, row.deltaBytes])).toEqual([
      ['same-instruction', expect.stringMatching(/^RUN mkdir/), 0],
      ['same-instruction', 'WORKDIR /work', 0],
      ['same-instruction', expect.stringMatching(/^RUN rm -rf/), 0],
      ['same-instruction', 'WORKDIR /', 0],
      // Classic counts the symlink /soft (5 bytes: "/over"), BuildKit on 20.10 does not.
      ['same-instruction', 'RUN ln /over /hard && ln -s /over /soft', -5],
      ['same-keyword', 'COPY a.txt a.txt /twice/', 0],
      ['only-a', 'LABEL dev.dockwright.test=1', 0],
    ]);
    expect(comparison.totals).toEqual({
      aBytes: a.sizeBytes,
      bBytes: b.sizeBytes,
      deltaBytes: b.sizeBytes - a.sizeBytes,
      deltaPercent: ((b.sizeBytes - a.sizeBytes) / a.sizeBytes) * 100,
    });
    expect(comparison.totals.deltaBytes).toBe(-5);
    expect(comparison.grewMost).toBeNull();
    expect(comparison.shrankMost?.instruction).toBe('RUN ln /over /hard && ln -s /over /soft');
    expect(comparison.headline).toBe(
      '7.23MB → 7.23MB (-5B, under 0.1%). Shrank most: RUN ln /over /hard && ln -s /over /soft (-5B).',
    );
  });

  it('an image against itself is all shared', () => {
    const a = detailsOf(readHistoryFixture('instructions', 'buildkit'));
    const comparison = compareImages(a, a);
    expect(comparison.sharedCount).toBe(a.history.length);
    expect(comparison.rows.every((row) => row.match === 'shared' && row.deltaBytes === 0)).toBe(true);
    expect(comparison.headline).toBe('Same size (1.99MB).');
    expect(comparison.sizeKind).toBe('content');
  });

  it('says the sizes are on disk when the engine keeps images in the containerd store', () => {
    const a = {
      ...detailsOf(readHistoryFixture('instructions', 'buildkit')),
      imageStore: 'containerd' as const,
    };
    const comparison = compareImages(a, a);
    expect(comparison.sizeKind).toBe('disk');
    expect(comparison.headline).toBe('Same size on disk (1.99MB).');
  });

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
      fromBaseImage: false,
      dockerfileLine: null,
    };
  }

  function image(history: LayerEntry[]): ImageDetails {
    return {
      ...detailsOf(readHistoryFixture('waste', 'classic')),
      history,
      diffIds: history.flatMap((e) => (e.diffId ? [e.diffId] : [])),
      sizeBytes: history.reduce((total, e) => total + e.sizeBytes, 0),
    };
  }

  it('matches exact instructions first, then keywords in order, and names the biggest changes', () => {
    const a = image([
      entry(0, 'COPY file:x in /', 1000, 'sha256:base'),
      entry(1, 'RUN apt-get update && apt-get install -y curl', 40_000_000, 'sha256:a1'),
      entry(2, 'COPY . /app', 2_000_000, 'sha256:a2'),
      entry(3, 'RUN make', 500_000, 'sha256:a3'),
      entry(4, 'CMD ["app"]', 0, null),
    ]);
    const b = image([
      entry(0, 'COPY file:x in /', 1000, 'sha256:base'),
      entry(1, 'RUN apt-get update && apt-get install -y curl git', 90_000_000, 'sha256:b1'),
      entry(2, 'COPY . /app', 1_500_000, 'sha256:b2'),
      entry(3, 'RUN make test', 100_000, 'sha256:b3'),
      entry(4, 'ENV MODE=prod', 0, null),
      entry(5, 'CMD ["app"]', 0, null),
    ]);
    const comparison = compareImages(a, b);
    expect(comparison.rows.map((row) => [row.match, row.a?.index ?? null, row.b?.index ?? null])).toEqual([
      ['shared', 0, 0],
      ['same-keyword', 1, 1],
      ['same-instruction', 2, 2],
      ['same-keyword', 3, 3],
      ['only-b', null, 4],
      ['same-instruction', 4, 5],
    ]);
    const run = comparison.rows[1]!;
    expect(run).toMatchObject({
      aBytes: 40_000_000,
      bBytes: 90_000_000,
      deltaBytes: 50_000_000,
      deltaPercent: 125,
    });
    expect(comparison.rows[2]).toMatchObject({ deltaBytes: -500_000, deltaPercent: -25 });
    expect(comparison.rows[3]).toMatchObject({ deltaBytes: -400_000, deltaPercent: -80 });
    expect(comparison.rows[4]).toMatchObject({ deltaBytes: 0, deltaPercent: 0 });
    expect(comparison.grewMost).toBe(run);
    expect(comparison.shrankMost).toBe(comparison.rows[2]);
    expect(comparison.totals).toMatchObject({
      aBytes: 42_501_000,
      bBytes: 91_601_000,
      deltaBytes: 49_100_000,
    });
    expect(comparison.totals.deltaPercent).toBeCloseTo((49_100_000 / 42_501_000) * 100, 10);
    expect(comparison.headline).toBe(
      '42.5MB → 91.6MB (+49.1MB, +116%). Grew most: RUN apt-get update && apt-get install -y curl git (+50MB). ' +
        'Shrank most: COPY . /app (-500kB).',
    );
  });

  it('calls a moved but identical layer the same layer, and a new layer new', () => {
    const a = image([entry(0, 'COPY a /a', 10, 'sha256:l1'), entry(1, 'RUN x', 5, 'sha256:l2')]);
    const b = image([
      entry(0, 'ENV X=1', 0, null),
      entry(1, 'COPY a /a', 10, 'sha256:l1'),
      entry(2, 'RUN y', 7, 'sha256:l3'),
    ]);
    const comparison = compareImages(a, b);
    expect(comparison.sharedCount).toBe(0);
    expect(comparison.rows.map((row) => [row.match, row.deltaPercent])).toEqual([
      ['only-b', 0],
      ['same-layer', 0],
      ['same-keyword', 40],
    ]);
    const added = compareImages(image([]), a);
    expect(added.rows.map((row) => [row.match, row.deltaPercent])).toEqual([
      ['only-b', null],
      ['only-b', null],
    ]);
    expect(added.totals.deltaPercent).toBeNull();
    expect(added.headline).toBe('0B → 15B (+15B, new). Grew most: COPY a /a (+10B).');
  });

  it('writes signed deltas in docker images units', () => {
    expect(formatSizeDelta(0)).toBe('0B');
    expect(formatSizeDelta(1_500_000)).toBe('+1.5MB');
    expect(formatSizeDelta(-1125)).toBe('-1.12kB');
  });
});
