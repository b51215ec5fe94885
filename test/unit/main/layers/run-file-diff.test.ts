import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { startFileDiff, type FileDiffDeps } from '../../../../src/main/layers/run-file-diff';
import { createOperations } from '../../../../src/main/operations/operations';
import type { EventPayloads } from '../../../../src/shared/api';
import type { FileDiffEvent } from '../../../../src/shared/layers/file-diff-view';
import type { ImageInventory } from '../../../../src/shared/layers/image-inventory';
import { fail, ok, type Result } from '../../../../src/shared/result';

const IMAGES: Record<string, { Id: string; Created: string; RepoTags: string[] }> = {
  'app:1': { Id: `sha256:${'1'.repeat(64)}`, Created: '2026-01-01T10:00:00.5Z', RepoTags: ['app:1'] },
  'app:2': { Id: `sha256:${'2'.repeat(64)}`, Created: '2026-01-02T10:00:00Z', RepoTags: ['app:2'] },
};

const fakeDocker = {
  getImage: (ref: string) => ({
    inspect: async () => {
      const image = IMAGES[ref] ?? Object.values(IMAGES).find((candidate) => candidate.Id === ref);
      if (!image) throw Object.assign(new Error('no such image'), { statusCode: 404 });
      return { ...image, Size: 1000 };
    },
  }),
} as unknown as Docker;

const inventoryOf = (imageId: string, files: [string, string][]): ImageInventory => ({
  imageId,
  files: files.map(([path, digest]) => ({
    path,
    kind: 'file',
    sizeBytes: 3,
    digest,
    linkTarget: null,
    layerIndex: 0,
  })),
  captured: [],
  capturedTruncated: false,
  unreadableLayers: [],
});

/** Runs one diff with inventories answered by `inventory`, and gives back its events once settled. */
async function run(a: string, b: string, inventory: FileDiffDeps['inventory'], abort = false) {
  const operations = createOperations({ connection: { client: () => fakeDocker } });
  const events: EventPayloads['file-diff:event'][] = [];
  const started = startFileDiff(
    {
      operations,
      inventory,
      emit: (payload) => events.push(payload),
      describeError: (error) => String(error),
    },
    a,
    b,
  );
  if (!started.ok) throw new Error(started.error.message);
  if (abort) operations.cancel('analysis', started.value.id);
  await operations.settled('analysis', started.value.id);
  return {
    id: started.value.id,
    events: events.map((payload): FileDiffEvent => payload.event),
    payloads: events,
  };
}

const answers: FileDiffDeps['inventory'] = async (ref, _signal, onProgress) => {
  onProgress({ bytesRead: 1000, totalBytes: 1000 });
  return ok(
    ref === IMAGES['app:1']!.Id
      ? inventoryOf(ref, [
          ['a', 'sha256:a'],
          ['b', 'sha256:b1'],
        ])
      : inventoryOf(ref, [
          ['b', 'sha256:b2'],
          ['c', 'sha256:c'],
        ]),
  );
};

describe('startFileDiff', () => {
  it('diffs the older image against the newer, whichever order they are asked in', async () => {
    for (const [a, b, swapped] of [
      ['app:1', 'app:2', false],
      ['app:2', 'app:1', true],
    ] as const) {
      const { id, events, payloads } = await run(a, b, answers);
      expect(payloads.every((payload) => payload.id === id)).toBe(true);
      const done = events.at(-1);
      if (done?.kind !== 'done') throw new Error(`ended ${JSON.stringify(done)}`);
      expect(done.view.swapped).toBe(swapped);
      expect(done.view.labels).toEqual({ a: 'app:1 (111111111111)', b: 'app:2 (222222222222)' });
      expect(done.view.diff.entries.map((entry) => [entry.path, entry.change])).toEqual([
        ['/a', 'removed'],
        ['/b', 'modified'],
        ['/c', 'added'],
      ]);
    }
  });

  it('reports both sides’ progress, older as a, before the diff', async () => {
    const { events } = await run('app:2', 'app:1', answers);
    expect(events[0]).toEqual({
      kind: 'progress',
      a: { bytesRead: 0, totalBytes: 1000 },
      b: { bytesRead: 0, totalBytes: 1000 },
    });
    expect(events.at(-2)).toEqual({
      kind: 'progress',
      a: { bytesRead: 1000, totalBytes: 1000 },
      b: { bytesRead: 1000, totalBytes: 1000 },
    });
  });

  it('ends failed with the reason when an image cannot be read', async () => {
    const failing: FileDiffDeps['inventory'] = async (ref) =>
      ref === IMAGES['app:2']!.Id
        ? fail('ENGINE_ERROR', 'layer blob missing')
        : answers(ref, new AbortController().signal, () => undefined);
    const { events } = await run('app:1', 'app:2', failing);
    expect(events.at(-1)).toEqual({ kind: 'failed', message: 'Error: layer blob missing' });
    const missing = await run('app:1', 'nope:1', answers);
    expect(missing.events.at(-1)).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('no such image'),
    });
  });

  it('ends cancelled, not failed, when cancelled while reading', async () => {
    const slow: FileDiffDeps['inventory'] = (_ref, signal) =>
      new Promise<Result<ImageInventory>>((resolve) =>
        signal.addEventListener('abort', () => resolve(fail('CANCELLED', 'Cancelled.'))),
      );
    const { events } = await run('app:1', 'app:2', slow, true);
    expect(events.at(-1)).toEqual({ kind: 'cancelled' });
  });
});
