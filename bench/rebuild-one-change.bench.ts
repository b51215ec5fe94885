/**
 * A BuildKit rebuild after one changed file in a 20,000-file context (issue #16): Dockwright's whole
 * build path (handler table → BuildKit session → engine, stream folded into steps) against the
 * engine's own docker CLI building the same folder with BuildKit (20.10's built-in session client on
 * the rig daemon, buildx 0.13 on the second engine with DW_TEST_TARGET=engine2), alternating runs.
 * Each round edits one file before each client's build, so both send one changed file through their
 * session's file sync and both re-run the COPY and the RUN after it.
 * Prints the median wall times and the ratio ours/CLI (goal ≤ 1.0).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { afterAll, expect, inject, it } from 'vitest';
import { buildAndWait, buildRequest } from '../test/support/build-fixtures';
import { rigCli } from '../test/support/docker-cli';
import { BENCH_LABEL, benchLabelArgs, removeBenchImages } from './support/bench-images';
import { startServices } from '../test/support/main-services';

const run = promisify(execFile);
const rig = inject('rig');
const ROUNDS = 5;
const FILES = 20_000;

const root = mkdtempSync(join(tmpdir(), 'dw-bench-rebuild-'));
afterAll(async () => {
  rmSync(root, { recursive: true, force: true });
  await removeBenchImages(rig.dockerHost);
});

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function generateTree(): void {
  writeFileSync(
    join(root, 'Dockerfile'),
    [`FROM ${rig.baseImage}`, 'COPY src /src', 'RUN find /src -type f | wc -l > /count', ''].join('\n'),
  );
  const filler = Buffer.alloc(2048, 'y');
  for (let i = 0; i < FILES; i++) {
    const folder = join(root, 'src', `pkg${i % 40}`, `mod${i % 400}`);
    if (i < 400) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `file${i}.ts`), filler.subarray(0, 32 + ((i * 53) % 1500)));
  }
}

let edits = 0;
/** A new content for one file, never seen before, so neither client's cache has it. */
function editOneFile(): void {
  edits += 1;
  writeFileSync(
    join(root, 'src', 'pkg7', 'mod7', 'file7.ts'),
    `export const edit = ${edits}; // ${Date.now()}\n`,
  );
}

async function cliBuild(): Promise<void> {
  const cli = rigCli(rig);
  // On the rig daemon: Debian's 20.10 CLI, whose BuildKit session client is built in.
  const binary = rig.target === 'engine1' && rig.mode === 'private' ? '/usr/bin/docker' : cli.binary;
  await run(binary, ['build', '-q', '--label', 'dev.dockwright.test=1', ...benchLabelArgs, root], {
    env: { ...cli.env, DOCKER_BUILDKIT: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
}

it('rebuild after one changed file in a 20k-file context: Dockwright vs the CLI, BuildKit', async () => {
  generateTree();
  const app = startServices({ DOCKER_HOST: rig.dockerHost });
  await app.settled();
  const request = buildRequest(root, {
    builder: 'buildkit',
    labels: { 'dev.dockwright.test': '1', [BENCH_LABEL.key]: BENCH_LABEL.value },
  });
  try {
    // The first build of each sends the whole context; the rounds measure rebuilds.
    expect((await buildAndWait(app, request)).status).toBe('succeeded');
    await cliBuild();
    const ours: number[] = [];
    const cli: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      editOneFile();
      let start = performance.now();
      const record = await buildAndWait(app, request);
      ours.push(performance.now() - start);
      expect(record.status, record.log).toBe('succeeded');
      expect(record.contextTransfer, 'the rebuild went through the session').toBe('session');
      editOneFile();
      start = performance.now();
      await cliBuild();
      cli.push(performance.now() - start);
    }
    const ratio = median(ours) / median(cli);
    console.log(
      `rebuild, 1 of ${FILES} files changed (${rig.target}): ours ${median(ours).toFixed(0)} ms ` +
        `[${ours.map((v) => v.toFixed(0)).join(', ')}], CLI ${median(cli).toFixed(0)} ms ` +
        `[${cli.map((v) => v.toFixed(0)).join(', ')}], ratio ${ratio.toFixed(2)} (goal ≤ 1.0)`,
    );
  } finally {
    app.dispose();
  }
});
