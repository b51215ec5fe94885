import { describe, expect, it } from 'vitest';
import type { PushEvent } from '../../../../src/shared/push/push-model';
import { applyPushEvent, pushFold, type PushState } from '../../../../src/shared/operations/fold-push';

const started: PushEvent = { kind: 'started', reference: 'registry.test/team/app:1', tags: ['1'] };
const layer = (id: string, status: 'Pushing' | 'Pushed', current: number): PushEvent => ({
  kind: 'layer',
  layer: { id, status, current, total: 100, detail: null },
});

function fold(events: PushEvent[], times: number[] = events.map((_, index) => index)): PushState | null {
  let state: PushState | null = null;
  events.forEach((event, index) => {
    const now = times[index]!;
    state = state ? pushFold.apply(state, event, now) : pushFold.start('p1', event, now);
  });
  return state;
}

describe('pushFold', () => {
  it('opens a push only at its started event', () => {
    expect(fold([layer('a', 'Pushing', 1)])).toBeNull();
    expect(fold([started])).toMatchObject({
      id: 'p1',
      reference: 'registry.test/team/app:1',
      allTags: false,
    });
    expect(fold([{ ...started, tags: [] }])?.allTags).toBe(true);
  });

  it('keeps each layer once, in its last state, in the order first heard', () => {
    const state = fold([
      started,
      layer('a', 'Pushing', 10),
      layer('b', 'Pushing', 5),
      layer('a', 'Pushed', 100),
    ]);
    expect(state?.layers.map((known) => [known.id, known.status])).toEqual([
      ['a', 'Pushed'],
      ['b', 'Pushing'],
    ]);
  });

  it('says stalled while the engine is silent, and no more once it talks or ends', () => {
    const stalled = fold([started, { kind: 'stalled', silentMs: 30_000 }]);
    expect(stalled?.stalledForMs).toBe(30_000);
    expect(applyPushEvent(stalled!, { kind: 'resumed' }, 5).stalledForMs).toBeNull();
    expect(
      applyPushEvent(stalled!, { kind: 'finished', status: 'cancelled', error: null }, 5).stalledForMs,
    ).toBeNull();
  });

  it('keeps the tags pushed and how it ended, with the times it was heard', () => {
    const error = { reason: 'unauthorized' as const, message: 'Log in', registry: 'registry.test' };
    const state = fold(
      [
        started,
        { kind: 'tag-done', tag: '1', digest: 'sha256:d', size: 524 },
        { kind: 'finished', status: 'failed', error },
      ],
      [1000, 1500, 2000],
    );
    expect(state).toMatchObject({
      status: 'failed',
      error,
      tags: [{ tag: '1', digest: 'sha256:d', size: 524 }],
      startedAt: 1000,
      endedAt: 2000,
    });
  });

  it('leaves the state it was given as it was', () => {
    const state = fold([started])!;
    applyPushEvent(state, layer('a', 'Pushing', 1), 1);
    expect(state.layers).toEqual([]);
  });
});
