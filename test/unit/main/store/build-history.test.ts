import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuildHistory } from '../../../../src/main/store/build-history';
import type { BuildStep } from '../../../../src/shared/builds/build-model';
import type { BuildRecord } from '../../../../src/shared/builds/build-record';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dw-history-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function step(id: string, line: number, status: BuildStep['status']): BuildStep {
  return {
    id,
    index: line - 1,
    total: 3,
    stage: '0',
    instruction: `RUN step ${id}`,
    line,
    status,
    startedAt: status === 'queued' ? null : 1_000,
    endedAt: status === 'done' ? 2_000 : null,
    internal: false,
    error: null,
  };
}

/** A record as the runner wrote it before steps were closed at the end of a cancelled build. */
function cancelledRecord(id: string): Omit<BuildRecord, 'log'> {
  return {
    id,
    request: {
      contextDir: '/ctx',
      dockerfile: null,
      tags: ['app:1'],
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
    status: 'cancelled',
    startedAt: 1_000,
    endedAt: 5_000,
    imageId: null,
    imageSizeBytes: null,
    error: null,
    stepCount: 3,
    cachedSteps: 0,
    steps: [step('a', 2, 'done'), step('b', 3, 'running'), step('c', 4, 'queued')],
    stepLogs: {},
    warnings: [],
    dockerfileText: 'FROM x\nRUN a\nRUN b\nRUN c\n',
  };
}

describe('createBuildHistory', () => {
  it('reads a cancelled build saved with a step still running as cancelled, the rest not run', async () => {
    await writeFile(join(dir, 'old-cancel.json'), JSON.stringify(cancelledRecord('old-cancel')));
    const record = await createBuildHistory(dir).get('old-cancel');
    expect(record?.steps.map((item) => [item.id, item.status, item.endedAt])).toEqual([
      ['a', 'done', 2_000],
      ['b', 'cancelled', 5_000],
      ['c', 'not-run', null],
    ]);
  });

  it('keeps the explanation of an error, and reads records that have none', async () => {
    const history = createBuildHistory(dir);
    const failed = {
      ...cancelledRecord('failed'),
      status: 'failed' as const,
      error: {
        message: 'executor failed running [/bin/sh -c nosuch]: exit code: 127',
        line: 3,
        explanation: 'The command `nosuch` is not in the image (exit code 127)',
      },
    };
    await history.save({ ...failed, log: '' });
    expect((await history.get('failed'))?.error).toEqual(failed.error);
    const { explanation: _explanation, ...older } = failed.error;
    await writeFile(join(dir, 'older.json'), JSON.stringify({ ...failed, id: 'older', error: older }));
    expect((await history.list()).builds.find((build) => build.id === 'older')?.error).toEqual(older);
  });

  it('keeps only the id of a secret, and how the context was sent', async () => {
    const history = createBuildHistory(dir);
    const base = cancelledRecord('with-secrets');
    await history.save({
      ...base,
      request: {
        ...base.request,
        secrets: [
          { id: 'npm', src: '/home/me/.npmrc', env: null },
          { id: 'tok', src: null, env: 'GH_TOKEN' },
        ],
        ssh: true,
      },
      contextTransfer: 'tar',
      log: '',
    });
    const record = await history.get('with-secrets');
    expect(record?.request.secrets).toEqual([
      { id: 'npm', src: null, env: null },
      { id: 'tok', src: null, env: null },
    ]);
    expect(record?.request.ssh).toBe(true);
    expect(record?.contextTransfer).toBe('tar');
    const listed = (await history.list()).builds.find((build) => build.id === 'with-secrets');
    expect(listed?.contextTransfer).toBe('tar');
    const onDisk = await readFile(join(dir, 'with-secrets.json'), 'utf8');
    expect(onDisk).not.toMatch(/npmrc|GH_TOKEN/);
  });
});
