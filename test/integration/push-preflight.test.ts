import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it as vitestIt } from 'vitest';
import type { PushEvent } from '../../src/shared/push/push-model';
import type { PushPreflight } from '../../src/shared/push/push-preflight';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_PREFIX } from '../support/rig-info';
import { readSavedImageLayers } from '../support/read-saved-image';
import { fetchManifest } from '../support/start-registry';
import { buildTestImage, rigDocker } from '../support/test-images';

const rig = inject('rig');

/** Every test here needs the rig's registry; without docker-registry installed they say so. */
const it = (name: string, body: () => Promise<void> | void) =>
  vitestIt(name, async (context) => {
    if (!rig.registry) context.skip('no docker-registry on this machine (Debian package docker-registry)');
    await body();
  });

interface ManifestLayer {
  digest: string;
  size: number;
}

describe('push preflight against the rig registry', () => {
  const registry = rig.registry ?? { address: '', username: '', password: '' };
  const docker = rigDocker(rig.dockerHost);
  // The rig's registry is shared by every run: a repository of our own keeps other tags out.
  const repo = `${TEST_PREFIX}/preflight-${randomBytes(4).toString('hex')}`;
  const first = `${registry.address}/${repo}:first`;
  const second = `${registry.address}/${repo}:second`;
  const third = `${registry.address}/${repo}:third`;
  const official = `${TEST_PREFIX}-official-${randomBytes(3).toString('hex')}:1.0`;
  const created: string[] = [];
  let app: TestServices;

  async function pushAndWait(reference: string): Promise<PushEvent | undefined> {
    const { id } = await app.value('push:start', { reference });
    await app.services.pushes.settled(id);
    return app.events
      .filter((e) => e.event === 'push:event' && (e.payload as { id: string }).id === id)
      .map((e) => (e.payload as { event: PushEvent }).event)
      .at(-1);
  }

  /** The layers of `tag` as the registry holds them (a single-platform image manifest). */
  async function registryLayers(tag: string): Promise<ManifestLayer[]> {
    let response = await fetchManifest(registry, repo, tag);
    let manifest = (await response.json()) as { manifests?: { digest: string }[]; layers?: ManifestLayer[] };
    if (manifest.manifests) {
      // The containerd store pushes an index; the image manifest is its first entry.
      response = await fetchManifest(registry, repo, manifest.manifests[0]!.digest);
      manifest = (await response.json()) as { layers?: ManifestLayer[] };
    }
    return (manifest.layers ?? []).map(({ digest, size }) => ({ digest, size }));
  }

  const diffIdsOf = async (reference: string) =>
    (await docker.getImage(reference).inspect()).RootFS.Layers ?? [];

  beforeAll(async () => {
    if (!rig.registry) return;
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
    // Random bytes do not compress: the uncompressed estimate must then be close to what is sent.
    await buildTestImage(docker, first, {
      Dockerfile: `FROM ${rig.baseImage}\nRUN head -c 2000000 /dev/urandom > /shared\n`,
    });
    created.push(first);
    await buildTestImage(docker, second, {
      Dockerfile: `FROM ${first}\nRUN head -c 1500000 /dev/urandom > /new-1\nRUN head -c 700000 /dev/urandom > /new-2\n`,
    });
    created.push(second);
    await buildTestImage(docker, third, {
      Dockerfile: `FROM ${rig.baseImage}\nRUN head -c 1000000 /dev/urandom > /elsewhere\n`,
    });
    created.push(third);
    await docker.getImage(first).tag({ repo: official.split(':')[0]!, tag: '1.0' });
    created.push(official);
  });

  afterAll(async () => {
    for (const reference of created.reverse())
      await docker
        .getImage(reference)
        .remove({ noprune: false })
        .catch(() => undefined);
    app?.dispose();
  });

  it('names the exact destination and says when no login is stored', async () => {
    const preflight = await app.value('push:preflight', { reference: second });
    expect(preflight).toMatchObject({
      destination: `${registry.address}/${repo}:second`,
      registry: registry.address,
      repository: repo,
      tag: 'second',
      login: null,
      check: { status: 'login-needed' },
    });
    expect(preflight.check.message).toMatch(/lists its layers only after a login/);
    expect(preflight.layers.map((layer) => layer.state)).toEqual(
      (await diffIdsOf(second)).map(() => 'unknown'),
    );
  });

  it('after logging in, every layer of a repository that does not exist yet is to be uploaded', async () => {
    await app.value('registry:login', {
      registry: registry.address,
      username: registry.username,
      password: registry.password,
    });
    const preflight = await app.value('push:preflight', { reference: first });
    expect(preflight.login).toMatchObject({ username: registry.username });
    expect(preflight.check.status).toBe('checked');
    expect(preflight.comparedTags).toEqual([]);
    expect(preflight.layers.every((layer) => layer.state === 'upload')).toBe(true);
    expect(preflight.upload).toMatchObject({ layers: (await diffIdsOf(first)).length, exact: false });
    expect(preflight.warnings).toEqual([]);
  });

  it('after pushing one image, finds exactly the shared layers in the registry and only the new ones to upload', async () => {
    expect(await pushAndWait(first)).toMatchObject({ kind: 'finished', status: 'succeeded' });
    const firstLayers = await registryLayers('first');
    const sharedDiffIds = await diffIdsOf(first);
    const secondDiffIds = await diffIdsOf(second);

    const preflight: PushPreflight = await app.value('push:preflight', { reference: second });
    expect(preflight.comparedTags).toEqual(['first']);
    expect(preflight.layers.map((layer) => layer.diffId)).toEqual(secondDiffIds);
    const present = preflight.layers.filter((layer) => layer.state === 'present');
    expect(present.map((layer) => layer.diffId)).toEqual(sharedDiffIds);
    // The blobs it names are exactly the ones the registry lists for the pushed tag, sizes included.
    expect(present.map((layer) => layer.blob)).toEqual(
      firstLayers.map(({ digest, size }) => ({ digest, bytes: size })),
    );
    expect(preflight.present.bytes).toBe(firstLayers.reduce((sum, layer) => sum + layer.size, 0));
    const toUpload = preflight.layers.filter((layer) => layer.state === 'upload');
    expect(toUpload.map((layer) => layer.diffId)).toEqual(secondDiffIds.slice(sharedDiffIds.length));
    expect(preflight.upload).toMatchObject({ layers: 2, exact: false });

    // Ground truth: push it, then compare with what the registry holds and did not hold before.
    expect(await pushAndWait(second)).toMatchObject({ kind: 'finished', status: 'succeeded' });
    const secondLayers = await registryLayers('second');
    const known = new Set(firstLayers.map((layer) => layer.digest));
    const uploaded = secondLayers.filter((layer) => !known.has(layer.digest));
    expect(uploaded).toHaveLength(2);
    const sent = uploaded.reduce((sum, layer) => sum + layer.size, 0);
    // Random content: gzip adds a little and tar headers a little; the estimate is within 1 %.
    expect(Math.abs(preflight.upload.bytes - sent) / sent).toBeLessThan(0.01);

    const again = await app.value('push:preflight', { reference: second });
    expect(again.upload).toEqual({ layers: 0, bytes: 0, exact: true });
    expect(again.present.bytes).toBe(secondLayers.reduce((sum, layer) => sum + layer.size, 0));
    expect(again.warnings.map((warning) => warning.code)).toEqual(['tag-exists']);
  });

  it('warns about an unversioned latest tag', async () => {
    const latest = `${registry.address}/${repo}:latest`;
    await docker.getImage(first).tag({ repo: `${registry.address}/${repo}`, tag: 'latest' });
    created.push(latest);
    const preflight = await app.value('push:preflight', { reference: `${registry.address}/${repo}` });
    expect(preflight.destination).toBe(latest);
    expect(preflight.warnings.map((warning) => warning.code)).toEqual(['latest-tag']);
    // `first` was pushed, so all its layers are there even though `latest` is a new tag.
    expect(preflight.upload.layers).toBe(0);
  });

  it('warns about an official Docker Hub name without contacting Docker Hub', async () => {
    const name = official.split(':')[0]!;
    const preflight = await app.value('push:preflight', { reference: official });
    expect(preflight).toMatchObject({
      destination: `docker.io/library/${name}:1.0`,
      registry: 'Docker Hub',
      check: { status: 'skipped' },
    });
    expect(preflight.warnings.map((warning) => warning.code)).toEqual(['official-image']);
  });

  /** Puts `blob` into the repository through the registry API, as another client would; returns its digest. */
  async function uploadBlob(blob: Buffer): Promise<string> {
    const auth = `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`;
    const digest = `sha256:${createHash('sha256').update(blob).digest('hex')}`;
    const started = await fetch(`http://${registry.address}/v2/${repo}/blobs/uploads/`, {
      method: 'POST',
      headers: { Authorization: auth },
    });
    const location = new URL(started.headers.get('location')!, `http://${registry.address}`);
    location.searchParams.set('digest', digest);
    const put = await fetch(location, { method: 'PUT', headers: { Authorization: auth }, body: blob });
    expect(put.status).toBe(201);
    return digest;
  }

  it('counts a layer the registry got from another client as sent again, as the engine then does', async () => {
    // The same layer content, gzip-compressed by Node rather than the engine, under another tag.
    const saved = await readSavedImageLayers(await docker.getImage(third).get());
    const diffIds = await diffIdsOf(third);
    const own = saved.at(-1)!;
    const compressed = gzipSync(own, { level: 9 });
    const layerDigest = await uploadBlob(compressed);
    const config = Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: [diffIds.at(-1)] },
      }),
    );
    const configDigest = await uploadBlob(config);
    const put = await fetch(`http://${registry.address}/v2/${repo}/manifests/elsewhere`, {
      method: 'PUT',
      headers: {
        Authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`,
        'Content-Type': 'application/vnd.oci.image.manifest.v1+json',
      },
      body: JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: configDigest,
          size: config.length,
        },
        layers: [
          {
            mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
            digest: layerDigest,
            size: compressed.length,
          },
        ],
      }),
    });
    expect(put.status).toBe(201);

    const preflight = await app.value('push:preflight', { reference: third });
    const last = preflight.layers.at(-1)!;
    expect(last).toMatchObject({
      diffId: diffIds.at(-1),
      state: 'resend',
      blob: { digest: layerDigest, bytes: compressed.length },
    });
    expect(preflight.upload.layers).toBe(1);

    // Ground truth: the engine sends it again, and the tag it pushes names its own compression.
    const { id } = await app.value('push:start', { reference: third });
    await app.services.pushes.settled(id);
    const statuses = app.events
      .filter((e) => e.event === 'push:event' && (e.payload as { id: string }).id === id)
      .map((e) => (e.payload as { event: PushEvent }).event)
      .filter((event) => event.kind === 'layer')
      .map((event) => event.layer.status);
    expect(statuses).toContain('Pushed');
    expect((await registryLayers('third')).at(-1)!.digest).not.toBe(layerDigest);
  });

  it('says when the image is not there', async () => {
    const result = await app.call('push:preflight', { reference: `${registry.address}/${repo}:nope` });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
