import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ContainerEvent } from '../../src/shared/containers';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { dockerCli } from '../support/docker-cli';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_PREFIX } from '../support/rig-info';
import { rigDocker } from '../support/test-images';

const rig = inject('rig');

async function runToEnd(
  app: TestServices,
  input: Parameters<TestServices['value']>[1] & object,
): Promise<string> {
  const { id } = await app.value('run:start', input as never);
  const events = () =>
    app.events
      .filter((e) => e.event === 'containers:event' && (e.payload as { id: string }).id === id)
      .map((e) => (e.payload as { event: ContainerEvent }).event);
  await expect
    .poll(() => events().some((event) => event.kind === 'state' && event.state === 'exited'), {
      timeout: 20_000,
    })
    .toBe(true);
  return events()
    .flatMap((event) => (event.kind === 'output' ? [event.text] : []))
    .join('');
}

describe('mounts in the Run form, disk usage and build cache', () => {
  let app: TestServices;
  const volume = `${TEST_PREFIX.replace('/', '-')}-volume`;
  beforeAll(async () => {
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
  });
  afterAll(async () => {
    app.dispose();
    await rigDocker(rig.dockerHost)
      .getVolume(volume)
      .remove()
      .catch(() => undefined);
  });

  it('mounts a host folder read-only and a named volume that outlives the container', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'dw-bind-'));
    writeFileSync(join(folder, 'hello.txt'), 'from the host\n');
    const first = await runToEnd(app, {
      image: rig.baseImage,
      command: [
        'sh',
        '-c',
        'cat /host/hello.txt; echo kept > /vol/kept.txt; touch /host/nope 2>&1 || echo read-only',
      ],
      mounts: [
        { type: 'bind', source: folder, target: '/host', readOnly: true },
        { type: 'volume', source: volume, target: '/vol', readOnly: false },
      ],
    });
    expect(first).toContain('from the host');
    expect(first).toContain('read-only');
    expect(() => readFileSync(join(folder, 'nope'))).toThrow();
    const second = await runToEnd(app, {
      image: rig.baseImage,
      command: ['cat', '/vol/kept.txt'],
      mounts: [{ type: 'volume', source: volume, target: '/vol', readOnly: true }],
    });
    expect(second).toBe('kept\n');
  });

  it('refuses a relative host folder at its field', async () => {
    const result = await app.call('run:start', {
      image: rig.baseImage,
      mounts: [{ type: 'bind', source: 'data', target: '/data', readOnly: false }],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'mounts.0.source' } });
  });

  it('reports disk usage as the engine counts it, and prunes the build cache', async (context) => {
    if (rig.mode !== 'private')
      context.skip(`pruning the build cache touches every build's cache: ${rig.limitation}`);
    const dir = makeContext({
      Dockerfile: `FROM ${rig.baseImage}\nRUN head -c 500000 /dev/urandom > /cache-me\n`,
    });
    expect((await buildAndWait(app, buildRequest(dir, { builder: 'buildkit', noCache: true }))).status).toBe(
      'succeeded',
    );
    const usage = await app.value('system:disk-usage', {});
    // Ground truth: the docker CLI's own `system df` on the same engine.
    const cli = async () =>
      Object.fromEntries(
        (await dockerCli(rig.dockerHost, ['system', 'df', '--format', '{{.Type}}|{{.TotalCount}}']))
          .trim()
          .split('\n')
          .map((line) => line.split('|') as [string, string]),
      );
    const before = await cli();
    expect(usage.images.count).toBe(Number(before['Images']));
    expect(usage.buildCache.count).toBe(Number(before['Build Cache']));
    expect(usage.buildCache.count).toBeGreaterThan(0);
    await app.value('system:prune-build-cache', {});
    const after = await app.value('system:disk-usage', {});
    expect(after.buildCache.reclaimableBytes).toBe(0);
    expect(after.buildCache.count).toBe(Number((await cli())['Build Cache']));
    expect(after.buildCache.count).toBeLessThan(usage.buildCache.count);
  });
});
