/**
 * Push preflight of a 10-layer image against the rig's htpasswd registry, half of whose layers a
 * pushed image already put there (so both paths run: HEADs for the layers found, nothing for the
 * rest). Prints the median and slowest of ROUNDS preflights; goal < 2 s. A number printed, not a
 * timed assert.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { expect, inject, it } from 'vitest';
import { startServices } from '../test/support/main-services';
import { TEST_PREFIX } from '../test/support/rig-info';
import { buildTestImage, rigDocker } from '../test/support/test-images';

const rig = inject('rig');
const ROUNDS = 10;
const LAYERS = 10;

it('push:preflight of a 10-layer image against the local registry', async (context) => {
  if (!rig.registry) context.skip('no docker-registry on this machine');
  const registry = rig.registry!;
  const docker = rigDocker(rig.dockerHost);
  const repo = `${registry.address}/${TEST_PREFIX}/bench-preflight-${randomBytes(4).toString('hex')}`;
  const half = `${repo}:half`;
  const full = `${repo}:full`;
  const baseLayers = ((await docker.getImage(rig.baseImage).inspect()).RootFS.Layers ?? []).length;
  const runs = (count: number, from: number) =>
    Array.from({ length: count }, (_, i) => `RUN head -c 200000 /dev/urandom > /layer-${from + i}\n`).join(
      '',
    );
  const halfRuns = Math.floor((LAYERS - baseLayers) / 2);
  await buildTestImage(docker, half, { Dockerfile: `FROM ${rig.baseImage}\n${runs(halfRuns, 0)}` });
  await buildTestImage(docker, full, {
    Dockerfile: `FROM ${half}\n${runs(LAYERS - baseLayers - halfRuns, halfRuns)}`,
  });
  const app = startServices({ DOCKER_HOST: rig.dockerHost });
  try {
    await app.settled();
    await app.value('registry:login', {
      registry: registry.address,
      username: registry.username,
      password: registry.password,
    });
    const { id } = await app.value('push:start', { reference: half });
    await app.services.pushes.settled(id);

    const times: number[] = [];
    let last = null;
    for (let round = 0; round < ROUNDS; round++) {
      const start = performance.now();
      last = await app.value('push:preflight', { reference: full });
      times.push(performance.now() - start);
    }
    expect(last!.layers).toHaveLength(LAYERS);
    expect(last!.present.layers).toBe(baseLayers + halfRuns);
    const sorted = [...times].sort((a, b) => a - b);
    console.log(
      `push:preflight of ${LAYERS} layers (${last!.present.layers} present, ${last!.upload.layers} to upload): ` +
        `median ${sorted[Math.floor(ROUNDS / 2)]!.toFixed(0)} ms, slowest ${sorted.at(-1)!.toFixed(0)} ms ` +
        `over ${ROUNDS} rounds (goal < 2000 ms); load average ${loadavg()
          .map((value) => value.toFixed(2))
          .join(' ')} on ${rig.target}`,
    );
  } finally {
    app.dispose();
    for (const reference of [full, half])
      await docker
        .getImage(reference)
        .remove()
        .catch(() => undefined);
  }
});
