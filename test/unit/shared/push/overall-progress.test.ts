import { describe, expect, it } from 'vitest';
import { overallProgress, type LayerPush } from '../../../../src/shared/push/push-model';

const layer = (status: LayerPush['status'], current: number, total: number | null): LayerPush => ({
  id: `${status}-${current}-${total}`,
  status,
  current,
  total,
  detail: null,
});

describe('overallProgress', () => {
  it('is bytes sent over bytes to send once every size is known, finished layers counting whole', () => {
    expect(overallProgress([layer('Pushed', 0, 300), layer('Pushing', 100, 700)])).toEqual({
      current: 400,
      total: 1000,
      done: 1,
      fraction: 0.4,
    });
  });

  it('does not look complete while a layer of unknown size has not started', () => {
    const progress = overallProgress([layer('Pushed', 2_000_000, 2_000_000), layer('Retrying', 0, null)]);
    expect(progress).toMatchObject({ current: 2_000_000, total: 2_000_000, done: 1 });
    expect(progress.fraction).toBe(0.5);
  });

  it('is zero with no layers yet and one when all are done', () => {
    expect(overallProgress([]).fraction).toBe(0);
    expect(
      overallProgress([layer('Layer already exists', 0, null), layer('Mounted', 0, null)]).fraction,
    ).toBe(1);
  });
});
