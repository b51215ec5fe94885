import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectBuildCacheInputs } from '../../../../src/main/cache/collect-build-cache-inputs';
import { createFileHashCache } from '../../../../src/main/cache/file-hash-cache';
import { predictCacheFor } from '../../../../src/main/cache/predict-cache';
import { createBuildHistory } from '../../../../src/main/store/build-history';
import type { BuildRequest } from '../../../../src/shared/builds/build-request';
import { predictBuildCache } from '../../../../src/shared/cache/explain-cache';

let dir: string;
let data: string;
beforeEach(async () => {
  dir = await realpath(await mkdtemp(join(tmpdir(), 'dw-predict-')));
  data = await mkdtemp(join(tmpdir(), 'dw-predict-data-'));
  await writeFile(join(dir, 'Dockerfile'), DOCKERFILE);
  await writeFile(join(dir, 'requirements.txt'), 'flask\n');
  await writeFile(join(dir, 'app.py'), 'print(1)\n');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(data, { recursive: true, force: true });
});

const DOCKERFILE =
  'FROM python:3.12\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . /app\n';

const request = (): BuildRequest => ({
  contextDir: dir,
  dockerfile: null,
  tags: [],
  buildArgs: {},
  target: null,
  noCache: false,
  pull: false,
  platform: null,
  labels: {},
  builder: 'auto',
});

async function saveLastBuild(history: ReturnType<typeof createBuildHistory>): Promise<void> {
  const inputs = await collectBuildCacheInputs(
    {
      builder: 'buildkit',
      noCache: false,
      contextDir: dir,
      dockerfilePath: join(dir, 'Dockerfile'),
      dockerfileText: DOCKERFILE,
      buildArgs: {},
      target: null,
    },
    createFileHashCache(null),
    { resolveBaseImage: async () => 'sha256:base' },
  );
  await history.save({
    id: 'last',
    request: request(),
    dockerfilePath: join(dir, 'Dockerfile'),
    builder: 'buildkit',
    status: 'succeeded',
    startedAt: 1_000,
    endedAt: 2_000,
    imageId: 'sha256:img',
    imageSizeBytes: 1,
    error: null,
    stepCount: 4,
    cachedSteps: 0,
    steps: [],
    stepLogs: {},
    warnings: [],
    dockerfileText: DOCKERFILE,
    log: '',
    cacheInputs: inputs,
  });
}

const predict = (history: ReturnType<typeof createBuildHistory>, given = request()) =>
  predictCacheFor(given, {
    builder: 'buildkit',
    history,
    hashCache: createFileHashCache(null),
    predict: predictBuildCache,
    inspect: async () => 'sha256:base',
  });

describe('predictCacheFor', () => {
  it('predicts every step cached when nothing changed since the last build', async () => {
    const history = createBuildHistory(data);
    await saveLastBuild(history);
    const result = await predict(history);
    expect(result.ok && result.value.previousBuildId).toBe('last');
    expect(result.ok && result.value.steps.every((step) => step.cached)).toBe(true);
  });

  it('predicts the broad COPY to run when a source changed, and the install to stay cached', async () => {
    const history = createBuildHistory(data);
    await saveLastBuild(history);
    await writeFile(join(dir, 'app.py'), 'print(2)\n');
    const result = await predict(history);
    if (!result.ok) throw new Error(result.error.message);
    const byLine = new Map(result.value.steps.map((step) => [step.line, step]));
    expect(byLine.get(3)!.cached).toBe(true);
    expect(byLine.get(4)).toMatchObject({ cached: false, reason: { kind: 'files-changed' } });
  });

  it('says first build when there is none to compare with', async () => {
    const result = await predict(createBuildHistory(data));
    expect(result.ok && result.value.previousBuildId).toBeNull();
  });

  it('points at the context field for a folder that does not exist', async () => {
    const result = await predict(createBuildHistory(data), { ...request(), contextDir: join(dir, 'nope') });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'contextDir' } });
  });
});
