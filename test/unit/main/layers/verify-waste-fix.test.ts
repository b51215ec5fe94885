import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { createOperations } from '../../../../src/main/operations/operations';
import { createWasteFixVerifier, VERIFY_LABEL } from '../../../../src/main/layers/verify-waste-fix';
import type { EventPayloads } from '../../../../src/shared/api';
import type { BuildRecord } from '../../../../src/shared/builds/build-record';
import type { BuildRequest } from '../../../../src/shared/builds/build-request';
import type { ImageInventory } from '../../../../src/shared/layers/image-inventory';
import type { WasteFixEvent } from '../../../../src/shared/layers/waste-fix-verification';
import { ok, type Result } from '../../../../src/shared/result';

const RECORDED = 'b-recorded';

function inventory(files: [string, number, string][]): ImageInventory {
  return {
    imageId: 'x',
    files: files.map(([path, sizeBytes, digest]) => ({
      path,
      kind: 'file',
      sizeBytes,
      digest,
      linkTarget: null,
      layerIndex: 1,
    })),
    captured: [],
    capturedTruncated: false,
    unreadableLayers: [],
  };
}

/** A verifier over fakes: each build ends as `outcomes` says, images have the given sizes and files. */
function setUp(options: {
  outcomes: ('succeeded' | 'failed' | 'hang')[];
  images: string[];
  existing?: string[];
  files?: Record<string, ImageInventory>;
}) {
  const removed: string[] = [];
  const tagged: string[] = [];
  const started: BuildRequest[] = [];
  const cancelled: string[] = [];
  const records = new Map<string, Partial<BuildRecord>>([
    [
      RECORDED,
      {
        id: RECORDED,
        dockerfilePath: '/project/Dockerfile',
        builder: 'buildkit',
        request: {
          contextDir: '/project',
          dockerfile: null,
          tags: ['app:1'],
          buildArgs: { A: '1' },
          target: null,
          noCache: false,
          pull: false,
          platform: null,
          labels: { team: 'x' },
          builder: 'buildkit',
        },
      },
    ],
  ]);
  const settle = new Map<string, () => void>();
  const docker = {
    listImages: async () => (options.existing ?? []).map((Id) => ({ Id })),
    getImage: (id: string) => ({
      inspect: async () => ({ Id: id, Size: id === options.images[0] ? 7_000_000 : 2_000_000 }),
      remove: async () => void removed.push(id),
      tag: async ({ repo, tag }: { repo: string; tag: string }) => void tagged.push(`${id} ${repo}:${tag}`),
    }),
  } as unknown as Docker;
  const operations = createOperations({ connection: { client: () => docker } });
  const events: WasteFixEvent[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'dw-verify-unit-'));
  const verifier = createWasteFixVerifier({
    operations,
    history: { get: async (id) => (records.get(id) as BuildRecord) ?? null },
    builds: {
      start: async (request) => {
        const index = started.length;
        const id = `b-${index}`;
        started.push(request);
        const outcome = options.outcomes[index]!;
        records.set(id, {
          id,
          status: outcome === 'hang' ? 'cancelled' : outcome,
          imageId: outcome === 'succeeded' ? options.images[index]! : null,
          error: outcome === 'failed' ? { message: 'RUN failed', line: 3 } : null,
        });
        return ok({ id } as BuildRecord);
      },
      settled: (id) =>
        records.get(id)?.status === 'cancelled'
          ? new Promise<void>((resolve) => settle.set(id, resolve))
          : Promise.resolve(),
      cancel: (id) => {
        cancelled.push(id);
        settle.get(id)?.();
        return true;
      },
    },
    layers: {
      inventory: async (ref): Promise<Result<ImageInventory>> =>
        ok(options.files?.[ref] ?? inventory([['app/a', 1, 'sha256:a']])),
    },
    emit: <E extends keyof EventPayloads>(_event: E, payload: EventPayloads[E]) =>
      events.push((payload as EventPayloads['waste-fix:event']).event),
    dir,
  });
  const ended = async (id: string): Promise<WasteFixEvent> => {
    await operations.settled('verify', id);
    return events.at(-1)!;
  };
  return { verifier, events, removed, tagged, started, cancelled, dir, ended };
}

const REQUEST = {
  buildId: RECORDED,
  originalText: 'FROM busybox\nRUN a\nRUN rm x\n',
  fixedText: 'FROM busybox\nRUN a && rm x\n',
  wasted: ['/x'],
  ownersUnder: null,
  keepImages: false,
};

describe('createWasteFixVerifier', () => {
  it('builds the original then the fix with the recorded request, compares them and removes the images it made', async () => {
    const setup = setUp({ outcomes: ['succeeded', 'succeeded'], images: ['sha256:before', 'sha256:after'] });
    const started = await setup.verifier.start(REQUEST);
    expect(started.ok).toBe(true);
    const last = await setup.ended(started.ok ? started.value.id : '');
    expect(setup.events.flatMap((event) => (event.kind === 'step' ? [event.step] : []))).toEqual([
      'build-original',
      'build-fixed',
      'read-files',
      'compare',
      'clean-up',
    ]);
    expect(last.kind === 'done' && last.result).toMatchObject({
      equivalent: true,
      beforeBytes: 7_000_000,
      afterBytes: 2_000_000,
      summary: '7MB → 2MB, the same files apart from the 5MB removed.',
      images: { before: 'sha256:before', after: 'sha256:after', kept: false },
      builds: { before: 'b-0', after: 'b-1' },
    });
    expect(
      setup.started.map((request) => [request.tags, request.buildArgs, request.labels, request.builder]),
    ).toEqual([
      [[], { A: '1' }, { team: 'x', [VERIFY_LABEL]: RECORDED }, 'buildkit'],
      [[], { A: '1' }, { team: 'x', [VERIFY_LABEL]: RECORDED }, 'buildkit'],
    ]);
    expect(setup.removed).toEqual(['sha256:before', 'sha256:after']);
    // The two Dockerfiles were written outside the project and are gone again.
    expect(readdirSync(setup.dir)).toEqual([]);
  });

  it('never removes an image that was on the engine before it started', async () => {
    const setup = setUp({
      outcomes: ['succeeded', 'succeeded'],
      images: ['sha256:users', 'sha256:after'],
      existing: ['sha256:users'],
    });
    const started = await setup.verifier.start(REQUEST);
    await setup.ended(started.ok ? started.value.id : '');
    expect(setup.removed).toEqual(['sha256:after']);
  });

  it('keeps and tags both images when asked', async () => {
    const setup = setUp({ outcomes: ['succeeded', 'succeeded'], images: ['sha256:before', 'sha256:after'] });
    const started = await setup.verifier.start({ ...REQUEST, keepImages: true });
    const last = await setup.ended(started.ok ? started.value.id : '');
    expect(last.kind === 'done' && last.result.images.kept).toBe(true);
    expect(setup.removed).toEqual([]);
    expect(setup.tagged).toEqual([
      'sha256:before dockwright-verify/brecorded:before',
      'sha256:after dockwright-verify/brecorded:after',
    ]);
  });

  it('says which build failed and still removes the image the original built', async () => {
    const setup = setUp({ outcomes: ['succeeded', 'failed'], images: ['sha256:before'] });
    const started = await setup.verifier.start(REQUEST);
    const last = await setup.ended(started.ok ? started.value.id : '');
    expect(last).toEqual({
      kind: 'failed',
      message: 'The fixed Dockerfile did not build: RUN failed',
      buildId: 'b-1',
    });
    expect(setup.removed).toEqual(['sha256:before']);
  });

  it('finds a difference when the fix changed a file outside the wasted paths', async () => {
    const setup = setUp({
      outcomes: ['succeeded', 'succeeded'],
      images: ['sha256:before', 'sha256:after'],
      files: {
        'sha256:before': inventory([['app/a', 1, 'sha256:a']]),
        'sha256:after': inventory([['app/a', 1, 'sha256:b']]),
      },
    });
    const started = await setup.verifier.start(REQUEST);
    const last = await setup.ended(started.ok ? started.value.id : '');
    expect(last.kind === 'done' && last.result.equivalent).toBe(false);
    expect(last.kind === 'done' && last.result.differences).toEqual([
      { path: '/app/a', change: 'changed', beforeBytes: 1, afterBytes: 1 },
    ]);
  });

  it('cancels the build it waits for and reports cancelled', async () => {
    const setup = setUp({ outcomes: ['hang'], images: [] });
    const started = await setup.verifier.start(REQUEST);
    const id = started.ok ? started.value.id : '';
    await expect.poll(() => setup.started.length).toBe(1);
    expect(setup.verifier.running()).toEqual([id]);
    expect(setup.verifier.cancel(id)).toBe(true);
    expect(await setup.ended(id)).toEqual({ kind: 'cancelled' });
    expect(setup.cancelled).toEqual(['b-0']);
  });

  it('starts no build when cancelled before the first one starts', async () => {
    const setup = setUp({ outcomes: ['succeeded', 'succeeded'], images: ['sha256:before', 'sha256:after'] });
    const started = await setup.verifier.start(REQUEST);
    const id = started.ok ? started.value.id : '';
    setup.verifier.cancel(id);
    expect(await setup.ended(id)).toEqual({ kind: 'cancelled' });
    expect(setup.started).toEqual([]);
  });

  it('answers NOT_FOUND for a build no longer in the history', async () => {
    const setup = setUp({ outcomes: [], images: [] });
    const started = await setup.verifier.start({ ...REQUEST, buildId: 'gone' });
    expect(started.ok ? null : started.error.code).toBe('NOT_FOUND');
  });
});
