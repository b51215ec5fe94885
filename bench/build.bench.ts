/**
 * A whole build: Dockwright's build path (handler table → our context packing → engine, stream
 * parsed into steps) against `docker build` of the same Dockerfile and context on the same engine,
 * alternating runs, with the cache cold (--no-cache) and warm (every step cached).
 * Prints median wall times and the ratio ours/CLI (goal ≤ 1.03) per builder and cache state.
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { expect, inject, it } from 'vitest';
import type { BuilderKind } from '../src/shared/builds/build-model';
import { buildAndWait, buildRequest, makeContext } from '../test/support/build-fixtures';
import { startServices } from '../test/support/main-services';

const run = promisify(execFile);
const rig = inject('rig');
const ROUNDS = 5;

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function context(): string {
  const files: Record<string, string> = {
    Dockerfile: [
      `FROM ${rig.baseImage}`,
      'WORKDIR /app',
      'COPY src ./src',
      'RUN find src -type f | wc -l > count.txt',
      'RUN head -c 2000000 /dev/urandom > blob.bin && sha1sum blob.bin > blob.sha1',
      'CMD ["cat", "count.txt"]',
      '',
    ].join('\n'),
  };
  for (let i = 0; i < 500; i++) files[`src/pkg${i % 20}/file${i}.txt`] = `file ${i}\n`.repeat(20);
  return makeContext(files);
}

async function cliBuild(dir: string, builder: BuilderKind, noCache: boolean): Promise<void> {
  // Debian's 20.10 CLI has the classic builder and BuildKit built in; the v28 CLI needs buildx.
  await run(
    '/usr/bin/docker',
    ['build', '-q', '--label', 'dev.dockwright.test=1', ...(noCache ? ['--no-cache'] : []), dir],
    {
      env: {
        ...process.env,
        DOCKER_HOST: rig.dockerHost,
        DOCKER_BUILDKIT: builder === 'buildkit' ? '1' : '0',
      },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
}

it('build wall time: Dockwright vs docker build, cold and warm cache', async () => {
  const app = startServices({ DOCKER_HOST: rig.dockerHost });
  await app.settled();
  const dir = context();
  const lines: string[] = [];
  try {
    for (const builder of ['classic', 'buildkit'] as const) {
      for (const noCache of [true, false]) {
        const ours: number[] = [];
        const cli: number[] = [];
        // One of each first so the warm rounds really are warm for both.
        await buildAndWait(app, buildRequest(dir, { builder }));
        await cliBuild(dir, builder, false);
        for (let round = 0; round < ROUNDS; round++) {
          let start = performance.now();
          const record = await buildAndWait(app, buildRequest(dir, { builder, noCache }));
          ours.push(performance.now() - start);
          expect(record.status, record.log).toBe('succeeded');
          start = performance.now();
          await cliBuild(dir, builder, noCache);
          cli.push(performance.now() - start);
        }
        lines.push(
          `${builder.padEnd(8)} ${noCache ? 'cold' : 'warm'}: ours ${median(ours).toFixed(0)} ms, docker build ${median(cli).toFixed(0)} ms, ratio ${(median(ours) / median(cli)).toFixed(2)} (goal ≤ 1.03)`,
        );
      }
    }
  } finally {
    app.dispose();
  }
  console.log(lines.join('\n'));
});
