import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it as vitestIt } from 'vitest';
import type { PushEvent } from '../../src/shared/push/push-model';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { startServices, type TestServices } from '../support/main-services';
import { rigCli } from '../support/docker-cli';
import { TEST_LABEL, TEST_PREFIX } from '../support/rig-info';
import { filesContainingSecret, findSecret } from '../support/secret-scan';
import { fetchManifest } from '../support/start-registry';
import { buildTestImage, rigDocker } from '../support/test-images';

const rig = inject('rig');
const run = promisify(execFile);

function pushEvents(app: TestServices, id: string): PushEvent[] {
  return app.events
    .filter((e) => e.event === 'push:event' && (e.payload as { id: string }).id === id)
    .map((e) => (e.payload as { event: PushEvent }).event);
}

async function pushAndWait(app: TestServices, reference: string): Promise<PushEvent[]> {
  const { id } = await app.value('push:start', { reference });
  await app.services.pushes.settled(id);
  return pushEvents(app, id);
}

async function registryManifestDigest(repo: string, tag: string): Promise<string | null> {
  const response = await fetchManifest(rig.registry!, repo, tag);
  return response.ok ? response.headers.get('docker-content-digest') : null;
}

/** Every test here needs the rig's registry; without docker-registry installed they say so. */
const it = (name: string, body: () => Promise<void> | void) =>
  vitestIt(name, async (context) => {
    if (!rig.registry) context.skip('no docker-registry on this machine (Debian package docker-registry)');
    await body();
  });

describe('tag, log in and push against the rig registry', () => {
  const registry = rig.registry ?? { address: '', username: '', password: '' };
  let app: TestServices;
  const docker = rigDocker(rig.dockerHost);
  const repo = `${TEST_PREFIX}/pushed`;
  const reference = `${registry.address}/${repo}:1.0`;
  const responses: unknown[] = [];

  beforeAll(async () => {
    if (!rig.registry) return;
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
    const id = await buildTestImage(docker, `${TEST_PREFIX}/to-push:1`, {
      Dockerfile: `FROM ${rig.baseImage}\nRUN head -c 3000000 /dev/urandom > /payload\n`,
    });
    responses.push(await app.value('images:tag', { source: id, target: reference }));
  });
  afterAll(() => app?.dispose());

  it('refuses an official Docker Hub name before contacting anyone', async () => {
    const result = await app.call('push:start', { reference: 'ubuntu:22.04' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reference' } });
  });

  it('says to log in when pushing without credentials', async () => {
    const events = await pushAndWait(app, reference);
    responses.push(events);
    expect(events.at(-1)).toMatchObject({
      kind: 'finished',
      status: 'failed',
      error: { reason: 'unauthorized', registry: registry.address },
    });
  });

  it('refuses a wrong password in plain words and stores nothing', async () => {
    const result = await app.call('registry:login', {
      registry: registry.address,
      username: registry.username,
      password: 'not-the-password',
    });
    responses.push(result);
    expect(result).toMatchObject({ ok: false, error: { field: 'password' } });
    expect((await app.value('registry:list', {})).logins).toEqual([]);
  });

  it('logs in after the engine verified it, in encrypted storage the CLI does not see', async () => {
    const place = await app.value('registry:place', { registry: registry.address });
    expect(place).toMatchObject({ source: 'dockwright-encrypted', cliSees: false });
    const login = await app.value('registry:login', {
      registry: registry.address,
      username: registry.username,
      password: registry.password,
    });
    responses.push(login);
    expect(login).toMatchObject({ username: registry.username, source: 'dockwright-encrypted' });
    const list = await app.value('registry:list', {});
    responses.push(list);
    expect(list.logins).toMatchObject([{ registry: registry.address, username: registry.username }]);
  });

  it('pushes with per-layer progress and the registry holds the same digest', async () => {
    const events = await pushAndWait(app, reference);
    responses.push(events);
    expect(events.at(-1)).toMatchObject({ kind: 'finished', status: 'succeeded', error: null });
    const layers = new Map<string, string[]>();
    for (const event of events) {
      if (event.kind === 'layer')
        layers.set(event.layer.id, [...(layers.get(event.layer.id) ?? []), event.layer.status]);
      if (event.kind === 'layer' && event.layer.total !== null)
        expect(event.layer.current).toBeLessThanOrEqual(event.layer.total);
    }
    const rootfs = (await docker.getImage(reference).inspect()).RootFS.Layers ?? [];
    expect(layers.size).toBe(rootfs.length);
    for (const statuses of layers.values()) {
      // 20.10 announces each layer with Preparing; the containerd store (26.1) polls its pushes every
      // 100 ms and first says whatever it finds (Waiting, Pushing, or already Pushed), never Preparing.
      if (rig.target === 'engine1') expect(statuses[0]).toBe('Preparing');
      else expect(statuses).not.toContain('Preparing');
      expect(['Pushed', 'Layer already exists', 'Mounted']).toContain(statuses.at(-1));
    }
    const done = events.find((event) => event.kind === 'tag-done');
    expect(done).toMatchObject({ kind: 'tag-done', tag: '1.0' });
    expect(await registryManifestDigest(repo, '1.0')).toBe(
      done?.kind === 'tag-done' ? done.digest : 'missing',
    );
  });

  /** Pushes `reference` with the app; the tag's digest and size as the app reported them and the registry serves them. */
  async function pushAndAskRegistry(reference: string, tag: string) {
    const events = await pushAndWait(app, reference);
    responses.push(events);
    expect(events.at(-1)).toMatchObject({ kind: 'finished', status: 'succeeded', error: null });
    const served = await fetchManifest(registry, repo, tag);
    expect(served.status).toBe(200);
    return {
      reported: events.find((event) => event.kind === 'tag-done'),
      served: {
        kind: 'tag-done',
        tag,
        digest: served.headers.get('docker-content-digest'),
        size: Number(served.headers.get('content-length')),
      },
      type: served.headers.get('content-type'),
    };
  }

  it('pushes an image built by Dockwright with BuildKit, and reports the digest the registry serves', async () => {
    const dir = makeContext({ Dockerfile: `FROM ${rig.baseImage}\nRUN echo app > /app\n` });
    const built = `${registry.address}/${repo}:bk`;
    try {
      const build = await buildAndWait(app, buildRequest(dir, { builder: 'buildkit', tags: [built] }));
      expect(build.status).toBe('succeeded');
      const { reported, served, type } = await pushAndAskRegistry(built, 'bk');
      expect(reported).toEqual(served);
      // Dockwright's BuildKit session asks for no attestations: one manifest on both engines.
      expect(type).toBe('application/vnd.docker.distribution.manifest.v2+json');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await docker
        .getImage(built)
        .remove()
        .catch(() => undefined);
    }
  });

  it('pushes an image the docker CLI built, an image index on the containerd store, and reports the index digest', async () => {
    const dir = makeContext({ Dockerfile: `FROM ${rig.baseImage}\nRUN echo cli > /cli\n` });
    const built = `${registry.address}/${repo}:cli`;
    const cli = rigCli(rig);
    try {
      await run(cli.binary, ['build', '-q', '--label', `${TEST_LABEL}=1`, '-t', built, dir], {
        env: cli.env,
      });
      const { reported, served, type } = await pushAndAskRegistry(built, 'cli');
      expect(reported).toEqual(served);
      // Each CLI builds with its default builder: 26.1's is buildx, which adds a provenance
      // attestation where the image store can keep one (the containerd store), so the image is an
      // index and is pushed whole. 20.10 builds classic and stores one manifest per image.
      expect(type).toBe(
        rig.target === 'engine1'
          ? 'application/vnd.docker.distribution.manifest.v2+json'
          : 'application/vnd.oci.image.index.v1+json',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await docker
        .getImage(built)
        .remove()
        .catch(() => undefined);
    }
  });

  it('cancels a push in progress', async () => {
    const big = `${registry.address}/${repo}:big`;
    const id = await buildTestImage(docker, `${TEST_PREFIX}/to-push:big`, {
      Dockerfile: `FROM ${rig.baseImage}\nRUN head -c 80000000 /dev/urandom > /big\n`,
    });
    await app.value('images:tag', { source: id, target: big });
    const { id: pushId } = await app.value('push:start', { reference: big });
    await expect
      .poll(() => pushEvents(app, pushId).some((e) => e.kind === 'layer' && e.layer.status === 'Pushing'), {
        timeout: 20_000,
        interval: 20,
      })
      .toBe(true);
    await app.value('push:cancel', { id: pushId });
    await app.services.pushes.settled(pushId);
    expect(pushEvents(app, pushId).at(-1)).toMatchObject({ kind: 'finished', status: 'cancelled' });
    expect(await registryManifestDigest(repo, 'big')).toBeNull();
  });

  it('logs out through the same store, and pushing asks for a login again', async () => {
    const result = await app.value('registry:logout', { registry: registry.address });
    expect(result.erasedFrom).toContain('dockwright-encrypted');
    expect((await app.value('registry:list', {})).logins).toEqual([]);
    const events = await pushAndWait(app, reference);
    expect(events.at(-1)).toMatchObject({ status: 'failed', error: { reason: 'unauthorized' } });
  });

  it('never lets the password reach a file, an event or a response', () => {
    expect(filesContainingSecret(app.dataDir, registry.password)).toEqual([]);
    expect(findSecret(JSON.stringify(app.events), registry.password)).toBeNull();
    expect(findSecret(JSON.stringify(responses), registry.password)).toBeNull();
  });
});
