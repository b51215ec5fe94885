/**
 * Image contents analysis on a ~1 GB image: `analyzeImageContents` against streaming the same
 * `docker save` into a null sink (the physical floor: the engine's export and the socket),
 * alternating runs. Prints the median time ratio (goal ≤ 1.3) and the process's peak memory
 * during the analysis (goal < 300 MB), sampled with `process.memoryUsage()`.
 *
 * The image is built once (~1 min) and reused if it is already on the engine; it is removed at
 * the end unless DW_BENCH_KEEP=1.
 */
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { expect, inject, it } from 'vitest';
import { analyzeImageContents } from '../src/main/layers/analyze-image-contents';
import { openImageArchive } from '../src/main/layers/walk-image-archive';
import { formatSize } from '../src/shared/format-size';
import { buildTestImage, rigDocker } from '../test/support/test-images';

const rig = inject('rig');
const ROUNDS = 4;
const TAG = 'dw-test/bench-image-analysis:1';
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
    try {
      const contents = await analyzeImageContents(docker, TAG);
      analysis.push(performance.now() - start);
      expect(contents.storedBytes).toBe(size);
      expect(contents.wastedBytes).toBe(200 * MB);
      expect(contents.fileCount).toBeGreaterThan(10_000);
    } finally {
      clearInterval(sampler);
    }
    const usage = process.memoryUsage();
    peaks.push({ rss: Math.max(rss, usage.rss), heap: Math.max(heap, usage.heapUsed), baseRss });
  };

  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first so neither always meets a warm page cache.
      if (round % 2 === 0) {
        await timeSave();
        await timeAnalysis();
      } else {
        await timeAnalysis();
        await timeSave();
      }
      console.log(
        `round ${round + 1}: save ${save.at(-1)!.toFixed(0)} ms, analysis ${analysis.at(-1)!.toFixed(0)} ms, ` +
          `peak RSS ${(peaks.at(-1)!.rss / MB).toFixed(0)} MB, peak heap ${(peaks.at(-1)!.heap / MB).toFixed(0)} MB`,
      );
    }
  } finally {
    if (process.env['DW_BENCH_KEEP'] !== '1') await docker.getImage(TAG).remove({ force: true });
  }

  const ratio = median(analysis) / median(save);
  const peakRss = Math.max(...peaks.map((peak) => peak.rss));
  const peakHeap = Math.max(...peaks.map((peak) => peak.heap));
  const growth = Math.max(...peaks.map((peak) => peak.rss - peak.baseRss));
  console.log(
    `image ${formatSize(size)} (${existing ? 'reused' : `built in ${(buildMs / 1000).toFixed(0)} s`}); ` +
      `docker save → null median ${median(save).toFixed(0)} ms, analyzeImageContents median ${median(analysis).toFixed(0)} ms, ` +
      `ratio ${ratio.toFixed(2)} (goal ≤ 1.3) over ${ROUNDS} alternating rounds; ` +
      `peak RSS ${(peakRss / MB).toFixed(0)} MB (+${(growth / MB).toFixed(0)} MB during analysis), ` +
      `peak heap ${(peakHeap / MB).toFixed(0)} MB (goal < 300 MB)`,
  );
});
