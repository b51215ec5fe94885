import { describe, expect, it } from 'vitest';
import type { StepInputs } from '../../../../src/shared/cache/cache-model';
import { matchCacheSteps } from '../../../../src/shared/cache/match-cache-steps';

const step = (line: number, stage: number, resolvedText: string): StepInputs => ({
  line,
  stage,
  keyword: resolvedText.split(' ')[0]!,
  resolvedText,
  args: {},
  baseImageId: null,
  sources: null,
  fromStage: null,
});

/** Current line → the previous line it is paired with (null: new). */
const pairs = (previous: StepInputs[], current: StepInputs[]) =>
  Object.fromEntries(
    [...matchCacheSteps(previous, current)].map(([line, match]) => [line, match?.line ?? null]),
  );

describe('matchCacheSteps', () => {
  const before = [step(1, 0, 'FROM a'), step(2, 0, 'RUN one'), step(3, 0, 'RUN two'), step(5, 1, 'FROM b')];

  it('pairs by stage and position when lines shifted', () => {
    const after = [step(3, 0, 'FROM a'), step(4, 0, 'RUN one'), step(8, 0, 'RUN two'), step(11, 1, 'FROM b')];
    expect(pairs(before, after)).toEqual({ 3: 1, 4: 2, 8: 3, 11: 5 });
  });

  it('pairs an edited instruction with its old self', () => {
    const after = [step(1, 0, 'FROM a'), step(2, 0, 'RUN uno'), step(3, 0, 'RUN two')];
    expect(pairs(before, after)).toEqual({ 1: 1, 2: 2, 3: 3 });
  });

  it('leaves an inserted instruction unpaired and pairs the rest by text', () => {
    const after = [step(1, 0, 'FROM a'), step(2, 0, 'RUN new'), step(3, 0, 'RUN one'), step(4, 0, 'RUN two')];
    expect(pairs(before, after)).toEqual({ 1: 1, 2: null, 3: 2, 4: 3 });
  });

  it('pairs across a removed instruction, and an edit beside it by position', () => {
    const after = [step(1, 0, 'FROM a'), step(2, 0, 'RUN zwei')];
    expect(pairs(before, after)).toEqual({ 1: 1, 2: 2 });
    const removed = [step(1, 0, 'FROM a'), step(2, 0, 'RUN two')];
    expect(pairs(before, removed)).toEqual({ 1: 1, 2: 3 });
  });

  it('leaves a stage the previous build did not have unpaired', () => {
    expect(pairs(before, [step(9, 2, 'FROM c')])).toEqual({ 9: null });
  });
});
