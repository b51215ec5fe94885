import { describe, expect, it } from 'vitest';
import type { OperationKind } from '../../../../src/main/operations/operations';
import { mayClose, QUIT_DETAIL, unfinishedWork } from '../../../../src/main/operations/unfinished-work';

/** Operations with these ids running per kind, recording what was cancelled. */
function operations(running: Partial<Record<OperationKind, string[]>>, cancelled: string[] = []) {
  return {
    running: (kind: OperationKind) => running[kind] ?? [],
    cancel: (kind: OperationKind, id: string) => cancelled.push(`${kind} ${id}`) > 0,
  };
}

describe('unfinishedWork', () => {
  it('is nothing when nothing runs', () => {
    expect(unfinishedWork(operations({}))).toBeNull();
  });

  it.each([
    [{ build: ['b1'] }, '1 build still running.'],
    [{ push: ['p1', 'p2'] }, '2 pushes still running.'],
    [{ build: ['b1'], push: ['p1', 'p2'] }, '1 build and 2 pushes still running.'],
    [{ build: ['b1', 'b2'], push: ['p1'], pull: ['l1'] }, '2 builds, 1 push and 1 pull still running.'],
    [{ analysis: ['a1'] }, '1 image analysis still running.'],
    [{ pull: ['l1'], analysis: ['a1', 'a2'] }, '1 pull and 2 image analyses still running.'],
  ])('%j: "%s"', (running, message) => {
    expect(unfinishedWork(operations(running))?.message).toBe(message);
  });

  it('does not ask about the background search for wasted bytes', () => {
    expect(unfinishedWork(operations({ waste: ['sha256:a'] }))).toBeNull();
  });

  it('cancels every one of them', () => {
    const cancelled: string[] = [];
    unfinishedWork(
      operations({ build: ['b1'], push: ['p1'], pull: ['l1', 'l2'], analysis: ['a1'] }, cancelled),
    )!.cancelAll();
    expect(cancelled).toEqual(['build b1', 'push p1', 'pull l1', 'pull l2', 'analysis a1']);
  });
});

describe('mayClose', () => {
  it('closes without asking when nothing runs', () => {
    const asked: string[] = [];
    expect(mayClose(operations({}), (message) => asked.push(message) < 0)).toBe(true);
    expect(asked).toEqual([]);
  });

  it('keeps the window open and the work running when the user keeps working', () => {
    const cancelled: string[] = [];
    const asked: [string, string][] = [];
    const keep = (message: string, detail: string) => (asked.push([message, detail]), false);
    expect(mayClose(operations({ push: ['p1'] }, cancelled), keep)).toBe(false);
    expect(asked).toEqual([['1 push still running.', QUIT_DETAIL]]);
    expect(cancelled).toEqual([]);
  });

  it('cancels the work and closes when the user quits', () => {
    const cancelled: string[] = [];
    expect(mayClose(operations({ build: ['b1'], analysis: ['a1'] }, cancelled), () => true)).toBe(true);
    expect(cancelled).toEqual(['build b1', 'analysis a1']);
  });
});
