import { describe, expect, it } from 'vitest';
import type { PullEvent } from '../../../../src/shared/pull/pull-progress';
import { applyPullEvent, initialPullState, pullFold } from '../../../../src/shared/operations/fold-pull';

const layer = (id: string, phase: 'downloading' | 'done', current: number): PullEvent => ({
  kind: 'layer',
  layer: { id, phase, status: phase === 'done' ? 'Pull complete' : 'Downloading', current, total: 10 },
});

describe('pullFold', () => {
  it('opens at whatever event comes first, since a quick pull can end before its start request answers', () => {
    const finished: PullEvent = { kind: 'finished', status: 'succeeded', message: 'Downloaded newer image' };
    expect(pullFold.start('l1', finished, 0)).toEqual({ layers: [], finished, stalledForMs: null });
    expect(pullFold.start('l1', { kind: 'started', reference: 'busybox' }, 0)).toEqual(initialPullState());
  });

  it('keeps each layer once, in its last state', () => {
    let state = pullFold.start('l1', layer('a', 'downloading', 3), 0)!;
    state = pullFold.apply(state, layer('b', 'downloading', 1), 0);
    state = pullFold.apply(state, layer('a', 'done', 10), 0);
    expect(state.layers.map((known) => [known.id, known.phase])).toEqual([
      ['a', 'done'],
      ['b', 'downloading'],
    ]);
  });

  it('says stalled while the engine is silent, and no more once it talks or ends', () => {
    const stalled = applyPullEvent(initialPullState(), { kind: 'stalled', silentMs: 31_000 });
    expect(stalled.stalledForMs).toBe(31_000);
    expect(applyPullEvent(stalled, { kind: 'resumed' }).stalledForMs).toBeNull();
    const ended = applyPullEvent(stalled, {
      kind: 'finished',
      status: 'cancelled',
      message: 'Pull cancelled.',
    });
    expect(ended).toMatchObject({ stalledForMs: null, finished: { status: 'cancelled' } });
  });
});
