/**
 * Cache insight on a 50,000-file context (issue #17):
 * - `cache:predict` with nothing changed since the last build (stat-first: no file is read), goal
 *   < 2 s, through the handler table like the build form asks;
 * - what hashing costs a build, as ratios to the docker CLI building the same folder with
 *   BuildKit (20.10's built-in session client on the rig daemon, buildx 0.13 on engine 2):
 *   hashing every file cold (a context Dockwright never saw) against the CLI's first build, and
 *   collecting the inputs after one changed file (warm hash cache) against the CLI's rebuild.
 * Hashing runs beside the build (started as the build starts), so these are upper bounds of what
 * it can add to a build's wall time.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { afterAll, expect, inject, it } from 'vitest';
import {
  collectBuildCacheInputs,
  type CacheInputsRequest,
} from '../src/main/cache/collect-build-cache-inputs';
import { createFileHashCache } from '../src/main/cache/file-hash-cache';
import { buildAndWait, buildRequest } from '../test/support/build-fixtures';
import { rigCli } from '../test/support/docker-cli';
import { BENCH_LABEL, benchLabelArgs, removeBenchImages } from './support/bench-images';
import { startServices } from '../test/support/main-services';

const run = promisify(execFile);
const rig = inject('rig');
const FILES = 50_000;
const ROUNDS = 5;

const root = realpathSync(mkdtempSync(join(tmpdir(), 'dw-bench-cache-')));
afterAll(async () => {
  rmSync(root, { recursive: true, force: true });
  await removeBenchImages(rig.dockerHost);
});

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const list = (values: number[]): string => values.map((value) => value.toFixed(0)).join(', ');

const DOCKERFILE = [
  `FROM ${rig.baseImage}`,
  'COPY src /src',
  'RUN find /src -type f | wc -l > /count',
  '',
].join('\n');

function generateTree(): void {
  writeFileSync(join(root, 'Dockerfile'), DOCKERFILE);
  const filler = Buffer.alloc(2048, 'z');
  for (let i = 0; i < FILES; i++) {
    const folder = join(root, 'src', `pkg${i % 50}`, `mod${i % 500}`);
    if (i < 500) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `file${i}.ts`), filler.subarray(0, 32 + ((i * 61) % 1500)));
  }
}

let edits = 0;
function editOneFile(): void {
  edits += 1;
  writeFileSync(
    join(root, 'src', 'pkg9', 'mod9', 'file9.ts'),
    `export const edit = ${edits}; // ${Date.now()}\n`,
  );
}

async function cliBuild(): Promise<number> {
  const cli = rigCli(rig);
  const binary = rig.target === 'engine1' && rig.mode === 'private' ? '/usr/bin/docker' : cli.binary;
  const start = performance.now();
  await run(binary, ['build', '-q', '--label', 'dev.dockwright.test=1', ...benchLabelArgs, root], {
    env: { ...cli.env, DOCKER_BUILDKIT: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return performance.now() - start;
}

const inputsRequest: CacheInputsRequest = {
  builder: 'buildkit',
  noCache: false,
  contextDir: root,
  dockerfilePath: join(root, 'Dockerfile'),
  dockerfileText: DOCKERFILE,
  buildArgs: {},
  target: null,
};

it(`cache insight on a ${FILES / 1000}k-file context: prediction time and hashing overhead vs the CLI`, async () => {
  generateTree();
  const app = startServices({ DOCKER_HOST: rig.dockerHost });
  await app.settled();
  const request = buildRequest(root, {
    builder: 'buildkit',
    labels: { 'dev.dockwright.test': '1', [BENCH_LABEL.key]: BENCH_LABEL.value },
  });
  try {
    const cliFirst = await cliBuild();
    const cold: number[] = [];
    for (let round = 0; round < 3; round++) {
      const start = performance.now();
      await collectBuildCacheInputs(inputsRequest, createFileHashCache(null));
      cold.push(performance.now() - start);
    }

    const first = await buildAndWait(app, request);
    expect(first.status, first.log).toBe('succeeded');
    expect(first.cacheInputs?.steps.find((step) => step.sources)?.sources?.files).toBeGreaterThan(FILES);
    const predictions: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const start = performance.now();
      const prediction = await app.value('cache:predict', request);
      predictions.push(performance.now() - start);
      expect(prediction.steps.filter((step) => step.line > 1).every((step) => step.cached)).toBe(true);
    }

    const warm = createFileHashCache(null);
    await collectBuildCacheInputs(inputsRequest, warm);
    const changed: number[] = [];
    const cliRebuilds: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      editOneFile();
      const start = performance.now();
      await collectBuildCacheInputs(inputsRequest, warm);
      changed.push(performance.now() - start);
      expect(warm.lastReadCount()).toBe(1);
      editOneFile();
      cliRebuilds.push(await cliBuild());
    }

    console.log(
      [
        `cache insight, ${FILES} files (${rig.target}):`,
        `  predict, nothing changed: median ${median(predictions).toFixed(0)} ms [${list(predictions)}] (goal < 2000)`,
        `  cold hashing of every file: median ${median(cold).toFixed(0)} ms [${list(cold)}] vs the CLI's first build ` +
          `${cliFirst.toFixed(0)} ms: ratio ${(median(cold) / cliFirst).toFixed(2)}`,
        `  inputs after 1 changed file: median ${median(changed).toFixed(0)} ms [${list(changed)}] vs the CLI's ` +
          `rebuild median ${median(cliRebuilds).toFixed(0)} ms [${list(cliRebuilds)}]: ratio ` +
          `${(median(changed) / median(cliRebuilds)).toFixed(2)}`,
      ].join('\n'),
    );
    expect(median(predictions)).toBeLessThan(2_000);
  } finally {
    app.dispose();
  }
});
