import { describe, expect, it } from 'vitest';
import { createContentsCache, type AnalyzeById } from '../../../../src/main/layers/contents-cache';
import { createWasteAnalyses } from '../../../../src/main/layers/waste-analyses';
import { createOperations } from '../../../../src/main/operations/operations';
import type { EventPayloads } from '../../../../src/shared/api';
import type { BuildSummary } from '../../../../src/shared/builds/build-record';
import { summarizeImageContents, type ImageContents } from '../../../../src/shared/layers/image-contents';
import type { LayersView, WasteStatus } from '../../../../src/shared/layers/layers-view';

/** An analysis the test finishes by hand, recording every start and abort. */
function controllableAnalyze() {
  const started: string[] = [];
  const aborted: string[] = [];
  const pending = new Map<string, { resolve(contents: ImageContents): void; reject(error: Error): void }>();
  const analyze: AnalyzeById = (imageId, signal) => {
    started.push(imageId);
    return new Promise<ImageContents>((resolve, reject) => {
      pending.set(imageId, { resolve, reject });
      signal.addEventListener('abort', () => {
        aborted.push(imageId);
        reject(new Error('aborted'));
      });
    });
  };
  const finish = async (imageId: string): Promise<void> => {
    pending.get(imageId)!.resolve(summarizeImageContents(imageId, 'docker-archive', [], []));
    await flush();
  };
  const failWith = async (imageId: string, message: string): Promise<void> => {
    pending.get(imageId)!.reject(new Error(message));
    await flush();
  };
  return { analyze, started, aborted, finish, failWith };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createContentsCache', () => {
  it('reads an image once, however many ask and however often', async () => {
    const fake = controllableAnalyze();
    const cache = createContentsCache(fake.analyze);
    const first = cache.run('sha256:a', { background: true });
    const second = cache.run('sha256:a', { background: false });
    await fake.finish('sha256:a');
    expect(await first.result).toBe(await second.result);
    expect((await cache.run('sha256:a', { background: false }).result).imageId).toBe('sha256:a');
    expect(fake.started).toEqual(['sha256:a']);
  });

  it('tries again after a failure instead of keeping it', async () => {
    const fake = controllableAnalyze();
    const cache = createContentsCache(fake.analyze);
    const first = cache.run('sha256:a', { background: true });
    await fake.failWith('sha256:a', 'engine went away');
    await expect(first.result).rejects.toThrow('engine went away');
    cache.run('sha256:a', { background: true });
    expect(fake.started).toEqual(['sha256:a', 'sha256:a']);
  });

  it('pauses runs only the background waits for, never one a user is watching', () => {
    const fake = controllableAnalyze();
    const cache = createContentsCache(fake.analyze);
    cache.run('sha256:a', { background: true }).result.catch(() => undefined);
    const watched = cache.run('sha256:b', { background: true });
    cache.run('sha256:b', { background: false });
    watched.result.catch(() => undefined);
    expect(cache.pauseBackground()).toEqual(['sha256:a']);
    expect(fake.aborted).toEqual(['sha256:a']);
    expect(cache.isRunning('sha256:b')).toBe(true);
  });

  it('keeps only the most recently used results', async () => {
    const fake = controllableAnalyze();
    const cache = createContentsCache(fake.analyze, 2);
    for (const id of ['sha256:a', 'sha256:b', 'sha256:c']) {
      cache.run(id, { background: true });
      await fake.finish(id);
    }
    expect([
      cache.peek('sha256:a'),
      cache.peek('sha256:b')?.imageId,
      cache.peek('sha256:c')?.imageId,
    ]).toEqual([null, 'sha256:b', 'sha256:c']);
  });
});

function summary(id: string, status: BuildSummary['status'], imageId: string | null): BuildSummary {
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
    builder: 'buildkit',
    status,
    startedAt: 0,
    endedAt: 1,
    imageId,
    imageSizeBytes: null,
    error: null,
    stepCount: 1,
    cachedSteps: 0,
  };
}

function setup() {
  const fake = controllableAnalyze();
  const cache = createContentsCache(fake.analyze);
  const events: WasteStatus[] = [];
  const view = async (imageId: string): Promise<LayersView> => ({
    details: {
      id: imageId,
      tags: [],
      digests: [],
      created: 0,
      sizeBytes: 0,
      imageStore: 'storage-driver',
      os: 'linux',
      architecture: 'amd64',
      variant: null,
      entrypoint: null,
      cmd: null,
      env: [],
      exposedPorts: [],
      workdir: '',
      user: '',
      labels: {},
      diffIds: [],
      history: [],
    },
    dockerfile: null,
  });
  const waste = createWasteAnalyses({
    cache,
    view,
    emit: (payload: EventPayloads['waste:event']) => events.push(payload.status),
    describeError: (error) => (error as Error).message,
    operations: createOperations({ connection: { client: () => null } }),
  });
  const build = (payload: EventPayloads['build:event']) => waste.onBuildEvent(payload);
  const started = (id: string) =>
    build({ id, event: { kind: 'started', summary: summary(id, 'running', null) } });
  const finished = (id: string, status: BuildSummary['status'], imageId: string | null) =>
    build({ id, event: { kind: 'finished', summary: summary(id, status, imageId) } });
  return { fake, waste, events, started, finished };
}

describe('createWasteAnalyses', () => {
  it('starts after a successful build has finished, and reports the result', async () => {
    const { fake, waste, events, started, finished } = setup();
    started('b1');
    expect(fake.started).toEqual([]);
    finished('b1', 'succeeded', 'sha256:one');
    expect(fake.started).toEqual(['sha256:one']);
    await fake.finish('sha256:one');
    expect(events.map((event) => event.state)).toEqual(['running', 'done']);
    expect(waste.status('sha256:one', false).state).toBe('done');
    expect(fake.started).toEqual(['sha256:one']);
  });

  it('does nothing for failed or cancelled builds', () => {
    const { fake, started, finished } = setup();
    started('b1');
    finished('b1', 'failed', null);
    started('b2');
    finished('b2', 'cancelled', null);
    expect(fake.started).toEqual([]);
  });

  it('steps aside while another build runs and resumes when the engine is free', async () => {
    const { fake, waste, events, started, finished } = setup();
    started('b1');
    finished('b1', 'succeeded', 'sha256:one');
    started('b2');
    expect(fake.aborted).toEqual(['sha256:one']);
    expect(waste.status('sha256:one', false).state).toBe('waiting');
    finished('b2', 'succeeded', 'sha256:two');
    expect(fake.started).toEqual(['sha256:one', 'sha256:two', 'sha256:one']);
    await fake.finish('sha256:one');
    await fake.finish('sha256:two');
    expect(
      events
        .filter((event) => event.state === 'done')
        .map((event) => event.imageId)
        .sort(),
    ).toEqual(['sha256:one', 'sha256:two']);
    // The aborted first run never reported as a failure.
    expect(events.some((event) => event.state === 'failed' || event.state === 'cancelled')).toBe(false);
  });

  it('can be cancelled, and runs again only when asked to', async () => {
    const { fake, waste, events, started, finished } = setup();
    started('b1');
    finished('b1', 'succeeded', 'sha256:one');
    expect(waste.cancel('sha256:one')).toBe(true);
    await flush();
    expect(events.at(-1)?.state).toBe('cancelled');
    expect(waste.status('sha256:one', false).state).toBe('cancelled');
    expect(fake.started).toEqual(['sha256:one']);
    expect(waste.status('sha256:one', true).state).toBe('running');
    expect(fake.started).toEqual(['sha256:one', 'sha256:one']);
    expect(waste.cancel('sha256:nothing')).toBe(false);
  });

  it('reports a failure with its message', async () => {
    const { fake, waste, started, finished } = setup();
    started('b1');
    finished('b1', 'succeeded', 'sha256:one');
    await fake.failWith('sha256:one', 'No such image');
    expect(waste.status('sha256:one', false)).toEqual({
      state: 'failed',
      imageId: 'sha256:one',
      message: 'No such image',
    });
  });

  it('starts on request for an image no build of this session made', () => {
    const { fake, waste } = setup();
    expect(waste.status('sha256:old', false).state).toBe('running');
    expect(fake.started).toEqual(['sha256:old']);
  });
});
