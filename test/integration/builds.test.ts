import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BuilderKind } from '../../src/shared/builds/build-model';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { dockerCli } from '../support/docker-cli';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_LABEL, TEST_PREFIX } from '../support/rig-info';

const rig = inject('rig');
const RUN_NONCE = randomUUID();

async function containerCount(): Promise<number> {
  const out = await dockerCli(rig.dockerHost, ['ps', '-aq', '--no-trunc']);
  return out.split('\n').filter(Boolean).length;
}

async function imageIdOf(reference: string): Promise<string | null> {
  try {
    return (await dockerCli(rig.dockerHost, ['image', 'inspect', '--format', '{{.Id}}', reference])).trim();
  } catch {
    return null;
  }
}

async function runImage(reference: string, ...command: string[]): Promise<string> {
  return dockerCli(rig.dockerHost, ['run', '--rm', '--label', `${TEST_LABEL}=1`, reference, ...command]);
}

describe.each<BuilderKind>(['classic', 'buildkit'])('builds with the %s builder', (builder) => {
  let app: TestServices;
  beforeAll(async () => {
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
  });
  afterAll(() => app.dispose());

  const dockerfile = [
    `FROM ${rig.baseImage}`,
    'ARG GREETING=hi',
    // A run-unique RUN: the rig engine is shared, and a cache left by an earlier run must not make it 'cached'.
    `RUN echo "$GREETING" > /greeting && echo ${RUN_NONCE} > /nonce`,
    'COPY app.txt /app.txt',
    'CMD ["cat", "/greeting", "/app.txt"]',
    '',
  ].join('\n');

  it('builds with tags and build args, and the engine has the image under each tag', async () => {
    const context = makeContext({ Dockerfile: dockerfile, 'app.txt': `app-${builder}\n` });
    const tags = [`${TEST_PREFIX}/greeter:${builder}`, `${TEST_PREFIX}/greeter:${builder}-2`];
    const record = await buildAndWait(
      app,
      buildRequest(context, { builder, tags, buildArgs: { GREETING: 'hello' } }),
    );
    expect(record.status, record.log).toBe('succeeded');
    expect(record.builder).toBe(builder);
    // BuildKit's context goes through a BuildKit session, as the docker CLI sends it (issue #16).
    expect(record.contextTransfer).toBe(builder === 'buildkit' ? 'session' : 'tar');
    expect(record.log).not.toContain('Context sent as a tar');
    for (const tag of tags) expect(await imageIdOf(tag)).toBe(record.imageId);
    expect(await runImage(tags[0]!)).toBe(`hello\napp-${builder}\n`);
    const run = record.steps.find((step) => step.instruction.startsWith('RUN'));
    expect(run).toMatchObject({ line: 3, status: 'done' });
    expect(run!.endedAt! - run!.startedAt!).toBeGreaterThanOrEqual(0);
    const size = (
      await dockerCli(rig.dockerHost, ['image', 'inspect', '--format', '{{.Size}}', tags[0]!])
    ).trim();
    expect(record.imageSizeBytes).toBe(Number(size));
  });

  it('marks every step as a cache hit when nothing changed', async () => {
    const context = makeContext({ Dockerfile: dockerfile, 'app.txt': `cached-${builder}\n` });
    const first = await buildAndWait(app, buildRequest(context, { builder }));
    expect(first.status, first.log).toBe('succeeded');
    const second = await buildAndWait(app, buildRequest(context, { builder }));
    expect(second.status, second.log).toBe('succeeded');
    expect(second.imageId).toBe(first.imageId);
    const instructions = second.steps.filter(
      (step) => !step.internal && !step.instruction.startsWith('FROM'),
    );
    // BuildKit makes no vertex for ARG and CMD; the classic builder has a step for each.
    expect(instructions.length).toBeGreaterThanOrEqual(builder === 'buildkit' ? 2 : 4);
    for (const step of instructions) expect(step.status, step.instruction).toBe('cached');
    expect(second.cachedSteps).toBeGreaterThanOrEqual(instructions.length);
  });

  it('builds only up to the target stage', async () => {
    const context = makeContext({
      Dockerfile: [
        `FROM ${rig.baseImage} AS builder`,
        'RUN echo built-by-builder > /stage',
        `FROM ${rig.baseImage} AS final`,
        'RUN echo built-by-final > /stage',
        '',
      ].join('\n'),
    });
    const tag = `${TEST_PREFIX}/target:${builder}`;
    const record = await buildAndWait(
      app,
      buildRequest(context, { builder, target: 'builder', tags: [tag] }),
    );
    expect(record.status, record.log).toBe('succeeded');
    expect(await runImage(tag, 'cat', '/stage')).toBe('built-by-builder\n');
    expect(record.steps.some((step) => step.line === 4)).toBe(false);
  });

  it('fails a RUN on its step and Dockerfile line, and leaves no container behind', async () => {
    const before = await containerCount();
    const context = makeContext({
      Dockerfile: [
        `FROM ${rig.baseImage}`,
        'RUN echo before',
        'RUN echo about to fail && exit 3',
        'RUN echo never',
        '',
      ].join('\n'),
    });
    const record = await buildAndWait(
      app,
      buildRequest(context, { builder, tags: [`${TEST_PREFIX}/fails:${builder}`] }),
    );
    expect(record.status).toBe('failed');
    expect(record.error?.line).toBe(3);
    expect(record.error?.message).toMatch(/exit code: 3|non-zero code: 3/);
    const failed = record.steps.find((step) => step.status === 'error');
    expect(failed?.line).toBe(3);
    expect(record.log).toContain('about to fail');
    expect(await imageIdOf(`${TEST_PREFIX}/fails:${builder}`)).toBeNull();
    expect(await containerCount()).toBe(before);
  });

  it('shows the line of a Dockerfile syntax error', async () => {
    const context = makeContext({
      Dockerfile: [`FROM ${rig.baseImage}`, 'RUN echo ok', 'FLY away', ''].join('\n'),
    });
    const record = await buildAndWait(app, buildRequest(context, { builder }));
    expect(record.status).toBe('failed');
    expect(record.error?.line).toBe(3);
    expect(record.error?.message).toMatch(/unknown instruction: FLY/i);
  });

  it('explains a base image that is not on the engine and cannot be pulled', async (context) => {
    if (!rig.registry) context.skip('no test registry');
    const missing = `${rig.registry!.address}/${TEST_PREFIX}/missing:1`;
    const dir = makeContext({ Dockerfile: `FROM ${missing}\nRUN echo hi\n` });
    const record = await buildAndWait(app, buildRequest(dir, { builder }));
    expect(record.status).toBe('failed');
    expect(record.error?.message).toContain(missing.split(':')[0]!.split('/')[0]!);
    expect(record.error?.line).toBe(1);
  });

  it('cancels a long RUN within a second: no container left, nothing tagged, recorded as cancelled', async () => {
    const before = await containerCount();
    const tag = `${TEST_PREFIX}/cancelled:${builder}`;
    const dir = makeContext({ Dockerfile: `FROM ${rig.baseImage}\nRUN echo started && sleep 30\n` });
    const started = await app.value(
      'build:start',
      buildRequest(dir, { builder, tags: [tag], noCache: true }),
    );
    // Wait until the RUN is actually executing on the engine.
    const deadline = Date.now() + 20_000;
    while (
      !app.events.some((e) => e.event === 'build:event' && JSON.stringify(e.payload).includes('started'))
    ) {
      if (Date.now() > deadline) throw new Error('the RUN never started');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitForRunningStep(app, started.id);
    const cancelAt = Date.now();
    await app.value('build:cancel', { id: started.id });
    await app.services.builds.settled(started.id);
    expect(Date.now() - cancelAt).toBeLessThan(1500);
    const record = await app.value('history:get', { id: started.id });
    expect(record.status).toBe('cancelled');
    expect(await imageIdOf(tag)).toBeNull();
    // The engine removes the build container asynchronously after the abort.
    await expect.poll(containerCount, { timeout: 5000 }).toBe(before);
  });
});

async function waitForRunningStep(app: TestServices, id: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const running = app.events.some(
      (e) =>
        e.event === 'build:event' &&
        (e.payload as { id: string; event: { kind: string; step?: { status: string; instruction: string } } })
          .id === id &&
        (e.payload as { event: { kind: string; step?: { status: string; instruction: string } } }).event.step
          ?.status === 'running' &&
        (e.payload as { event: { step?: { instruction: string } } }).event.step?.instruction.startsWith(
          'RUN',
        ),
    );
    if (running) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      return;
    }
    if (Date.now() > deadline) throw new Error('the RUN step never started');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('BuildKit specifics', () => {
  it('runs independent stages of a multi-stage build in parallel and maps each to its lines', async () => {
    const app = startServices({ DOCKER_HOST: rig.dockerHost });
    try {
      await app.settled();
      const dir = makeContext({
        Dockerfile: [
          `FROM ${rig.baseImage} AS left`,
          'RUN sleep 1 && echo left > /left',
          `FROM ${rig.baseImage} AS right`,
          'RUN sleep 1 && echo right > /right',
          `FROM ${rig.baseImage}`,
          'COPY --from=left /left /left',
          'COPY --from=right /right /right',
          '',
        ].join('\n'),
      });
      const tag = `${TEST_PREFIX}/parallel:1`;
      const record = await buildAndWait(
        app,
        buildRequest(dir, { builder: 'buildkit', tags: [tag], noCache: true }),
      );
      expect(record.status, record.log).toBe('succeeded');
      const left = record.steps.find((step) => step.line === 2)!;
      const right = record.steps.find((step) => step.line === 4)!;
      expect(left.stage).toBe('left');
      expect(right.stage).toBe('right');
      // Parallel: each started before the other finished.
      expect(left.startedAt!).toBeLessThan(right.endedAt!);
      expect(right.startedAt!).toBeLessThan(left.endedAt!);
      expect(await runImage(tag, 'cat', '/left', '/right')).toBe('left\nright\n');
    } finally {
      app.dispose();
    }
  });
});

describe('build history', () => {
  it('survives a restart of the handler table, with steps and the full log', async () => {
    const first = startServices({ DOCKER_HOST: rig.dockerHost });
    const dataDir = first.dataDir;
    await first.settled();
    const dir = makeContext({ Dockerfile: `FROM ${rig.baseImage}\nRUN echo remember-me\n` });
    const record = await buildAndWait(first, buildRequest(dir, { noCache: true }));
    first.services.dispose();

    const second = startServices({ DOCKER_HOST: rig.dockerHost }, undefined, dataDir);
    try {
      const { builds } = await second.value('history:list', {});
      expect(builds.map((build) => build.id)).toContain(record.id);
      const again = await second.value('history:get', { id: record.id });
      expect(again.steps).toEqual(record.steps);
      expect(again.log).toContain('remember-me');
      expect(again.request).toEqual(record.request);
    } finally {
      second.dispose();
    }
  });

  it('skips a damaged record with a warning and keeps listing the rest', async () => {
    const app = startServices({ DOCKER_HOST: rig.dockerHost });
    try {
      await app.settled();
      const dir = makeContext({ Dockerfile: `FROM ${rig.baseImage}\nRUN echo fine\n` });
      const good = await buildAndWait(app, buildRequest(dir));
      writeFileSync(join(app.dataDir, 'builds', 'broken-1.json'), '{"id": "broken-1", "startedAt": ');
      writeFileSync(join(app.dataDir, 'builds', 'broken-2.json'), '{"hello": "world"}');
      const { builds, skipped } = await app.value('history:list', {});
      expect(builds.map((build) => build.id)).toContain(good.id);
      expect(skipped).toHaveLength(2);
      expect(skipped.join('\n')).toContain('broken-1.json');
      expect(await app.call('history:get', { id: 'broken-1' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    } finally {
      app.dispose();
    }
  });

  it('refuses a tag with uppercase letters at the field, before anything is sent', async () => {
    const app = startServices({ DOCKER_HOST: rig.dockerHost });
    try {
      const dir = mkdtempSync(join(tmpdir(), 'dw-ctx-'));
      const result = await app.call('build:start', buildRequest(dir, { tags: ['ok/app:1', 'My/App:1'] }));
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', field: 'tags.1', message: expect.stringMatching(/lowercase/) },
      });
      expect((await app.value('history:list', {})).builds).toHaveLength(0);
    } finally {
      app.dispose();
    }
  });
});
