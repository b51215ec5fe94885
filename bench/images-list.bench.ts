/**
 * Listing images: Dockwright's handler (dispatch → dockerode → engine) against `docker images`
 * on the same engine, alternating runs. Prints the median wall-time ratio; goal ≤ 1.0 (the CLI
 * pays a process start on every call, we keep a connection).
 */
import { performance } from 'node:perf_hooks';
import { expect, inject, it } from 'vitest';
import { dockerCli } from '../test/support/docker-cli';
import { startServices } from '../test/support/main-services';

const rig = inject('rig');
const ROUNDS = 30;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

it('images:list vs docker images', async () => {
  const app = startServices({ DOCKER_HOST: rig.dockerHost });
  await app.settled();
  const ours: number[] = [];
  const cli: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      let start = performance.now();
      const images = await app.value('images:list', {});
      ours.push(performance.now() - start);
      start = performance.now();
      const lines = (await dockerCli(rig.dockerHost, ['images', '--no-trunc', '-q'])).trim().split('\n');
      cli.push(performance.now() - start);
      expect(images.length).toBeGreaterThanOrEqual(new Set(lines).size);
    }
  } finally {
    app.dispose();
  }
  const ratio = median(ours) / median(cli);
  console.log(
    `images:list median ${median(ours).toFixed(1)} ms, docker images median ${median(cli).toFixed(1)} ms, ` +
      `ratio ${ratio.toFixed(2)} (goal ≤ 1.0) over ${ROUNDS} alternating rounds`,
  );
});
