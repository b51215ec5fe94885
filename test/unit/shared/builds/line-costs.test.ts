import { describe, expect, it } from 'vitest';
import type { BuildStep } from '../../../../src/shared/builds/build-model';
import { durationText, lineCosts } from '../../../../src/shared/builds/line-costs';

function step(
  line: number | null,
  status: BuildStep['status'],
  ms: number | null,
  internal = false,
  instruction = 'RUN x',
): BuildStep {
  return {
    id: `s${line}-${status}`,
    index: null,
    total: null,
    stage: internal ? null : '0',
    instruction,
    line,
    status,
    startedAt: ms === null ? null : 1_000,
    endedAt: ms === null ? null : 1_000 + ms,
    internal,
    error: null,
  };
}

const BUILT = [
  'FROM base',
  'RUN apt-get update && apt-get install -y big',
  'COPY . /app',
  'CMD ["app"]',
].join('\n');

describe('lineCosts', () => {
  it('gives each built line its time and the bytes its layers added, with its share of the build on hover', () => {
    const costs = lineCosts({
      steps: [
        step(1, 'done', 1_500, false, 'FROM base'),
        step(2, 'done', 12_400),
        step(3, 'done', 800),
        step(null, 'done', 50, true),
      ],
      builtText: BUILT,
      currentText: BUILT,
      sizes: new Map([
        [2, 90_000_000],
        [3, 10_000_000],
      ]),
      buildName: 'the build of 14:02',
    });
    expect(costs).toEqual([
      { line: 1, text: '1.5 s', title: 'In the build of 14:02, this step ran for 1.5 s.', heavy: false },
      {
        line: 2,
        text: '12.4 s · 90MB',
        title:
          'In the build of 14:02, this step ran for 12.4 s and added 90MB to the image (90% of what the build added).',
        heavy: true,
      },
      {
        line: 3,
        text: '800 ms · 10MB',
        title:
          'In the build of 14:02, this step ran for 800 ms and added 10MB to the image (10% of what the build added).',
        heavy: false,
      },
    ]);
  });

  it('says "cached" for a step that came from the cache, and sums steps of one line (several stages)', () => {
    const costs = lineCosts({
      steps: [step(2, 'cached', 3), step(3, 'done', 1_000), step(3, 'done', 1_500)],
      builtText: BUILT,
      currentText: BUILT,
      sizes: null,
      buildName: 'the build',
    });
    expect(costs.map((cost) => [cost.line, cost.text])).toEqual([
      [2, 'cached'],
      [3, '2.5 s'],
    ]);
    expect(costs[0]!.title).toBe('In the build, this step came from the cache.');
  });

  it('leaves out a FROM that only named its base (under a second), and lines edited since the build', () => {
    const edited = BUILT.replace('install -y big', 'install -y small');
    const costs = lineCosts({
      steps: [step(1, 'done', 5, false, 'FROM base'), step(2, 'done', 12_400), step(3, 'done', 800)],
      builtText: BUILT,
      currentText: edited,
      sizes: new Map([[2, 90_000_000]]),
      buildName: 'the build',
    });
    expect(costs.map((cost) => cost.line)).toEqual([3]);
  });

  it('says a step added no bytes when its layer is empty', () => {
    const [cost] = lineCosts({
      steps: [step(3, 'done', 10)],
      builtText: BUILT,
      currentText: BUILT,
      sizes: new Map([[3, 0]]),
      buildName: 'the build',
    });
    expect(cost!.title).toBe('In the build, this step ran for 10 ms and added no bytes to the image.');
    expect(cost!.text).toBe('10 ms · 0B');
  });
});

describe('durationText', () => {
  it.each([
    [0, '0 ms'],
    [999, '999 ms'],
    [1_000, '1.0 s'],
    [59_949, '59.9 s'],
    [65_000, '1 min 05 s'],
    [3_600_000, '60 min 00 s'],
  ])('%i ms reads %s', (ms, text) => {
    expect(durationText(ms)).toBe(text);
  });
});
