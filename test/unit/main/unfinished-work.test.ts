import { describe, expect, it } from 'vitest';
import { unfinishedWork } from '../../../src/main/unfinished-work';

/** A runner with these ids running, recording what was cancelled. */
function runner(ids: string[], cancelled: string[]) {
  return { running: () => ids, cancel: (id: string) => cancelled.push(id) > 0 };
}

function services(builds: string[], pushes: string[], pulls: string[], cancelled: string[] = []) {
  return {
    builds: runner(builds, cancelled),
    pushes: runner(pushes, cancelled),
    pulls: runner(pulls, cancelled),
  } as unknown as Parameters<typeof unfinishedWork>[0];
}

describe('unfinishedWork', () => {
  it('is nothing when nothing runs', () => {
    expect(unfinishedWork(services([], [], []))).toBeNull();
  });

  it.each([
    [['b1'], [], [], '1 build still running.'],
    [[], ['p1', 'p2'], [], '2 pushes still running.'],
    [['b1'], ['p1', 'p2'], [], '1 build and 2 pushes still running.'],
    [['b1', 'b2'], ['p1'], ['l1'], '2 builds, 1 push and 1 pull still running.'],
  ])('builds %j, pushes %j, pulls %j: "%s"', (builds, pushes, pulls, message) => {
    expect(unfinishedWork(services(builds, pushes, pulls))?.message).toBe(message);
  });

  it('cancels every one of them', () => {
    const cancelled: string[] = [];
    unfinishedWork(services(['b1'], ['p1'], ['l1', 'l2'], cancelled))!.cancelAll();
    expect(cancelled).toEqual(['b1', 'p1', 'l1', 'l2']);
  });
});
