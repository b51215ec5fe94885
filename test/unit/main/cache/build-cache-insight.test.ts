import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  baseImageResolver,
  findPreviousBuild,
  finishCacheInsight,
  stepDurations,
  stepOutcome,
} from '../../../../src/main/cache/build-cache-insight';
import { createBuildHistory } from '../../../../src/main/store/build-history';
import type { BuildStep } from '../../../../src/shared/builds/build-model';
import type { BuildRecord } from '../../../../src/shared/builds/build-record';
import type { BuildCacheInputs } from '../../../../src/shared/cache/cache-model';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dw-insight-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function step(line: number | null, status: BuildStep['status'], extra: Partial<BuildStep> = {}): BuildStep {
  return {
    id: `s${line}-${status}`,
    index: null,
    total: null,
    stage: null,
    instruction: `RUN ${line}`,
    line,
    status,
    startedAt: 1_000,
    endedAt: 4_000,
    internal: false,
    error: null,
    ...extra,
  };
}

const inputs = (contextDir: string): BuildCacheInputs => ({
  version: 1,
  builder: 'buildkit',
  noCache: false,
  dockerfilePath: '/ctx/Dockerfile',
  contextDir,
  steps: [],
  files: {},
});

function record(id: string, startedAt: number, cacheInputs?: BuildCacheInputs): BuildRecord {
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
    status: 'succeeded',
    startedAt,
    endedAt: startedAt + 10,
    imageId: null,
    imageSizeBytes: null,
    error: null,
    stepCount: 1,
    cachedSteps: 0,
    steps: [step(2, 'done')],
    stepLogs: {},
    warnings: [],
    dockerfileText: 'FROM x\nRUN a\n',
    log: '',
    ...(cacheInputs ? { cacheInputs } : {}),
  };
}

describe('stepOutcome', () => {
  it('says per line whether a finished step came from cache, leaving out internal and unfinished ones', () => {
    const outcome = stepOutcome([
      step(1, 'cached'),
      step(2, 'done'),
      step(3, 'error'),
      step(null, 'done'),
      step(4, 'cached', { internal: true }),
    ]);
    expect(outcome).toEqual({
      1: { cached: true, instruction: 'RUN 1' },
      2: { cached: false, instruction: 'RUN 2' },
    });
  });

  it('leaves FROM out: it is no cache decision of either builder', () => {
    expect(stepOutcome([step(1, 'done', { instruction: 'FROM alpine' }), step(2, 'done')])).toEqual({
      2: { cached: false, instruction: 'RUN 2' },
    });
  });

  it('counts a line as cached only when every step of it was', () => {
    expect(stepOutcome([step(1, 'cached'), step(1, 'done')])[1]!.cached).toBe(false);
  });
});

describe('stepDurations', () => {
  it('gives the run time of the steps that ran', () => {
    expect(stepDurations([step(1, 'cached'), step(2, 'done')])).toEqual({ 2: 3_000 });
  });
});

describe('findPreviousBuild', () => {
  it('finds the newest build of the same Dockerfile and context that has inputs', async () => {
    const history = createBuildHistory(dir);
    await history.save(record('old', 1_000, inputs('/ctx')));
    await history.save(record('other-context', 2_000, inputs('/elsewhere')));
    await history.save(record('no-inputs', 3_000));
    await history.save(record('current', 4_000, inputs('/ctx')));
    const previous = await findPreviousBuild(
      history,
      { dockerfilePath: '/ctx/Dockerfile', contextDir: '/ctx' },
      'current',
    );
    expect(previous).toMatchObject({ id: 'old', startedAt: 1_000, stepDurationsMs: { 2: 3_000 } });
    expect(previous!.inputs.contextDir).toBe('/ctx');
  });

  it('keeps the inputs beside the record, and reads damaged inputs as none', async () => {
    const history = createBuildHistory(dir);
    await history.save(record('kept', 1_000, inputs('/ctx')));
    expect(JSON.parse(await readFile(join(dir, 'kept.json'), 'utf8'))).not.toHaveProperty('cacheInputs');
    expect((await history.get('kept'))!.cacheInputs!.contextDir).toBe('/ctx');
    await writeFile(join(dir, 'kept.inputs'), JSON.stringify({ version: 9 }));
    const read = await history.get('kept');
    expect(read).not.toBeNull();
    expect(read!.cacheInputs).toBeUndefined();
    await history.remove('kept');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('finishCacheInsight', () => {
  it('saves the inputs and the explanation against the previous build', async () => {
    const history = createBuildHistory(dir);
    await history.save(record('old', 1_000, inputs('/ctx')));
    const seen: unknown[] = [];
    const result = await finishCacheInsight({
      history,
      id: 'new',
      inputs: inputs('/ctx'),
      steps: [step(2, 'cached')],
      dockerfileText: 'FROM x\nRUN a\n',
      resolveBaseImage: async () => null,
      explain: (input) => {
        seen.push(input.previous?.id, input.outcome);
        return {
          previousBuildId: 'old',
          previousStartedAt: 1_000,
          steps: [],
          summary: { steps: 1, cached: 1, savedMs: 3_000 },
        };
      },
    });
    expect(seen).toEqual(['old', { 2: { cached: true, instruction: 'RUN 2' } }]);
    expect(result.cacheInputs!.contextDir).toBe('/ctx');
    expect(result.cacheExplanation!.summary.savedMs).toBe(3_000);
  });

  it('saves nothing without inputs', async () => {
    const result = await finishCacheInsight({
      history: createBuildHistory(dir),
      id: 'new',
      inputs: null,
      steps: [],
      dockerfileText: '',
      resolveBaseImage: async () => null,
      explain: null,
    });
    expect(result).toEqual({});
  });
});

describe('baseImageResolver', () => {
  it('falls back to the digest BuildKit named in the FROM step when the engine has no such image', async () => {
    const digest = 'a'.repeat(64);
    const resolve = baseImageResolver(
      async () => null,
      [step(1, 'done', { instruction: `FROM docker.io/library/alpine:3.19@sha256:${digest}` })],
    );
    expect(await resolve('alpine:3.19')).toBe(`sha256:${digest}`);
    expect(await baseImageResolver(async () => 'sha256:id')('alpine:3.19')).toBe('sha256:id');
  });
});
