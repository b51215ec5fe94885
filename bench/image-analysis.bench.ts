/**
 * Image contents analysis on a ~1 GB image: `analyzeImageContents` (with the inventory, so every
 * file is hashed as the app does) against streaming the same `docker save` into a null sink (the
 * physical floor: the engine's export and the socket), alternating runs. Prints the median time
 * ratio (goal ≤ 1.3) and the process's peak memory during the analysis (goal < 300 MB), sampled
 * with `process.memoryUsage()`.
 *
 * The file diff of two ~1 GB images (the second adds a layer that adds, removes and modifies a
 * file) is timed the same way: both analyses at once, as `layers:file-diff` runs them, then the
 * diff, against both saves streamed to null at once and against the two saves one after the other
 * (two single-image floors).
 *
 * The images are built once (~1 min) and reused if already on the engine; they are removed at
 * the end unless DW_BENCH_KEEP=1.
 */
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { expect, inject, it } from 'vitest';
import { analyzeImageContents } from '../src/main/layers/analyze-image-contents';
import { diffInventories } from '../src/shared/layers/file-diff';
import type { ImageInventory } from '../src/shared/layers/image-inventory';
import { openImageArchive } from '../src/main/layers/walk-image-archive';
import { formatSize } from '../src/shared/format-size';
import { buildTestImage, rigDocker } from '../test/support/test-images';

const rig = inject('rig');
const ROUNDS = 4;
const TAG = 'dw-test/bench-image-analysis:1';
const TAG2 = 'dw-test/bench-image-analysis:2';
const MB = 1_000_000;

/** ~1 GB in six layers: big random files (one deleted later, so 200 MB are wasted) and 10,000 small ones. */
const DOCKERFILE = [
  `FROM ${rig.baseImage}`,
  'RUN mkdir /data && head -c 200000000 /dev/urandom > /data/a',
  'RUN head -c 200000000 /dev/urandom > /data/b',
  'RUN mkdir /data/small && i=0; while [ $i -lt 10000 ]; do head -c 4096 /dev/urandom > /data/small/f$i; i=$((i+1)); done',
  'RUN head -c 200000000 /dev/urandom > /data/c',
  'RUN rm /data/a && head -c 200000000 /dev/urandom > /data/d',
  'RUN head -c 150000000 /dev/urandom > /data/e',
  '',
].join('\n');

/** The newer version: one small file modified (same size), one removed, one added. */
const DOCKERFILE2 = [
  `FROM ${TAG}`,
  'RUN head -c 4096 /dev/urandom > /data/small/f1 && rm /data/small/f2 && echo new > /data/new',
  '',
].join('\n');

const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

it('analyzeImageContents vs streaming docker save to nowhere', async () => {
  const docker = rigDocker(rig.dockerHost);
  const existing = await docker
    .getImage(TAG)
    .inspect()
    .catch(() => null);
  let buildMs = 0;
  if (!existing) {
    const start = performance.now();
    await buildTestImage(docker, TAG, { Dockerfile: DOCKERFILE });
    buildMs = performance.now() - start;
  }
  const size = (await docker.getImage(TAG).inspect()).Size;

  const save: number[] = [];
  const analysis: number[] = [];
  // This process's own CPU time: what hashing and parsing cost, whatever else loads the machine.
  const analysisCpu: number[] = [];
  const peaks: Array<{ rss: number; heap: number; baseRss: number }> = [];
  const timeSave = async (): Promise<void> => {
    const start = performance.now();
    const archive = await openImageArchive(docker, TAG);
    await pipeline(
      archive,
      new Writable({
        write(_chunk, _encoding, callback) {
          callback();
        },
      }),
    );
    save.push(performance.now() - start);
  };
  // The same analysis without the inventory (headers only, as before #20): what hashing adds, in this run.
  const headersOnly: number[] = [];
  const timeHeadersOnly = async (): Promise<void> => {
    const start = performance.now();
    await analyzeImageContents(docker, TAG);
    headersOnly.push(performance.now() - start);
  };
  const timeAnalysis = async (): Promise<void> => {
    globalThis.gc?.();
    const baseRss = process.memoryUsage().rss;
    let rss = baseRss;
    let heap = 0;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      rss = Math.max(rss, usage.rss);
      heap = Math.max(heap, usage.heapUsed);
    }, 10);
    const start = performance.now();
    const cpu = process.cpuUsage();
    try {
      let inventory: ImageInventory | null = null;
      const contents = await analyzeImageContents(docker, TAG, {
        onInventory: (value) => (inventory = value),
      });
      analysis.push(performance.now() - start);
      analysisCpu.push(cpuMs(process.cpuUsage(cpu)));
      const files = inventory!.files.filter((file) => file.kind !== 'directory');
      expect(files.length).toBe(contents.fileCount);
      expect(files.every((file) => file.kind !== 'file' || file.digest?.startsWith('sha256:'))).toBe(true);
      expect(contents.storedBytes).toBe(size);
      expect(contents.wastedBytes).toBe(200 * MB);
      expect(contents.fileCount).toBeGreaterThan(10_000);
    } finally {
      clearInterval(sampler);
    }
    const usage = process.memoryUsage();
    peaks.push({ rss: Math.max(rss, usage.rss), heap: Math.max(heap, usage.heapUsed), baseRss });
  };

  // The image stays for the diff bench below, which removes it.
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first so neither always meets a warm page cache.
    if (round % 2 === 0) {
      await timeSave();
      await timeAnalysis();
      await timeHeadersOnly();
    } else {
      await timeHeadersOnly();
      await timeAnalysis();
      await timeSave();
    }
    console.log(
      `round ${round + 1}: save ${save.at(-1)!.toFixed(0)} ms, analysis ${analysis.at(-1)!.toFixed(0)} ms ` +
        `(headers only ${headersOnly.at(-1)!.toFixed(0)} ms), ` +
        `peak RSS ${(peaks.at(-1)!.rss / MB).toFixed(0)} MB, peak heap ${(peaks.at(-1)!.heap / MB).toFixed(0)} MB`,
    );
  }

  const ratio = median(analysis) / median(save);
  const peakRss = Math.max(...peaks.map((peak) => peak.rss));
  const peakHeap = Math.max(...peaks.map((peak) => peak.heap));
  const growth = Math.max(...peaks.map((peak) => peak.rss - peak.baseRss));
  console.log(
    `image ${formatSize(size)} (${existing ? 'reused' : `built in ${(buildMs / 1000).toFixed(0)} s`}); ` +
      `docker save → null median ${median(save).toFixed(0)} ms, analyzeImageContents median ${median(analysis).toFixed(0)} ms ` +
      `(${median(analysisCpu).toFixed(0)} ms of this process's CPU), ` +
      `ratio without hashing ${(median(headersOnly) / median(save)).toFixed(2)}, ` +
      `ratio ${ratio.toFixed(2)} (goal ≤ 1.3) over ${ROUNDS} alternating rounds; ` +
      `peak RSS ${(peakRss / MB).toFixed(0)} MB (+${(growth / MB).toFixed(0)} MB during analysis), ` +
      `peak heap ${(peakHeap / MB).toFixed(0)} MB (goal < 300 MB)`,
  );
});

/** Both images, newest first so the base is not held by its child. */
async function removeImages(docker: ReturnType<typeof rigDocker>): Promise<void> {
  for (const tag of [TAG2, TAG])
    await docker
      .getImage(tag)
      .remove({ force: true })
      .catch(() => undefined);
}

const DIFF_ROUNDS = 3;

it('file diff of two ~1 GB images vs streaming both docker saves to nowhere', async () => {
  const docker = rigDocker(rig.dockerHost);
  const start = performance.now();
  const has = (tag: string) =>
    docker
      .getImage(tag)
      .inspect()
      .then(() => true)
      .catch(() => false);
  if (!(await has(TAG))) await buildTestImage(docker, TAG, { Dockerfile: DOCKERFILE });
  if (!(await has(TAG2))) await buildTestImage(docker, TAG2, { Dockerfile: DOCKERFILE2 });
  const buildMs = performance.now() - start;

  const saveToNull = async (tag: string): Promise<void> =>
    pipeline(
      await openImageArchive(docker, tag),
      new Writable({
        write(_chunk, _encoding, callback) {
          callback();
        },
      }),
    );
  const inventoryOf = async (tag: string): Promise<ImageInventory> => {
    let inventory: ImageInventory | null = null;
    await analyzeImageContents(docker, tag, { onInventory: (value) => (inventory = value) });
    return inventory!;
  };
  const save: number[] = [];
  const diffs: number[] = [];
  const diffCpu: number[] = [];
  const peaks: number[] = [];
  // Two floors: both saves at once (how the diff reads them) and one after the other (two single floors).
  const oneByOne: number[] = [];
  const timeSaves = async (): Promise<void> => {
    let begun = performance.now();
    await Promise.all([saveToNull(TAG), saveToNull(TAG2)]);
    save.push(performance.now() - begun);
    begun = performance.now();
    await saveToNull(TAG);
    await saveToNull(TAG2);
    oneByOne.push(performance.now() - begun);
  };
  const timeDiff = async (): Promise<void> => {
    globalThis.gc?.();
    let rss = process.memoryUsage().rss;
    const sampler = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 10);
    const begun = performance.now();
    const cpu = process.cpuUsage();
    try {
      const [older, newer] = await Promise.all([inventoryOf(TAG), inventoryOf(TAG2)]);
      const diff = diffInventories(older, newer);
      diffs.push(performance.now() - begun);
      diffCpu.push(cpuMs(process.cpuUsage(cpu)));
      expect(diff.entries.map((entry) => [entry.path, entry.change])).toEqual([
        ['/data/new', 'added'],
        ['/data/small/f1', 'modified'],
        ['/data/small/f2', 'removed'],
      ]);
      expect(diff.modified).toMatchObject({ files: 1, bytes: 4096, bytesBefore: 4096 });
    } finally {
      clearInterval(sampler);
    }
    peaks.push(Math.max(rss, process.memoryUsage().rss));
  };
  try {
    for (let round = 0; round < DIFF_ROUNDS; round++) {
      if (round % 2 === 0) {
        await timeSaves();
        await timeDiff();
      } else {
        await timeDiff();
        await timeSaves();
      }
      console.log(
        `diff round ${round + 1}: both saves ${save.at(-1)!.toFixed(0)} ms (one by one ${oneByOne.at(-1)!.toFixed(0)} ms), file diff ${diffs.at(-1)!.toFixed(0)} ms, ` +
          `peak RSS ${(peaks.at(-1)! / MB).toFixed(0)} MB`,
      );
    }
  } finally {
    if (process.env['DW_BENCH_KEEP'] !== '1') await removeImages(docker);
  }
  console.log(
    `two-image file diff (images ready in ${(buildMs / 1000).toFixed(0)} s): both docker saves → null median ` +
      `${median(save).toFixed(0)} ms, analyses + diff median ${median(diffs).toFixed(0)} ms ` +
      `(${median(diffCpu).toFixed(0)} ms of this process's CPU), ` +
      `ratio ${(median(diffs) / median(save)).toFixed(2)} against both saves at once, ` +
      `${(median(diffs) / median(oneByOne)).toFixed(2)} against the two saves one after the other ` +
      `(${median(oneByOne).toFixed(0)} ms) (goal ≤ 1.3) over ${DIFF_ROUNDS} alternating rounds; ` +
      `peak RSS ${(Math.max(...peaks) / MB).toFixed(0)} MB (goal < 300 MB)`,
  );
});
