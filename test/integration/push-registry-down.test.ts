import { afterAll, beforeAll, describe, expect, inject, it as vitestIt } from 'vitest';
import type { PullEvent } from '../../src/shared/pull/pull-progress';
import type { PushEvent } from '../../src/shared/push/push-model';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_PREFIX } from '../support/rig-info';
import { fetchManifest, startRegistry, type TestRegistry } from '../support/start-registry';
import { buildTestImage, rigDocker } from '../support/test-images';

const rig = inject('rig');
const STALL_MS = 3_000;

/** Each test needs a registry of its own to break; without docker-registry installed they say so. */
const it = (name: string, body: () => Promise<void>, timeout: number) =>
  vitestIt(
    name,
    async (context) => {
      if (!rig.registry) context.skip('no docker-registry on this machine (Debian package docker-registry)');
      await body();
    },
    timeout,
  );

describe('a push or pull whose registry goes away', () => {
  let app: TestServices;
  let imageId = '';
  const docker = rigDocker(rig.dockerHost);
  const registries: TestRegistry[] = [];

  const events = (id: string): PushEvent[] =>
    app.events
      .filter((e) => e.event === 'push:event' && (e.payload as { id: string }).id === id)
      .map((e) => (e.payload as { event: PushEvent }).event);

  /** A fresh logged-in registry and a push of an 80 MB layer to it, waited on until bytes flow. */
  async function startPushing(name: string): Promise<{ registry: TestRegistry; id: string }> {
    const registry = await startRegistry();
    registries.push(registry);
    await app.value('registry:login', {
      registry: registry.address,
      username: registry.username,
      password: registry.password,
    });
    const reference = `${registry.address}/${TEST_PREFIX}/${name}:1`;
    await app.value('images:tag', { source: imageId, target: reference });
    const { id } = await app.value('push:start', { reference });
    await expect
      .poll(() => events(id).some((e) => e.kind === 'layer' && e.layer.status === 'Pushing'), {
        timeout: 20_000,
        interval: 10,
      })
      .toBe(true);
    return { registry, id };
  }

  beforeAll(async () => {
    if (!rig.registry) return;
    app = startServices({ DOCKER_HOST: rig.dockerHost }, undefined, undefined, { stallMs: STALL_MS });
    await app.settled();
    imageId = await buildTestImage(docker, `${TEST_PREFIX}/to-push:big`, {
      Dockerfile: `FROM ${rig.baseImage}\nRUN head -c 80000000 /dev/urandom > /big\n`,
    });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(registries.map((registry) => registry.stop()));
    app?.dispose();
  });

  it('shows the engine retrying where it retries, then fails saying the registry could not be reached', async () => {
    const { registry, id } = await startPushing('killed');
    await registry.kill();
    const retrying = () =>
      events(id).find((e) => e.kind === 'layer' && e.layer.status === 'Retrying' && e.layer.detail !== null);
    if (rig.target === 'engine1') {
      await expect
        .poll(retrying, { timeout: 20_000, interval: 50 })
        .toMatchObject({ layer: { detail: expect.stringMatching(/^Retrying in \d+ seconds?$/) } });
    }
    // 20.10's own retries (5 attempts, 5+10+15+20 s apart) decide when it gives up; the
    // containerd store's pusher (26.1) does not retry: the first failed request ends the push.
    await app.services.pushes.settled(id);
    if (rig.target === 'engine2') expect(retrying()).toBeUndefined();
    const address = registry.address.replace(/\./g, '\\.');
    // 20.10 fails on a new connection after its retries; 26.1 on the request the kill cut short.
    const cause =
      rig.target === 'engine1'
        ? 'connection refused'
        : '(connection refused|EOF|connection reset|use of closed network connection|broken pipe)';
    expect(events(id).at(-1)).toEqual({
      kind: 'finished',
      status: 'failed',
      error: {
        reason: 'unreachable',
        registry: registry.address,
        message: expect.stringMatching(
          new RegExp(`^The registry could not be reached: .*${address}.*${cause}`),
        ),
      },
    });
    // An upload URL's state token is noise to the user.
    expect(JSON.stringify(events(id).at(-1))).not.toContain('_state=');
  }, 150_000);

  it('says the push stalled while the registry hangs, resumes when it answers, and cancelling ends it at once', async () => {
    const { registry, id } = await startPushing('frozen');
    const stalls = (): number => events(id).filter((e) => e.kind === 'stalled').length;
    registry.freeze();
    const frozenAt = Date.now();
    await expect.poll(stalls, { timeout: STALL_MS + 15_000, interval: 50 }).toBe(1);
    expect(Date.now() - frozenAt).toBeGreaterThanOrEqual(STALL_MS - 500);
    // Stalled means silence: nothing arrived after it was reported.
    expect(events(id).at(-1)).toEqual({ kind: 'stalled', silentMs: STALL_MS });

    registry.thaw();
    await expect
      .poll(() => events(id).findIndex((e) => e.kind === 'resumed'), { timeout: 15_000, interval: 50 })
      .toBeGreaterThan(0);
    const resumedAt = events(id).findIndex((e) => e.kind === 'resumed');
    await expect
      .poll(() => events(id).length, { timeout: 10_000, interval: 50 })
      .toBeGreaterThan(resumedAt + 1);
    expect(events(id)[resumedAt + 1]).toMatchObject({ kind: 'layer' });

    registry.freeze();
    await expect.poll(stalls, { timeout: STALL_MS + 15_000, interval: 50 }).toBe(2);
    const cancelledAt = Date.now();
    expect(app.services.pushes.cancel(id)).toBe(true);
    await app.services.pushes.settled(id);
    expect(Date.now() - cancelledAt).toBeLessThan(5_000);
    expect(events(id).at(-1)).toEqual({ kind: 'finished', status: 'cancelled', error: null });

    // Nothing half-recorded: once it answers again the registry has no such tag.
    registry.thaw();
    const manifest = await fetchManifest(registry, `${TEST_PREFIX}/frozen`, '1');
    expect(manifest.status).toBe(404);
  }, 90_000);

  it('says a pull stalled while the registry hangs, and cancelling ends it at once', async () => {
    const { registry, id: pushId } = await startPushing('pulled');
    await app.services.pushes.settled(pushId);
    expect(events(pushId).at(-1)).toMatchObject({ kind: 'finished', status: 'succeeded' });
    const reference = `${registry.address}/${TEST_PREFIX}/pulled:1`;
    await app.value('images:remove', { ref: reference, force: false });

    // Frozen before the pull: the engine does not even answer the request until the registry does.
    registry.freeze();
    const { id } = await app.value('pull:start', { reference });
    const pullEvents = (): PullEvent[] =>
      app.events
        .filter((e) => e.event === 'pull:event' && (e.payload as { id: string }).id === id)
        .map((e) => (e.payload as { event: PullEvent }).event);
    await expect
      .poll(() => pullEvents().find((e) => e.kind === 'stalled'), {
        timeout: STALL_MS + 15_000,
        interval: 50,
      })
      .toEqual({ kind: 'stalled', silentMs: STALL_MS });
    const cancelledAt = Date.now();
    expect(app.services.pulls.cancel(id)).toBe(true);
    await app.services.pulls.settled(id);
    expect(Date.now() - cancelledAt).toBeLessThan(5_000);
    expect(pullEvents().at(-1)).toMatchObject({ kind: 'finished', status: 'cancelled' });
    await expect(docker.getImage(reference).inspect()).rejects.toMatchObject({ statusCode: 404 });
  }, 90_000);
});
