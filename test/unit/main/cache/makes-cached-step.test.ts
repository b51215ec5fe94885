import { describe, expect, it } from 'vitest';
import { makesCachedStep } from '../../../../src/main/cache/predict-cache';

describe('makesCachedStep', () => {
  it.each([
    ['buildkit', 'RUN', true],
    ['buildkit', 'COPY', true],
    ['buildkit', 'ADD', true],
    ['buildkit', 'WORKDIR', true],
    // BuildKit changes only the image config for these: no step, so no "will run" line either.
    ['buildkit', 'CMD', false],
    ['buildkit', 'ENV', false],
    ['buildkit', 'LABEL', false],
    ['classic', 'CMD', true],
    ['classic', 'ENV', true],
    ['classic', 'FROM', false],
    ['buildkit', 'FROM', false],
  ] as const)('%s %s → %s', (builder, keyword, expected) => {
    expect(makesCachedStep(builder, keyword)).toBe(expected);
  });
});
