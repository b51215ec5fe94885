import { describe, expect, it } from 'vitest';
import { createContainerStore } from '../../../../../src/renderer/features/containers/container-store';

describe('createContainerStore', () => {
  it('keeps the command an exit event names, for explaining an auto-removed container', () => {
    const store = createContainerStore();
    store.apply('c1', { kind: 'state', state: 'running', exitCode: null, error: null });
    store.apply('c1', { kind: 'state', state: 'exited', exitCode: 0, error: null, command: ['bash'] });
    expect(store.get('c1')?.command).toEqual(['bash']);
  });

  it('keeps the run time measured by the main process, for an exit heard before "running"', () => {
    const store = createContainerStore();
    store.reset('c3');
    store.apply('c3', {
      kind: 'state',
      state: 'exited',
      exitCode: 0,
      error: null,
      command: ['sh'],
      ranMs: 35,
    });
    expect(store.get('c3')).toMatchObject({ state: 'exited', ranMs: 35, runningSince: null });
  });

  it('remembers a stop apart from followed containers, and forgets it when the container runs again', () => {
    const store = createContainerStore();
    store.requestStop('c2', 10);
    expect(store.stopOf('c2')).toEqual({ timeoutSeconds: 10 });
    // A stop from the list must not make the container look followed (its output would never load).
    expect(store.get('c2')).toBeUndefined();
    store.apply('c2', { kind: 'state', state: 'exited', exitCode: 137, error: null });
    expect(store.stopOf('c2')).toEqual({ timeoutSeconds: 10 });
    store.apply('c2', { kind: 'state', state: 'running', exitCode: null, error: null });
    expect(store.stopOf('c2')).toBeUndefined();
  });
});
