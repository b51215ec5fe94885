import { afterAll, beforeAll, describe, expect, inject, it as vitestIt } from 'vitest';
import type { PullEvent } from '../../src/shared/pull/pull-progress';
import { dockerCli } from '../support/docker-cli';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_PREFIX } from '../support/rig-info';
import { uploadImage } from '../support/registry-upload';

const rig = inject('rig');

/** Every test here needs the rig's registry; without docker-registry installed they say so. */
const it = (name: string, body: () => Promise<void>) =>
  vitestIt(name, async (context) => {
    if (!rig.registry) context.skip('no docker-registry on this machine (Debian package docker-registry)');
    await body();
  });

function pullEvents(app: TestServices, id: string): PullEvent[] {
  return app.events
    .filter((e) => e.event === 'pull:event' && (e.payload as { id: string }).id === id)
    .map((e) => (e.payload as { event: PullEvent }).event);
}

async function pullAndWait(app: TestServices, reference: string): Promise<PullEvent[]> {
  const { id } = await app.value('pull:start', { reference });
  await app.services.pulls.settled(id);
  return pullEvents(app, id);
}

describe('pull with progress from the rig registry', () => {
  let app: TestServices;
  const registry = rig.registry ?? { address: '', username: '', password: '' };
  const reference = `${registry.address}/${TEST_PREFIX}/pulled:1`;

  beforeAll(async () => {
    if (!rig.registry) return;
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
    await app.value('registry:login', {
      registry: registry.address,
      username: registry.username,
      password: registry.password,
    });
    // An image this engine never had, put into the registry through its API: a pushed-then-removed
    // image's blobs can stay on the containerd store until its garbage collector runs, and the pull
    // would then have nothing to download.
    await uploadImage(registry, `${TEST_PREFIX}/pulled`, '1');
  });
  afterAll(() => app?.dispose());

  it('downloads and extracts each layer with progress, and the engine has the image after', async () => {
    const events = await pullAndWait(app, reference);
    expect(events.at(-1)).toMatchObject({ kind: 'finished', status: 'succeeded' });
    const phases = new Map<string, string[]>();
    for (const event of events) {
      if (event.kind !== 'layer') continue;
      phases.set(event.layer.id, [...(phases.get(event.layer.id) ?? []), event.layer.phase]);
      if (event.layer.total !== null) expect(event.layer.current).toBeLessThanOrEqual(event.layer.total);
    }
    expect(phases.size).toBeGreaterThanOrEqual(1);
    expect([...phases.values()].every((list) => list.at(-1) === 'done')).toBe(true);
    // 20.10 reports each layer's extraction; the containerd store (26.1) unpacks without a word, so
    // there a downloaded layer is done once the engine says the image is complete.
    const seen = rig.target === 'engine1' ? ['downloading', 'extracting'] : ['downloading'];
    expect([...phases.values()].some((list) => seen.every((phase) => list.includes(phase)))).toBe(true);
    const id = (
      await dockerCli(rig.dockerHost, ['image', 'inspect', '--format', '{{.Id}}', reference])
    ).trim();
    expect(id).toMatch(/^sha256:/);
  });

  it('says plainly when the image is not on the registry', async () => {
    const events = await pullAndWait(app, `${registry.address}/${TEST_PREFIX}/never-pushed:1`);
    expect(events.at(-1)).toMatchObject({
      kind: 'finished',
      status: 'failed',
      message: expect.stringContaining('not on'),
    });
  });

  it('asks for a login when the registry wants one', async () => {
    await app.value('registry:logout', { registry: registry.address });
    const events = await pullAndWait(app, reference);
    expect(events.at(-1)).toMatchObject({
      kind: 'finished',
      status: 'failed',
      message: expect.stringMatching(/Log in to/),
    });
  });
});
