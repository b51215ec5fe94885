import { describe, expect, it } from 'vitest';
import type { BuildSummary } from '../../../../../src/shared/builds/build-record';
import {
  createOperationsStore,
  KEPT_ENDED_BUILDS,
} from '../../../../../src/renderer/lib/operations/operations-store';

function buildSummary(id: string, status: BuildSummary['status']): BuildSummary {
  return {
    id,
    request: {
      contextDir: '/ctx',
      dockerfile: null,
      tags: [],
      buildArgs: {},
      target: null,
      noCache: false,
      pull: false,
      platform: null,
      labels: {},
      builder: 'auto',
    },
    dockerfilePath: '/ctx/Dockerfile',
    builder: 'classic',
    status,
    startedAt: 1,
    endedAt: status === 'running' ? null : 2,
    imageId: null,
    imageSizeBytes: null,
    error: null,
    stepCount: 0,
    cachedSteps: 0,
  };
}

describe('createOperationsStore', () => {
  it('keeps the command an exit event names, for explaining an auto-removed container', () => {
    const store = createOperationsStore();
    store.apply('container', 'c1', { kind: 'state', state: 'running', exitCode: null, error: null });
    store.apply('container', 'c1', {
      kind: 'state',
      state: 'exited',
      exitCode: 0,
      error: null,
      command: ['bash'],
    });
    expect(store.get('container', 'c1')?.command).toEqual(['bash']);
  });

  it('keeps the run time measured by the main process, for an exit heard before "running"', () => {
    const store = createOperationsStore();
    store.apply('container', 'c3', { kind: 'follow' });
    store.apply('container', 'c3', {
      kind: 'state',
      state: 'exited',
      exitCode: 0,
      error: null,
      command: ['sh'],
      ranMs: 35,
    });
    expect(store.get('container', 'c3')).toMatchObject({ state: 'exited', ranMs: 35, runningSince: null });
  });

  it('remembers a stop apart from followed containers, and forgets it when the container runs again', () => {
    const store = createOperationsStore();
    store.apply('container', 'c2', { kind: 'stop', timeoutSeconds: 10 });
    expect(store.get('container', 'c2')?.stop).toEqual({ timeoutSeconds: 10 });
    // A stop from the list must not make the container look followed (its output would never load).
    expect(store.get('container', 'c2')?.followed).toBe(false);
    store.apply('container', 'c2', { kind: 'state', state: 'exited', exitCode: 137, error: null });
    expect(store.get('container', 'c2')?.stop).toEqual({ timeoutSeconds: 10 });
    store.apply('container', 'c2', { kind: 'state', state: 'running', exitCode: null, error: null });
    expect(store.get('container', 'c2')?.stop).toBeNull();
  });

  it('keeps a pull that finished before anyone asked for its id', () => {
    const store = createOperationsStore();
    store.apply('pull', 'p1', { kind: 'finished', status: 'succeeded', message: 'Pulled busybox' });
    expect(store.get('pull', 'p1')?.finished?.message).toBe('Pulled busybox');
  });

  it('keeps an analysis that answered done before its start request returned', () => {
    const store = createOperationsStore();
    store.apply('analysis', 'a1', { kind: 'failed', message: 'image gone' });
    expect(store.get('analysis', 'a1')).toEqual({ state: 'failed', message: 'image gone' });
  });

  it('ignores build events heard before the build started', () => {
    const store = createOperationsStore();
    store.apply('build', 'b1', { kind: 'context', sentBytes: 1, totalBytes: 2 });
    expect(store.get('build', 'b1')).toBeUndefined();
    expect(store.list('build')).toEqual([]);
  });

  it('dates pushes by the clock it is given and lists them until one changes', () => {
    const store = createOperationsStore(() => 1234);
    store.apply('push', 'u1', { kind: 'started', reference: 'me/app:1', tags: [] });
    const list = store.list('push');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: 'u1', startedAt: 1234, allTags: true, status: 'running' });
    expect(store.list('push')).toBe(list);
    store.apply('push', 'u1', { kind: 'finished', status: 'succeeded', error: null });
    expect(store.list('push')).not.toBe(list);
    expect(store.get('push', 'u1')).toMatchObject({ status: 'succeeded', endedAt: 1234 });
  });

  it('forgets ended builds past the newest few (their logs are megabytes), never a running one', () => {
    const store = createOperationsStore();
    store.apply('build', 'running', { kind: 'started', summary: buildSummary('running', 'running') });
    const ids = Array.from({ length: KEPT_ENDED_BUILDS + 2 }, (_, index) => `b${index}`);
    for (const id of ids) {
      store.apply('build', id, { kind: 'started', summary: buildSummary(id, 'running') });
      store.apply('build', id, { kind: 'log', stepId: null, text: 'a line\n' });
      store.apply('build', id, { kind: 'finished', summary: buildSummary(id, 'succeeded') });
    }
    const kept = ids.slice(-KEPT_ENDED_BUILDS);
    expect(ids.filter((id) => store.get('build', id) !== undefined)).toEqual(kept);
    expect(store.get('build', 'running')?.summary.status).toBe('running');
    expect(store.list('build').map((build) => build.summary.id)).toEqual(['running', ...kept]);
    // A late event of a forgotten build does not bring it back half-made.
    store.apply('build', 'b0', { kind: 'log', stepId: null, text: 'late\n' });
    expect(store.get('build', 'b0')).toBeUndefined();
  });
});
