/**
 * Issue #14, items 3 and 4, on the rig engine through the real handler table: version 1.0 of a
 * Dockerfile, then 1.1 with a bigger COPY and the classic mistake — a separate cleanup RUN after
 * the RUN that downloaded the package lists. The comparison must read 1.0 → 1.1 whichever way it
 * is asked, and the wasted bytes must be found after the build, on its own, by Dockerfile line.
 *
 * Ground truth: the engine's history sizes (`GET /images/{id}/history`; on the classic store they
 * add up to `docker image inspect`'s size), and the 3,000,000 random bytes line 3 writes and line
 * 4 deletes. On the containerd store (engine 2) history sizes are each layer on disk, in whole
 * blocks, so the comparison shows those, says so, and the COPY's 49 bytes more do not show there.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BuildRecord } from '../../src/shared/builds/build-record';
import { shortImageId } from '../../src/shared/images';
import type { EngineHistoryEntry } from '../../src/shared/layers/layer-history';
import type { WasteStatus } from '../../src/shared/layers/layers-view';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_PREFIX } from '../support/rig-info';
import { rigDocker } from '../support/test-images';

const rig = inject('rig');
const docker = rigDocker(rig.dockerHost);
const tag = `${TEST_PREFIX}/layers-waste`;
const LISTS_BYTES = 3_000_000;
const containerdStore = rig.target === 'engine2';

/** The engine's history, oldest first. */
async function engineHistory(ref: string): Promise<EngineHistoryEntry[]> {
  return ((await docker.getImage(ref).history()) as EngineHistoryEntry[]).reverse();
}

function historyTotal(history: EngineHistoryEntry[]): number {
  return history.reduce((sum, entry) => sum + entry.Size, 0);
}

/** Line 3 stands in for `apt-get update && apt-get install`: busybox has no apt, so it writes a do-nothing apt-get and 3 MB of "package lists". */
function dockerfile(version: '1.0' | '1.1'): string {
  return [
    `FROM ${rig.baseImage}`,
    'WORKDIR /app',
    `RUN printf '#!/bin/sh\\nexit 0\\n' > /bin/apt-get && chmod +x /bin/apt-get && mkdir -p /var/lib/apt/lists && head -c ${LISTS_BYTES} /dev/urandom > /var/lib/apt/lists/deb.debian.org_dists_bookworm_main_Packages`,
    ...(version === '1.1' ? ['RUN apt-get clean && rm -rf /var/lib/apt/lists/*'] : []),
    'COPY app.txt /app/',
    'CMD ["cat", "/app/app.txt"]',
    '',
  ].join('\n');
}

/** The last `waste:event` status for an image, once it is no longer running or waiting. */
async function settledWaste(app: TestServices, imageId: string): Promise<WasteStatus> {
  for (let i = 0; i < 600; i++) {
    const latest = app.events
      .filter((event) => event.event === 'waste:event')
      .map((event) => (event.payload as { imageId: string; status: WasteStatus }).status)
      .filter((status) => status.imageId === imageId)
      .at(-1);
    if (latest && latest.state !== 'running' && latest.state !== 'waiting') return latest;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No wasted-space result for ${imageId} within 60 s`);
}

describe('compare with previous build, and wasted bytes found after the build', () => {
  let app: TestServices;
  let first: BuildRecord;
  let second: BuildRecord;

  beforeAll(async () => {
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
    const context = makeContext({ Dockerfile: dockerfile('1.0'), 'app.txt': 'hello\n' });
    first = await buildAndWait(app, buildRequest(context, { tags: [`${tag}:1.0`], builder: 'buildkit' }));
    expect(first.status).toBe('succeeded');
    writeFileSync(join(context, 'Dockerfile'), dockerfile('1.1'));
    // 49 bytes more, as in the "COPY . /app (-49B)" that read backwards.
    writeFileSync(join(context, 'app.txt'), `hello\n${'x'.repeat(48)}\n`);
    second = await buildAndWait(app, buildRequest(context, { tags: [`${tag}:1.1`], builder: 'buildkit' }));
    expect(second.status).toBe('succeeded');
  }, 120_000);

  afterAll(async () => {
    app?.dispose();
    for (const version of ['1.0', '1.1'])
      await docker
        .getImage(`${tag}:${version}`)
        .remove({ force: true })
        .catch(() => undefined);
  });

  it('finds the build before this one as the previous build', async () => {
    expect(await app.value('layers:previous-build', { buildId: second.id })).toEqual({
      buildId: first.id,
      imageId: first.imageId,
    });
    expect(await app.value('layers:previous-build', { buildId: first.id })).toBeNull();
  });

  it.each([
    ['older first', `${tag}:1.0`, `${tag}:1.1`, false],
    ['newer first', `${tag}:1.1`, `${tag}:1.0`, true],
    ['by image id, newer first (as the build page asks)', 'second', 'first', true],
  ])('compares 1.0 → 1.1 when asked %s', async (_name, a, b, swapped) => {
    const ref = (name: string) =>
      name === 'first' ? first.imageId! : name === 'second' ? second.imageId! : name;
    const result = await app.value('layers:compare', { a: ref(a), b: ref(b) });
    const older = await docker.getImage(`${tag}:1.0`).inspect();
    const newer = await docker.getImage(`${tag}:1.1`).inspect();
    expect(result.swapped).toBe(swapped);
    expect(result.a.details.id).toBe(older.Id);
    expect(result.b.details.id).toBe(newer.Id);
    expect(result.labels).toEqual({
      a: `${tag}:1.0 (${shortImageId(older.Id)})`,
      b: `${tag}:1.1 (${shortImageId(newer.Id)})`,
    });
    const { comparison } = result;
    const [olderHistory, newerHistory] = await Promise.all([
      engineHistory(older.Id),
      engineHistory(newer.Id),
    ]);
    expect(comparison.totals.deltaBytes).toBe(historyTotal(newerHistory) - historyTotal(olderHistory));
    if (!containerdStore) expect(comparison.totals.deltaBytes).toBe(newer.Size - older.Size);
    expect(comparison.sizeKind).toBe(containerdStore ? 'disk' : 'content');
    const copy = comparison.rows.find((row) => row.instruction.startsWith('COPY app.txt'));
    const copySize = (history: EngineHistoryEntry[]) =>
      history.find((entry) => entry.CreatedBy.startsWith('COPY app.txt'))!.Size;
    expect([copy?.aBytes, copy?.bBytes]).toEqual([copySize(olderHistory), copySize(newerHistory)]);
    const cleanup = comparison.rows.find((row) => row.instruction.includes('apt-get clean'));
    expect(cleanup?.match).toBe('only-b');
    expect(cleanup?.b?.dockerfileLine).toBe(4);
    expect(comparison.headline).toContain(`${tag}:1.0 (${shortImageId(older.Id)}) → ${tag}:1.1`);
    if (containerdStore) {
      // 6 and 55 bytes take the same blocks on disk; what grew there is the cleanup layer's whiteouts.
      expect(copy?.deltaBytes).toBe(0);
      expect(comparison.headline).toContain(' on disk (');
      expect(comparison.grewMost).toBe(cleanup);
    } else {
      expect([copy?.aBytes, copy?.bBytes, copy?.deltaBytes]).toEqual([6, 55, 49]);
      expect(comparison.grewMost).toBe(copy);
      expect(comparison.shrankMost).toBeNull();
      expect(comparison.headline).toContain('Grew most: COPY app.txt /app/ (+49B).');
    }
  });

  it('found the wasted bytes of 1.1 by itself after the build, on the lines that wrote and deleted them', async () => {
    const status = await settledWaste(app, second.imageId!);
    expect(status.state).toBe('done');
    if (status.state !== 'done') return;
    const { report } = status;
    expect(report.headline).toBe('3MB wasted: files written by line 3 and deleted by line 4');
    expect(report.ownWastedBytes).toBe(LISTS_BYTES);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      bytes: LISTS_BYTES,
      how: 'deleted',
      writer: { line: 3, fromBaseImage: false },
      remover: { line: 4, lineText: 'RUN apt-get clean && rm -rf /var/lib/apt/lists/*' },
      paths: ['/var/lib/apt/lists/deb.debian.org_dists_bookworm_main_Packages'],
    });
    // The answer is kept by image id: asking again reads nothing more.
    expect(await app.value('waste:get', { ref: `${tag}:1.1` })).toEqual(status);
  });

  it('finds nothing wasted in 1.0, whose lists stay visible instead', async () => {
    const status = await settledWaste(app, first.imageId!);
    expect(status.state === 'done' && status.report).toMatchObject({ headline: null, ownWastedBytes: 0 });
  });

  it('gives the Contents tab the same analysis at once, without reading the image again', async () => {
    const { id } = await app.value('analysis:start', { ref: second.imageId! });
    let done: { wastedBytes: number } | null = null;
    for (let i = 0; i < 100 && !done; i++) {
      const event = app.events
        .filter((item) => item.event === 'analysis:event')
        .map(
          (item) =>
            item.payload as { id: string; event: { kind: string; contents?: { wastedBytes: number } } },
        )
        .find((item) => item.id === id && item.event.kind === 'done');
      done = event?.event.contents ?? null;
      if (!done) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(done?.wastedBytes).toBe(LISTS_BYTES);
    const progress = app.events
      .filter((item) => item.event === 'analysis:event')
      .map((item) => item.payload as { id: string; event: { kind: string; bytesRead?: number } })
      .filter((item) => item.id === id && item.event.kind === 'progress');
    // Only the first "size known" report: no byte of the image was streamed for this request.
    expect(progress.map((item) => item.event.bytesRead)).toEqual([0]);
  });
});
