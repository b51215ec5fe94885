import { describe, expect, it } from 'vitest';
import type { BuildStep } from '../../../../../src/shared/builds/build-model';
import { formatDuration, stepDuration } from '../../../../../src/renderer/features/builds/step-list';

const step = (startedAt: number | null, endedAt: number | null): BuildStep => ({
  id: 's',
  index: 1,
  total: 1,
  stage: null,
  instruction: 'RUN true',
  line: 1,
  status: endedAt === null ? 'running' : 'done',
  startedAt,
  endedAt,
  internal: false,
  error: null,
});

describe('stepDuration', () => {
  it('measures a running step up to now and an ended one up to its end', () => {
    expect(stepDuration(step(1000, null), 1250)).toBe(250);
    expect(stepDuration(step(1000, 1100), 5000)).toBe(100);
  });

  it('says nothing for a step that has not started', () => {
    expect(stepDuration(step(null, null), 5000)).toBeNull();
  });

  it('gives 0 for a step that started after the last tick of the clock it is shown with', () => {
    expect(stepDuration(step(1064, null), 1000)).toBe(0);
    expect(formatDuration(stepDuration(step(1064, null), 1000)!)).toBe('0 ms');
  });
});
