import { chmod, mkdir, mkdtemp, realpath, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  collectBuildCacheInputs,
  withBaseImageIds,
  type CacheInputsRequest,
} from '../../../../src/main/cache/collect-build-cache-inputs';
import { createFileHashCache } from '../../../../src/main/cache/file-hash-cache';

let dir: string;
beforeEach(async () => {
  dir = await realpath(await mkdtemp(join(tmpdir(), 'dw-inputs-')));
  await mkdir(join(dir, 'src'));
  await writeFile(join(dir, 'src', 'app.py'), 'print(1)\n');
  await writeFile(join(dir, 'requirements.txt'), 'flask\n');
  await writeFile(join(dir, 'notes.log'), 'x');
  await writeFile(join(dir, '.dockerignore'), '*.log\n');
  await writeFile(join(dir, 'Dockerfile'), DOCKERFILE);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const DOCKERFILE = [
  'FROM python:3.12-slim',
  'COPY requirements.txt .',
  'RUN pip install -r requirements.txt',
  'COPY . /app',
].join('\n');

const request = (): CacheInputsRequest => ({
  builder: 'buildkit',
  noCache: false,
  contextDir: dir,
  dockerfilePath: join(dir, 'Dockerfile'),
  dockerfileText: DOCKERFILE,
  buildArgs: {},
  target: null,
});

const digests = async (cache = createFileHashCache(null)) => {
  const inputs = await collectBuildCacheInputs(request(), cache);
  return Object.fromEntries(inputs.steps.map((step) => [step.line, step.sources?.digest ?? null]));
};

describe('collectBuildCacheInputs', () => {
  it('lists each COPY source with its files, .dockerignore applied', async () => {
    const inputs = await collectBuildCacheInputs(request(), createFileHashCache(null));
    expect(inputs).toMatchObject({ version: 1, builder: 'buildkit', contextDir: dir, noCache: false });
    expect(inputs.files[2]!.list.map((file) => file.path)).toEqual(['requirements.txt']);
    expect(inputs.files[4]!.list.map((file) => file.path)).toEqual([
      '.dockerignore',
      'Dockerfile',
      'requirements.txt',
      'src/',
      'src/app.py',
    ]);
    expect(inputs.steps.find((step) => step.line === 4)!.sources!.files).toBe(5);
    expect(inputs.steps.find((step) => step.line === 3)!.sources).toBeNull();
  });

  it('changes only the broad COPY digest when a source file changes', async () => {
    const cache = createFileHashCache(null);
    const before = await digests(cache);
    await writeFile(join(dir, 'src', 'app.py'), 'print(2)\n');
    const after = await digests(cache);
    expect(after[2]).toBe(before[2]);
    expect(after[4]).not.toBe(before[4]);
  });

  it('changes nothing for an excluded file or a touch, and the digest for a chmod', async () => {
    const cache = createFileHashCache(null);
    const before = await digests(cache);
    await writeFile(join(dir, 'notes.log'), 'changed');
    await utimes(join(dir, 'requirements.txt'), new Date(9_000_000), new Date(9_000_000));
    expect(await digests(cache)).toEqual(before);
    await chmod(join(dir, 'requirements.txt'), 0o600);
    const after = await digests(cache);
    expect(after[2]).not.toBe(before[2]);
  });

  it('resolves base images when asked and fills them in afterwards otherwise', async () => {
    const resolve = async (reference: string) => (reference === 'python:3.12-slim' ? 'sha256:abc' : null);
    const asked = await collectBuildCacheInputs(request(), createFileHashCache(null), {
      resolveBaseImage: resolve,
    });
    expect(asked.steps[0]!.baseImageId).toBe('sha256:abc');
    const later = await collectBuildCacheInputs(request(), createFileHashCache(null));
    expect(later.steps[0]!.baseImageId).toBeNull();
    expect((await withBaseImageIds(later, DOCKERFILE, resolve)).steps[0]!.baseImageId).toBe('sha256:abc');
  });
});
