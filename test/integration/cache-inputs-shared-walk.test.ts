/**
 * A BuildKit build's cache inputs reuse the session's own walk of the context instead of walking it
 * a second time (issue #16's rebuild bench). Against the real engine's include and exclude
 * patterns, the inputs from the reused walk must equal those of a walk of our own, file for file.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildSharedKey, startSessionBuild } from '../../src/main/buildkit-session/session-build';
import {
  collectBuildCacheInputs,
  type CacheInputsRequest,
  type ContextListing,
} from '../../src/main/cache/collect-build-cache-inputs';
import { createFileHashCache } from '../../src/main/cache/file-hash-cache';
import { sharedContextWalk } from '../../src/main/cache/shared-context-walk';
import { readJsonLines } from '../../src/main/engine/read-json-lines';
import type { BuildCacheInputs } from '../../src/shared/cache/cache-model';
import { makeContext } from '../support/build-fixtures';
import { dockerCli } from '../support/docker-cli';
import { TEST_LABEL } from '../support/rig-info';
import { rigDocker } from '../support/test-images';

const rig = inject('rig');
const nodeId = randomBytes(16).toString('hex');
const created: string[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const id of new Set(created))
    await dockerCli(rig.dockerHost, ['rmi', '-f', id]).catch(() => undefined);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
  /** Whether the inputs came from a listing the session made. */
  reused: ContextListing | null;
  shared: BuildCacheInputs;
  own: BuildCacheInputs;
}

/** Builds through a session, collecting the inputs from its listing as the app does, then walks again. */
async function buildBoth(
  files: Record<string, string>,
  options: { dockerfile?: string; target?: string; prepare?: (dir: string) => void } = {},
): Promise<Outcome> {
  const token = randomUUID();
  const dir = makeContext(
    Object.fromEntries(Object.entries(files).map(([name, text]) => [name, text.replaceAll('TOKEN', token)])),
  );
  dirs.push(dir);
  options.prepare?.(dir);
  const dockerfilePath = join(dir, options.dockerfile ?? 'Dockerfile');
  const request: CacheInputsRequest = {
    builder: 'buildkit',
    noCache: false,
    contextDir: dir,
    dockerfilePath,
    dockerfileText: files[options.dockerfile ?? 'Dockerfile']!.replaceAll('TOKEN', token),
    buildArgs: {},
    target: options.target ?? null,
  };
  const walk = sharedContextWalk();
  let reused: ContextListing | null = null;
  const collecting = collectBuildCacheInputs(request, createFileHashCache(null), {
    findListing: async (accept) => (reused = await walk.find(accept)),
  });
  const started = await startSessionBuild(rigDocker(rig.dockerHost), {
    contextDir: dir,
    dockerfilePath,
    target: options.target ?? null,
    sharedKey: buildSharedKey(nodeId, dir),
    labels: { [TEST_LABEL]: '1' },
    onContextListed: walk.onListed,
  });
  if (!started.ok) throw new Error(started.error.message);
  const errors: string[] = [];
  await readJsonLines(started.value.stream, (message) => {
    const record = message as { id?: string; aux?: { ID?: string }; error?: string };
    if (record.error) errors.push(record.error);
    if (record.id === 'moby.image.id' && record.aux?.ID) created.push(record.aux.ID);
  });
  await started.value.sessionClosed;
  walk.none();
  expect(errors).toEqual([]);
  const shared = await collecting;
  const own = await collectBuildCacheInputs(request, createFileHashCache(null));
  return { reused, shared, own };
}

const sourcesOf = (inputs: BuildCacheInputs) =>
  inputs.steps.map((step) => ({ line: step.line, sources: step.sources }));

function expectSame({ shared, own }: Outcome): void {
  expect(sourcesOf(shared)).toEqual(sourcesOf(own));
  expect(shared.files).toEqual(own.files);
  expect(Object.keys(own.files).length).toBeGreaterThan(0);
}

describe('cache inputs from the BuildKit session’s own walk of the context', () => {
  it('COPY . with a .dockerignore that excludes folders and re-includes files in them', async () => {
    const outcome = await buildBoth(
      {
        Dockerfile: `FROM ${rig.baseImage}\nCOPY . /app/\nRUN echo TOKEN\n`,
        '.dockerignore': '*.log\n!keep.log\nsecret/\n**/*.tmp\nlogs\n!logs/keep/\n',
        'a.txt': 'TOKEN',
        'keep.log': 'kept',
        'drop.log': 'dropped',
        'secret/key': 'not sent',
        'deep/x.tmp': 'left out',
        'deep/y.txt': 'kept',
        'logs/one.txt': 'left out',
        'logs/keep/two.txt': 'kept',
      },
      {
        prepare: (dir) => {
          mkdirSync(join(dir, 'empty'));
          symlinkSync('a.txt', join(dir, 'link-to-a'));
        },
      },
    );
    expect(outcome.reused, 'the session listed the context').not.toBeNull();
    expectSame(outcome);
    const listed = outcome.shared.files[2]!.list.map((file) => file.path);
    expect(listed).toContain('logs/keep/two.txt');
    expect(listed).toContain('link-to-a');
    expect(listed).not.toContain('drop.log');
    expect(listed).not.toContain('deep/x.tmp');
  });

  it('COPY of a folder and a wildcard: the engine includes only those', async () => {
    const outcome = await buildBoth({
      Dockerfile: `FROM ${rig.baseImage}\nCOPY src /src\nCOPY *.py /app/\nRUN echo TOKEN\n`,
      'src/a.ts': 'a TOKEN',
      'src/lib/b.ts': 'b',
      'main.py': 'print(1)',
      'other.txt': 'never copied',
    });
    expect(outcome.reused).not.toBeNull();
    expectSame(outcome);
    expect(outcome.shared.files[2]!.list.map((file) => file.path)).toEqual([
      'src/',
      'src/a.ts',
      'src/lib/',
      'src/lib/b.ts',
    ]);
    expect(outcome.shared.files[3]!.list.map((file) => file.path)).toEqual(['main.py']);
  });

  it('a Dockerfile with its own ignore file, which BuildKit prefers to .dockerignore', async () => {
    const outcome = await buildBoth(
      {
        'app.Dockerfile': `FROM ${rig.baseImage}\nCOPY . /app/\nRUN echo TOKEN\n`,
        'app.Dockerfile.dockerignore': '*.md\n',
        '.dockerignore': '*.txt\n',
        'notes.md': 'ignored by the Dockerfile’s own file',
        'data.txt': 'copied: .dockerignore does not count',
      },
      { dockerfile: 'app.Dockerfile' },
    );
    expect(outcome.reused).not.toBeNull();
    expectSame(outcome);
    const listed = outcome.shared.files[2]!.list.map((file) => file.path);
    expect(listed).toContain('data.txt');
    expect(listed).not.toContain('notes.md');
  });

  it('a target that leaves a stage out: the inputs still equal a walk of our own', async () => {
    const outcome = await buildBoth(
      {
        Dockerfile: [
          `FROM ${rig.baseImage} AS unused`,
          'COPY unused /unused',
          `FROM ${rig.baseImage} AS final`,
          'COPY app /app',
          'RUN echo TOKEN',
          '',
        ].join('\n'),
        'unused/u.txt': 'u',
        'app/a.txt': 'a',
      },
      { target: 'final' },
    );
    expectSame(outcome);
  });
});
