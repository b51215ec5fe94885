/**
 * 50 MB of terminal output (issue #18): a `docker exec -it` session through the handler table, read
 * by a page that acknowledges what it drew, against the engine's own CLI (`docker exec -t`)
 * writing the same output to /dev/null. Prints both wall times, the ratio ours/CLI, and the peak
 * growth of this process's memory while the output streams (flow control keeps it bounded).
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { afterAll, expect, inject, it } from 'vitest';
import { createMainServices } from '../src/main/services';
import type { TerminalEvent } from '../src/shared/terminal';
import { createAesGcmCrypto } from '../src/main/registry/aes-gcm-crypto';
import { rigCli } from '../test/support/docker-cli';
import { TEST_LABEL } from '../test/support/rig-info';
import { rigDocker } from '../test/support/test-images';

const run = promisify(execFile);
const rig = inject('rig');
const BYTES = 50_000_000;
const ROUNDS = 3;
const SCRIPT = `yes 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ | head -c ${BYTES}; echo; echo done-$((6*7))`;
const dataDir = mkdtempSync(join(tmpdir(), 'dw-bench-terminal-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

it(`streams ${BYTES / 1e6} MB of terminal output with bounded memory, vs docker exec -t`, async () => {
  const docker = rigDocker(rig.dockerHost);
  const container = await docker.createContainer({
    name: `dw-test-bench-terminal-${randomUUID().slice(0, 8)}`,
    Image: rig.baseImage,
    Cmd: ['sleep', '3600'],
    Labels: { [TEST_LABEL]: '1' },
  });
  await container.start();

  // The page: decodes each chunk, looks for the end marker, acknowledges at once.
  let received = 0;
  let tail = '';
  let acks: Promise<unknown> = Promise.resolve();
  let sessionId = '';
  const services = createMainServices({
    env: { DOCKER_HOST: rig.dockerHost },
    platform: process.platform,
    homeDir: dataDir,
    dataDir,
    emit: (event, payload) => {
      if (event !== 'terminal:event') return;
      const message = payload as { sessionId: string; event: TerminalEvent };
      if (message.sessionId !== sessionId || message.event.kind !== 'output') return;
      const bytes = Buffer.from(message.event.data, 'base64');
      received += bytes.length;
      tail = (tail + bytes.toString('latin1')).slice(-64);
      const ack = { sessionId, bytes: bytes.length };
      acks = acks.then(() => services.dispatch('terminal:ack', ack));
    },
    openExternal: async () => {},
    secretCrypto: createAesGcmCrypto(randomBytes(32)),
    dialogs: { pickFolder: async () => null, pickFile: async () => null, saveFile: async () => null },
  });
  try {
    for (let i = 0; i < 100 && services.connection.status().state === 'connecting'; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const ours: number[] = [];
    const cli: number[] = [];
    const growth: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const opened = await services.dispatch('terminal:open', {
        containerId: container.id,
        command: ['sh', '-c', SCRIPT],
        cols: 200,
        rows: 50,
      });
      if (!opened.ok) throw new Error(opened.error.message);
      received = 0;
      tail = '';
      global.gc?.();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const start = performance.now();
      sessionId = (opened.value as { sessionId: string }).sessionId;
      while (!/done-42/.test(tail)) {
        peak = Math.max(peak, process.memoryUsage().rss);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      ours.push(performance.now() - start);
      growth.push(peak - baseline);
      expect(received).toBeGreaterThan(BYTES);
      await services.dispatch('terminal:close', { sessionId });

      // The reference: the engine's CLI receives the same bytes over its own TTY stream, into /dev/null.
      const binary = rigCli(rig);
      const cliStart = performance.now();
      await run('sh', ['-c', `"${binary.binary}" exec -t ${container.id} sh -c '${SCRIPT}' > /dev/null`], {
        env: binary.env,
      });
      cli.push(performance.now() - cliStart);
    }
    console.log(
      `terminal output, ${BYTES / 1e6} MB (${rig.target}): ours median ${median(ours).toFixed(0)} ms ` +
        `[${ours.map((v) => v.toFixed(0)).join(', ')}], docker exec -t ${median(cli).toFixed(0)} ms ` +
        `[${cli.map((v) => v.toFixed(0)).join(', ')}], ratio ${(median(ours) / median(cli)).toFixed(2)}; ` +
        `peak RSS growth ${(Math.max(...growth) / 1e6).toFixed(1)} MB ` +
        `(main-side unacknowledged bytes peaked at ${services.terminals.peakOutstanding()})`,
    );
  } finally {
    services.dispose();
    await container.remove({ force: true }).catch(() => undefined);
  }
});
