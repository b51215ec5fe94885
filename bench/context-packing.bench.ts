/**
 * Context packing on a 50k-file tree (40k small files sent, 4 big ones, a 10k-file node_modules
 * excluded by .dockerignore):
 *   - packing alone: planContext + packContext drained to a null sink;
 *   - a whole upload: a build whose only step is `FROM <base>`, so the time is the walk, the tar
 *     and the engine receiving it — ours through dockerode against `docker build` (classic
 *     builder, DOCKER_BUILDKIT=0) on the rig engine, alternating runs;
 *   - the same two clients against a sink engine (a separate process answering /_ping and
 *     draining POST /build), which takes the engine's own unpacking — most of the real upload's
 *     time, and noisy on a shared machine — out of the comparison.
 * Prints medians, MB/s of file content and the ratios ours/CLI (goal ≤ 1.0).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { afterAll, expect, inject, it } from 'vitest';
import { packContext, planContext } from '../src/main/context/pack-context';
import { rigDocker } from '../test/support/test-images';

const run = promisify(execFile);
const rig = inject('rig');
const ROUNDS = 5;
const SMALL_FILES = 40_000;
const EXCLUDED_FILES = 10_000;
const BIG_FILES = 4;
const BIG_BYTES = 8 * 1024 * 1024;

const root = mkdtempSync(join(tmpdir(), 'dw-bench-context-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

function generateTree(): void {
  writeFileSync(join(root, 'Dockerfile'), `FROM ${rig.baseImage}\n`);
  writeFileSync(join(root, '.dockerignore'), 'node_modules\n**/*.tmp\n');
  const filler = Buffer.alloc(4096, 'x');
  for (let i = 0; i < SMALL_FILES; i++) {
    const folder = join(root, 'src', `pkg${i % 50}`, `mod${i % 400}`);
    if (i < 400) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `file${i}.js`), filler.subarray(0, 64 + ((i * 37) % 2000)));
  }
  for (let i = 0; i < EXCLUDED_FILES; i++) {
    const folder = join(root, 'node_modules', `dep${i % 200}`, 'lib');
    if (i < 200) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `index${i}.js`), filler.subarray(0, 500));
  }
  mkdirSync(join(root, 'assets'));
  const big = Buffer.alloc(BIG_BYTES);
  for (let i = 0; i < big.length; i += 4096) big[i] = i % 251;
  for (let i = 0; i < BIG_FILES; i++) writeFileSync(join(root, 'assets', `blob${i}.bin`), big);
}

async function packOnly(): Promise<{ ms: number; bytes: number; files: number }> {
  const start = performance.now();
  const plan = await planContext(root, null);
  await pipeline(
    packContext(plan),
    new Writable({
      write: (_chunk, _encoding, done) => done(),
    }),
  );
  return { ms: performance.now() - start, bytes: plan.totalBytes, files: plan.fileCount };
}

async function buildOurs(docker: Docker): Promise<number> {
  const start = performance.now();
  const plan = await planContext(root, null);
  const stream = await docker.buildImage(packContext(plan), {
    dockerfile: plan.dockerfileName,
    version: '1',
    nocache: true,
    forcerm: true,
  } as Docker.ImageBuildOptions);
  const messages = await new Promise<Array<{ error?: string }>>((resolve, reject) =>
    docker.modem.followProgress(stream, (error, output) => (error ? reject(error) : resolve(output))),
  );
  const failure = messages.find((message) => message.error);
  if (failure) throw new Error(failure.error);
  return performance.now() - start;
}

async function buildCli(dockerHost: string): Promise<number> {
  const start = performance.now();
  await run('docker', ['build', '--no-cache', '-q', '-f', 'Dockerfile', '.'], {
    cwd: root,
    env: { ...process.env, DOCKER_HOST: dockerHost, DOCKER_BUILDKIT: '0', DOCKER_CLI_HINTS: 'false' },
  });
  return performance.now() - start;
}

/** Just enough of the Engine API for both clients to send a build context; the body is discarded. */
const SINK_ENGINE = `
import http from 'node:http';
http.createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.setHeader('Api-Version', '1.41');
    response.setHeader('Ostype', 'linux');
    if (!request.url.includes('/build')) return response.end('OK');
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify({ aux: { ID: 'sha256:' + 'a'.repeat(64) } }) + '\\n' +
      JSON.stringify({ stream: 'Successfully built aaaaaaaaaaaa\\n' }) + '\\n');
  });
}).listen(process.argv[2], () => console.log('ready'));
`;

/** Starts the sink engine in its own process, so it never competes with our packing for a thread. */
async function startSinkEngine(): Promise<{ dockerHost: string; stop: () => void }> {
  const script = `${root}-sink.mjs`;
  writeFileSync(script, SINK_ENGINE);
  const socket = `${root}-sink.sock`;
  const child = spawn(process.execPath, [script, socket], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((ready) => child.stdout.once('data', ready));
  return {
    dockerHost: `unix://${socket}`,
    stop: () => {
      child.kill();
      rmSync(script, { force: true });
      rmSync(socket, { force: true });
    },
  };
}

it('packs a 50k-file context at least as fast as docker build', async () => {
  const start = performance.now();
  generateTree();
  console.log(
    `generated ${SMALL_FILES + EXCLUDED_FILES + BIG_FILES} files in ${(performance.now() - start).toFixed(0)} ms`,
  );

  const docker = rigDocker(rig.dockerHost);
  const sink = await startSinkEngine();
  const sinkDocker = new Docker({ socketPath: new URL(sink.dockerHost).pathname });
  try {
    // Warm-up: page cache, engine, CLI binary.
    const probe = await packOnly();
    await buildOurs(docker);
    await buildCli(rig.dockerHost);

    const packing: number[] = [];
    const ours: number[] = [];
    const cli: number[] = [];
    const oursSink: number[] = [];
    const cliSink: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      packing.push((await packOnly()).ms);
      // Alternate who goes first so neither always gets the warmer cache.
      if (round % 2 === 0) {
        ours.push(await buildOurs(docker));
        cli.push(await buildCli(rig.dockerHost));
        oursSink.push(await buildOurs(sinkDocker));
        cliSink.push(await buildCli(sink.dockerHost));
      } else {
        cli.push(await buildCli(rig.dockerHost));
        ours.push(await buildOurs(docker));
        cliSink.push(await buildCli(sink.dockerHost));
        oursSink.push(await buildOurs(sinkDocker));
      }
    }
    const mb = probe.bytes / 1e6;
    const line = (label: string, values: number[]): string =>
      `${label}: median ${median(values).toFixed(0)} ms, ${(mb / (median(values) / 1000)).toFixed(1)} MB/s`;
    const ratio = (a: number[], b: number[]): string => {
      const value = median(a) / median(b);
      return `${value.toFixed(2)} (goal ≤ 1.0; throughput ratio ${(1 / value).toFixed(2)})`;
    };
    console.log(
      [
        `context: ${probe.files} files sent, ${mb.toFixed(1)} MB of content, ${EXCLUDED_FILES} files excluded`,
        line('packing only (plan + tar to a null sink)', packing),
        line('upload build on the rig engine, ours (dockerode)', ours),
        line('upload build on the rig engine, docker build (classic)', cli),
        `  ratio ours/CLI ${ratio(ours, cli)}`,
        line('sink engine, ours (dockerode)', oursSink),
        line('sink engine, docker build (classic)', cliSink),
        `  ratio ours/CLI ${ratio(oursSink, cliSink)}`,
        `over ${ROUNDS} alternating rounds`,
      ].join('\n'),
    );
    expect(probe.files).toBe(SMALL_FILES + BIG_FILES + 2);
  } finally {
    sink.stop();
  }
});
