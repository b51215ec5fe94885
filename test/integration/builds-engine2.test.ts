/*
 * BuildKit builds through the handler table on the rig's second engine (Docker 26.1 with the
 * containerd image store), where a BuildKit build from an uploaded tar fails (`failed to read
 * downloaded context … lookup build-context-…: no such host`) and the docker CLI's way, a BuildKit
 * session, works (issue #16). Skipped, with the reason, unless DW_ENGINE2=1 started engine 2.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import { createBuildRunner } from '../../src/main/builds/build-runner';
import { createBuildHistory } from '../../src/main/store/build-history';
import type { BuildEvent, BuildRecord } from '../../src/shared/builds/build-record';
import { fail } from '../../src/shared/result';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_LABEL, TEST_PREFIX, type Engine2Info } from '../support/rig-info';
import { findLeaks, findSecret } from '../support/secret-scan';
import { engine2Cli, type Engine2Cli } from '../support/start-engine2';

const rig = inject('rig');
const suffix = randomBytes(4).toString('hex');
const created: string[] = [];
const tempDirs: string[] = [];
let app: TestServices | null = null;
let cli: Engine2Cli | null = null;

/** Why engine 2 is not here, in words a developer can act on. */
function missingReason(): string {
  if (process.env['DW_ENGINE2'] !== '1') return 'the second engine starts only with DW_ENGINE2=1';
  return `the second engine runs only in the private rig (root on Linux): ${rig.limitation ?? 'not started'}`;
}

function needEngine2(context: TestContext): { engine: Engine2Info; app: TestServices; cli: Engine2Cli } {
  if (!rig.engine2 || !app || !cli) context.skip(missingReason());
  return { engine: rig.engine2!, app: app!, cli: cli! };
}

function context(files: Record<string, string>): string {
  const dir = makeContext(files);
  tempDirs.push(dir);
  return dir;
}

function contextEvents(services: TestServices, id: string): Extract<BuildEvent, { kind: 'context' }>[] {
  return services.events.flatMap((e) => {
    const payload = e.payload as { id: string; event: BuildEvent };
    return e.event === 'build:event' && payload.id === id && payload.event.kind === 'context'
      ? [payload.event]
      : [];
  });
}

beforeAll(async () => {
  if (!rig.engine2) return;
  app = startServices({ DOCKER_HOST: rig.engine2.dockerHost });
  const status = await app.settled();
  if (status.state !== 'connected') throw new Error(`engine 2 did not connect: ${JSON.stringify(status)}`);
  cli = engine2Cli(rig.engine2);
});

afterAll(async () => {
  if (cli && created.length > 0) await cli.run(['rmi', '--force', ...created]).catch(() => undefined);
  cli?.dispose();
  app?.dispose();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('BuildKit builds on Docker 26.1 with the containerd image store', () => {
  it('builds through a session, and the image runs', async (test) => {
    const { engine, app, cli } = needEngine2(test);
    const tag = `${TEST_PREFIX}/engine2-session-${suffix}:1`;
    const dir = context({
      Dockerfile: [
        `FROM ${engine.baseImage}`,
        'ARG GREETING=hi',
        `RUN echo "$GREETING ${suffix}" > /greeting`,
        'COPY app.txt /app.txt',
        'CMD ["cat", "/greeting", "/app.txt"]',
        '',
      ].join('\n'),
      'app.txt': 'from the context\n',
    });
    const record = await buildAndWait(
      app,
      buildRequest(dir, { builder: 'buildkit', tags: [tag], buildArgs: { GREETING: 'hello' } }),
    );
    created.push(tag);
    expect(record.status, record.log).toBe('succeeded');
    expect(record.builder).toBe('buildkit');
    expect(record.contextTransfer).toBe('session');
    expect(record.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    const { stdout } = await cli.run(['run', '--rm', '--label', `${TEST_LABEL}=1`, tag]);
    expect(stdout).toBe(`hello ${suffix}\nfrom the context\n`);
    const inspected = (await cli.run(['image', 'inspect', '--format', '{{.Id}}', tag])).stdout.trim();
    expect(record.imageId).toBe(inspected);
    expect(record.steps.find((step) => step.instruction.startsWith('RUN'))).toMatchObject({
      line: 3,
      status: 'done',
    });
  });

  it('sends only the changed file when the same folder is built again', async (test) => {
    const { engine, app } = needEngine2(test);
    const files: Record<string, string> = {
      Dockerfile: `FROM ${engine.baseImage}\nCOPY . /ctx/\n`,
    };
    for (let i = 0; i < 200; i++) files[`files/f${i}.txt`] = `${suffix}-${i}\n`.repeat(100);
    const dir = context(files);
    const first = await buildAndWait(app, buildRequest(dir, { builder: 'buildkit' }));
    expect(first.status, first.log).toBe('succeeded');
    writeFileSync(join(dir, 'files/f7.txt'), 'changed\n');
    const second = await buildAndWait(app, buildRequest(dir, { builder: 'buildkit' }));
    expect(second.status, second.log).toBe('succeeded');
    created.push(first.imageId!, second.imageId!);

    const sentFirst = contextEvents(app, first.id).at(-1)!;
    const sentSecond = contextEvents(app, second.id).at(-1)!;
    // Every file (and the Dockerfile) the first time; only the changed file the second.
    expect(sentFirst.files).toBe(201);
    expect(sentFirst.sentBytes).toBe(sentFirst.totalBytes);
    expect(sentSecond).toEqual({
      kind: 'context',
      sentBytes: 'changed\n'.length,
      totalBytes: sentFirst.totalBytes - (`${suffix}-7\n`.length * 100 - 'changed\n'.length),
      files: 1,
    });
    console.info(
      `[engine 2] context of ${sentFirst.totalBytes} bytes: first build sent ${sentFirst.sentBytes} bytes in ${sentFirst.files} files, the rebuild ${sentSecond.sentBytes} bytes in ${sentSecond.files} file`,
    );
  });

  it('mounts a secret for RUN; neither the record, the saved log nor the events hold it', async (test) => {
    const { engine, app } = needEngine2(test);
    const secret = `engine2-s3cret-${randomBytes(8).toString('hex')}`;
    const secretDir = mkdtempSync(join(tmpdir(), 'dw-secret-'));
    tempDirs.push(secretDir);
    writeFileSync(join(secretDir, 'token'), secret);
    const dir = context({
      Dockerfile: `FROM ${engine.baseImage}\nRUN --mount=type=secret,id=s sha256sum /run/secrets/s\n`,
    });
    const record = await buildAndWait(
      app,
      buildRequest(dir, {
        builder: 'buildkit',
        noCache: true,
        secrets: [{ id: 's', src: join(secretDir, 'token'), env: null }],
      }),
    );
    if (record.imageId) created.push(record.imageId);
    expect(record.status, record.log).toBe('succeeded');
    expect(record.log).toContain(createHash('sha256').update(secret).digest('hex'));
    expect(record.request.secrets).toEqual([{ id: 's', src: null, env: null }]);
    expect(findSecret(JSON.stringify(record), secret)).toBeNull();
    expect(findSecret(JSON.stringify(app.events), secret)).toBeNull();
    expect(JSON.stringify(record)).not.toContain(secretDir);
    expect(findLeaks([app.dataDir], secret)).toEqual([]);
  });

  it('pulls a private base image with the login Dockwright holds, and fails without one', async (test) => {
    const { engine, app } = needEngine2(test);
    if (!rig.registry) test.skip('no docker-registry on this machine (Debian package docker-registry)');
    const registry = rig.registry!;
    const login = { registry: registry.address, username: registry.username, password: registry.password };
    const reference = `${registry.address}/${TEST_PREFIX}/engine2-private-base-${suffix}:1`;
    const pusher = startServices({ DOCKER_HOST: engine.dockerHost });
    try {
      await pusher.settled();
      await pusher.value('registry:login', { ...login, keep: 'session' });
      await pusher.value('images:tag', { source: engine.baseImage, target: reference });
      const { id } = await pusher.value('push:start', { reference });
      await pusher.services.pushes.settled(id);
      created.push(reference);
    } finally {
      pusher.dispose();
    }
    const dir = context({ Dockerfile: `FROM ${reference}\nRUN echo private-${suffix}\n` });
    // `pull`: the tag is still on the engine; the build must ask the registry all the same.
    const anonymous = await buildAndWait(app, buildRequest(dir, { builder: 'buildkit', pull: true }));
    expect(anonymous.status).toBe('failed');
    expect(anonymous.error?.message).toMatch(/401|unauthorized|authoriz/i);
    await app.value('registry:login', { ...login, keep: 'session' });
    const record = await buildAndWait(app, buildRequest(dir, { builder: 'buildkit', pull: true }));
    if (record.imageId) created.push(record.imageId);
    expect(record.status, record.log).toBe('succeeded');
    expect(record.log).toContain(`private-${suffix}`);
  });

  it('fails, as before, when the context goes as a tar: the record says it was sent as a tar', async (test) => {
    const { engine, app } = needEngine2(test);
    const dataDir = mkdtempSync(join(tmpdir(), 'dw-engine2-tar-'));
    tempDirs.push(dataDir);
    const history = createBuildHistory(dataDir);
    // An engine connection without sessions (ssh://) is what makes the runner send a tar.
    const runner = createBuildRunner({
      connection: app.services.connection,
      operations: app.services.operations,
      history,
      emit: () => undefined,
      startSession: async () => fail('ENGINE_UNAVAILABLE', 'no session in this test'),
    });
    const dir = context({ Dockerfile: `FROM ${engine.baseImage}\nRUN echo ${suffix}\n` });
    const started = await runner.start(buildRequest(dir, { builder: 'buildkit' }));
    if (!started.ok) throw new Error(started.error.message);
    await runner.settled(started.value.id);
    const record = (await history.get(started.value.id)) as BuildRecord;
    expect(record.contextTransfer).toBe('tar');
    expect(record.log).toContain(
      'WARNING: Context sent as a tar: this engine has no BuildKit session support (no session in this test).',
    );
    expect(record.status).toBe('failed');
    expect(record.error?.message).toMatch(/failed to read downloaded context|no such host/);
  });
});
