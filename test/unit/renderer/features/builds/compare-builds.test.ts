import { describe, expect, it } from 'vitest';
import type { BuildStep } from '../../../../../src/shared/builds/build-model';
import type { CacheReason } from '../../../../../src/shared/cache/cache-model';
import {
  compareBuildSteps,
  deltaText,
  layerSizesByLine,
  sizeDeltaText,
} from '../../../../../src/renderer/features/builds/compare-builds';
import type { ImageDetails, LayerEntry } from '../../../../../src/shared/layers/layer-history';

const step = (
  line: number,
  instruction: string,
  status: BuildStep['status'],
  ms: number | null,
  internal = false,
): BuildStep => ({
  id: `${line}:${instruction}`,
  index: line,
  total: 4,
  stage: '0',
  instruction,
  line,
  status,
  startedAt: ms === null ? null : 1000,
  endedAt: ms === null ? null : 1000 + ms,
  internal,
  error: null,
});

const noReason = (): CacheReason | null => null;

describe('compareBuildSteps', () => {
  it('sets each step beside the same step of the build before, with the change in run time', () => {
    const rows = compareBuildSteps(
      [
        step(1, 'FROM busybox', 'cached', 0),
        step(2, 'COPY . /app', 'done', 300),
        step(3, 'RUN install', 'done', 9000),
      ],
      [
        step(1, 'FROM busybox', 'cached', 0),
        step(2, 'COPY . /app', 'done', 200),
        step(3, 'RUN install', 'cached', 0),
      ],
      (line) =>
        line === 3 ? { kind: 'cascade', fromLine: 2, fromInstruction: 'COPY . /app', advice: null } : null,
    );
    expect(rows.map((row) => [row.line, row.cached, row.durationMs, row.previousMs, row.deltaMs])).toEqual([
      [1, true, 0, 0, 0],
      [2, false, 300, 200, 100],
      [3, false, 9000, 0, 9000],
    ]);
    expect(rows[2]!.reason?.kind).toBe('cascade');
  });

  it('finds a step the reordered Dockerfile moved by its instruction, and leaves a new one without a partner', () => {
    const rows = compareBuildSteps(
      [
        step(1, 'FROM busybox', 'cached', 0),
        step(2, 'COPY requirements.txt .', 'done', 50),
        step(3, 'RUN install', 'done', 8000),
        step(4, 'COPY . /app', 'done', 300),
      ],
      [
        step(1, 'FROM busybox', 'cached', 0),
        step(2, 'COPY . /app', 'done', 250),
        step(3, 'RUN install', 'done', 9000),
      ],
      noReason,
    );
    expect(rows.map((row) => [row.instruction, row.previousMs, row.deltaMs])).toEqual([
      ['FROM busybox', 0, 0],
      ['COPY requirements.txt .', null, null],
      ['RUN install', 9000, -1000],
      ['COPY . /app', 250, 50],
    ]);
  });

  it('leaves out the builder’s internal steps and gives no time to a step that never ran', () => {
    const rows = compareBuildSteps(
      [step(0, '[internal] load', 'done', 10, true), step(2, 'RUN false', 'not-run', null)],
      [step(2, 'RUN false', 'done', 100)],
      noReason,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ durationMs: null, previousMs: 100, deltaMs: null });
  });
});

describe('deltaText', () => {
  it('signs the change and calls a tiny one none', () => {
    expect(deltaText(12_345)).toBe('+12.3 s');
    expect(deltaText(-400)).toBe('−400 ms');
    expect(deltaText(20)).toBe('±0');
  });
});

describe('layer sizes in the comparison', () => {
  const entry = (dockerfileLine: number | null, sizeBytes: number, fromBaseImage = false): LayerEntry => ({
    index: 0,
    createdBy: '',
    instruction: '',
    buildArgs: {},
    sizeBytes,
    created: 0,
    emptyLayer: sizeBytes === 0,
    diffId: null,
    comment: '',
    fromBaseImage,
    dockerfileLine,
  });
  const details = (history: LayerEntry[]) => ({ history }) as unknown as ImageDetails;

  it('sums the layers per Dockerfile line, leaving the base image and unmapped entries out', () => {
    const sizes = layerSizesByLine(
      details([entry(1, 5_000_000, true), entry(2, 100), entry(2, 20), entry(null, 7), entry(3, 0)]),
    );
    expect([...sizes!]).toEqual([
      [2, 120],
      [3, 0],
    ]);
    expect(layerSizesByLine(undefined)).toBeNull();
  });

  it('sets each step’s size beside its partner’s, by the partner’s own line after a reorder', () => {
    const rows = compareBuildSteps(
      [
        step(2, 'COPY req .', 'done', 10),
        step(3, 'RUN install', 'done', 900),
        step(4, 'COPY . /app', 'done', 20),
      ],
      [step(2, 'COPY . /app', 'done', 20), step(3, 'RUN install', 'done', 800)],
      noReason,
      {
        current: new Map([
          [2, 10],
          [3, 5_000],
          [4, 300],
        ]),
        previous: new Map([
          [2, 310],
          [3, 4_000],
        ]),
      },
    );
    expect(rows.map((row) => [row.line, row.sizeBytes, row.previousSizeBytes, row.sizeDeltaBytes])).toEqual([
      [2, 10, null, null],
      [3, 5_000, 4_000, 1_000],
      [4, 300, 310, -10],
    ]);
  });

  it('has no sizes when an image could not be read', () => {
    const rows = compareBuildSteps([step(2, 'RUN a', 'done', 1)], [step(2, 'RUN a', 'done', 1)], noReason, {
      current: null,
      previous: new Map([[2, 5]]),
    });
    expect([rows[0]!.sizeBytes, rows[0]!.previousSizeBytes, rows[0]!.sizeDeltaBytes]).toEqual([
      null,
      5,
      null,
    ]);
  });

  it.each([
    [0, '±0'],
    [1_500, '+1.5 kB'],
    [-20, '−20 B'],
  ])('writes a size change of %d as %s', (bytes, text) => {
    expect(sizeDeltaText(bytes, (value) => (value >= 1000 ? `${value / 1000} kB` : `${value} B`))).toBe(text);
  });
});
