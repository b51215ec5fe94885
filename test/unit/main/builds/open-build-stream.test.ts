import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionBuildOptions } from '../../../../src/main/buildkit-session/session-build';
import type { SyncReport } from '../../../../src/main/buildkit-session/file-sync-service';
import {
  openBuildStream,
  sessionFallbackReason,
  type BuildStreamOptions,
  type ContextProgress,
} from '../../../../src/main/builds/open-build-stream';
import { planContext, type ContextPlan } from '../../../../src/main/context/pack-context';
import { buildRequestSchema } from '../../../../src/shared/builds/build-request';
import type { ContextTransfer } from '../../../../src/shared/builds/build-record';
import { fail, ok, type AppError } from '../../../../src/shared/result';

let dir: string;
let plan: ContextPlan;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dw-open-stream-'));
  writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY a.txt /\n');
  writeFileSync(join(dir, 'a.txt'), 'a'.repeat(1000));
  plan = await planContext(dir, null);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An engine that answers every tar upload with one JSON line, and remembers what it was asked. */
function fakeDocker() {
  const uploads: Record<string, unknown>[] = [];
  const docker = {
    buildImage: async (tar: NodeJS.ReadableStream, options: Record<string, unknown>) => {
      uploads.push(options);
      // Read the whole upload first, as an engine does before it answers.
      for await (const _chunk of tar as AsyncIterable<Buffer>) void _chunk;
      return Readable.from(['{"stream":"tar"}\n']);
    },
  } as unknown as Docker;
  return { docker, uploads };
}

function sessionAnswering(answer: AppError | 'ok', reports: SyncReport[] = []) {
  const asked: SessionBuildOptions[] = [];
  const startSession: NonNullable<BuildStreamOptions['startSession']> = async (_docker, options) => {
    asked.push(options);
    if (answer !== 'ok') return fail(answer.code, answer.message);
    for (const report of reports) options.onSync?.(report);
    return ok({
      stream: Readable.from(['{"stream":"session"}\n']),
      sessionId: 's',
      buildId: 'b',
      sessionClosed: Promise.resolve(),
    });
  };
  return { startSession, asked };
}

function report(dirName: string, bytes: number, requests: number): SyncReport {
  return { dirName, filter: {} as SyncReport['filter'], entries: requests, requests, bytes, durationMs: 1 };
}

async function open(
  builder: 'buildkit' | 'classic',
  startSession: BuildStreamOptions['startSession'],
  extras: BuildStreamOptions['extras'] = { secrets: new Map(), sshAgents: new Map() },
) {
  const { docker, uploads } = fakeDocker();
  const transfers: [ContextTransfer, string | null][] = [];
  const progress: ContextProgress[] = [];
  const result = await openBuildStream(docker, {
    plan,
    request: buildRequestSchema.parse({ contextDir: dir, tags: ['app:1'] }),
    builder,
    signal: new AbortController().signal,
    sharedKey: 'key',
    extras,
    ...(startSession ? { startSession } : {}),
    now: () => 0,
    onTransfer: (transfer, reason) => transfers.push([transfer, reason]),
    onContext: (sent) => progress.push(sent),
  });
  let text = '';
  if (result.ok) for await (const chunk of result.value as AsyncIterable<string>) text += chunk;
  return { result, text, uploads, transfers, progress };
}

const NO_SSH: AppError = {
  code: 'ENGINE_UNAVAILABLE',
  message: 'BuildKit sessions need a socket or TCP connection to the engine.',
};

describe('openBuildStream', () => {
  it('builds BuildKit through a session, adding up what the engine asked of the context only', async () => {
    const session = sessionAnswering('ok', [
      report('context', 700, 1),
      report('dockerfile', 30, 1),
      report('context', 300, 2),
    ]);
    const opened = await open('buildkit', session.startSession);
    expect(opened.text).toBe('{"stream":"session"}\n');
    expect(opened.uploads).toEqual([]);
    expect(opened.transfers).toEqual([['session', null]]);
    expect(opened.progress).toEqual([
      { sentBytes: 700, totalBytes: plan.totalBytes, files: 1 },
      { sentBytes: 1000, totalBytes: plan.totalBytes, files: 3 },
    ]);
    expect(session.asked[0]).toMatchObject({
      contextDir: plan.contextDir,
      dockerfilePath: plan.dockerfilePath,
      tags: ['app:1'],
      sharedKey: 'key',
    });
  });

  it('sends a tar with version 2 when the connection has no session, and says why', async () => {
    const opened = await open('buildkit', sessionAnswering(NO_SSH).startSession);
    expect(opened.text).toBe('{"stream":"tar"}\n');
    expect(opened.uploads).toMatchObject([{ version: '2', forcerm: true, t: ['app:1'] }]);
    expect(opened.transfers).toEqual([['tar', NO_SSH.message]]);
  });

  it('fails instead of sending a tar when secrets or ssh need the session', async () => {
    const opened = await open('buildkit', sessionAnswering(NO_SSH).startSession, {
      secrets: new Map([['s', Buffer.from('x')]]),
      sshAgents: new Map(),
    });
    expect(opened.result).toMatchObject({ ok: false, error: { code: 'ENGINE_ERROR' } });
    expect(!opened.result.ok && opened.result.error.message).toMatch(/Secrets and SSH forwarding need/);
    expect(opened.uploads).toEqual([]);
    expect(opened.transfers).toEqual([]);
  });

  it('reports a session the engine failed for another reason, without sending a tar', async () => {
    const refused: AppError = { code: 'ENGINE_ERROR', message: 'Could not open a BuildKit session: EPIPE' };
    const opened = await open('buildkit', sessionAnswering(refused).startSession);
    expect(opened.result).toEqual({ ok: false, error: refused });
    expect(opened.uploads).toEqual([]);
  });

  it('sends the classic builder a tar with version 1 and never opens a session', async () => {
    const session = sessionAnswering('ok');
    const opened = await open('classic', session.startSession);
    expect(opened.uploads).toMatchObject([{ version: '1' }]);
    expect(opened.transfers).toEqual([['tar', null]]);
    expect(session.asked).toEqual([]);
    expect(opened.progress.at(-1)).toEqual({ sentBytes: plan.totalBytes, totalBytes: plan.totalBytes });
  });
});

describe('sessionFallbackReason', () => {
  it.each<[string, AppError, boolean]>([
    ['an ssh connection', NO_SSH, true],
    [
      'an engine without /session',
      {
        code: 'ENGINE_ERROR',
        message:
          'Could not open a BuildKit session: the engine refused a build session (HTTP 404): page not found',
      },
      true,
    ],
    [
      'a refusal for another reason',
      {
        code: 'ENGINE_ERROR',
        message: 'Could not open a BuildKit session: the engine refused a build session (HTTP 500): boom',
      },
      false,
    ],
    [
      'a connection error',
      { code: 'ENGINE_ERROR', message: 'Could not open a BuildKit session: ECONNREFUSED' },
      false,
    ],
    ['a cancel', { code: 'CANCELLED', message: 'The build was cancelled.' }, false],
  ])('%s: falls back to a tar = %s', (_label, error, fallback) => {
    expect(sessionFallbackReason(error) !== null).toBe(fallback);
  });
});
