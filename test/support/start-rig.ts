import { execFile } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { discoverEngines } from '../../src/main/engine/discover-engine';
import { nodeDiscoveryInput } from '../../src/main/engine/node-discovery-input';
import { homedir } from 'node:os';
import { TEST_LABEL, TEST_PREFIX, type RigInfo } from './rig-info';
import { startRegistry, type TestRegistry } from './start-registry';
import { buildBusyboxImage, rigDocker } from './test-images';
import { startEngine2, type Engine2 } from './start-engine2';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const rigScript = join(root, 'scripts/rig.sh');
const teardownLog = join(root, 'test-results/rig-teardown.log');

export interface Rig {
  info: RigInfo;
  stop(): Promise<void>;
}

/** Which engine the tests use: our private dockerd when we may start one, else the developer's. */
function chooseMode(): 'private' | 'user' {
  if (process.env['DW_TEST_ENGINE'] === 'user') return 'user';
  if (process.env['DW_TEST_ENGINE'] === 'private') return 'private';
  return process.getuid?.() === 0 && process.platform === 'linux' ? 'private' : 'user';
}

function userEngineHost(): string {
  const discovery = discoverEngines(nodeDiscoveryInput(process.env, process.platform, homedir()), null);
  const unix = discovery.candidates.find((candidate) => candidate.endpoint.kind === 'unix');
  if (!unix) throw new Error('No Docker engine socket found for DW_TEST_ENGINE=user');
  return unix.address;
}

/** DW_TEST_TARGET=engine2 points the suites at the second engine (private mode only). */
function chooseTarget(mode: 'private' | 'user'): 'engine1' | 'engine2' {
  const target = process.env['DW_TEST_TARGET'] ?? 'engine1';
  if (target !== 'engine1' && target !== 'engine2')
    throw new Error(`DW_TEST_TARGET=${target}: engine1 or engine2`);
  if (target === 'engine2' && mode !== 'private')
    throw new Error('DW_TEST_TARGET=engine2 needs the private rig (root on Linux)');
  return target;
}

export async function startRig(): Promise<Rig> {
  const mode = chooseMode();
  const target = chooseTarget(mode);
  mkdirSync(join(root, 'test-results'), { recursive: true });
  if (target === 'engine2') return startEngine2Rig();
  let dockerHost: string;
  if (mode === 'private') {
    await run('bash', [rigScript, 'provision'], { maxBuffer: 16 * 1024 * 1024 });
    const { stdout } = await run('bash', [rigScript, 'up', String(process.pid)]);
    dockerHost = stdout.trim();
  } else {
    dockerHost = userEngineHost();
  }
  process.env['DOCKER_HOST'] = dockerHost;

  let registry: TestRegistry | null = null;
  try {
    registry = await startRegistry();
  } catch (error) {
    if (mode === 'private') throw error;
  }
  const docker = rigDocker(dockerHost);
  const baseImage = `${TEST_PREFIX}/busybox:latest`;
  await buildBusyboxImage(docker, baseImage);
  // The second engine is opt-in: it costs ~300 MB of cache and only its own tests use it so far.
  const engine2: Engine2 | null =
    process.env['DW_ENGINE2'] === '1' && mode === 'private' ? await startEngine2(rigScript) : null;

  const info: RigInfo = {
    mode,
    target,
    dockerHost,
    // The CLI first on PATH (it may be newer than the engine: the suites on engine 1 were written
    // against it). BuildKit references use Debian's 20.10 CLI explicitly, which needs no buildx.
    dockerCli: { binary: 'docker', buildxPlugin: null },
    daemonControl: mode === 'private' ? { stop: 'stop-daemon', start: 'start-daemon' } : null,
    limitation:
      mode === 'user'
        ? 'running against your own engine: tests that stop the engine or need stand-in images are skipped'
        : null,
    registry: registry
      ? { address: registry.address, username: registry.username, password: registry.password }
      : null,
    baseImage,
    engine2: engine2?.info ?? null,
  };

  return {
    info,
    async stop() {
      await registry?.stop();
      if (engine2) appendFileSync(teardownLog, await engine2.stop());
      if (mode === 'private') {
        const { stdout, stderr } = await run('bash', [rigScript, 'down', String(process.pid)]);
        appendFileSync(teardownLog, stdout + stderr);
        return;
      }
      // On a user's engine: remove only what carries our label.
      const containers = await docker.listContainers({ all: true, filters: { label: [TEST_LABEL] } });
      for (const container of containers) await docker.getContainer(container.Id).remove({ force: true });
      const images = await docker.listImages({ filters: { label: [TEST_LABEL] } });
      for (const image of images)
        await docker
          .getImage(image.Id)
          .remove({ force: true })
          .catch(() => undefined);
    },
  };
}

/** The whole rig on the second engine: the same registry, the busybox base image built there. */
async function startEngine2Rig(): Promise<Rig> {
  await run('bash', [rigScript, 'provision'], { maxBuffer: 16 * 1024 * 1024 });
  const registry = await startRegistry();
  let engine2: Engine2;
  try {
    engine2 = await startEngine2(rigScript);
  } catch (error) {
    await registry.stop();
    throw error;
  }
  process.env['DOCKER_HOST'] = engine2.info.dockerHost;
  const info: RigInfo = {
    mode: 'private',
    target: 'engine2',
    dockerHost: engine2.info.dockerHost,
    dockerCli: { binary: engine2.info.dockerCli, buildxPlugin: engine2.info.buildxPlugin },
    daemonControl: { stop: 'stop-daemon2', start: 'start-daemon2' },
    limitation: null,
    registry: { address: registry.address, username: registry.username, password: registry.password },
    baseImage: engine2.info.baseImage,
    engine2: engine2.info,
  };
  return {
    info,
    async stop() {
      await registry.stop();
      appendFileSync(teardownLog, await engine2.stop());
    },
  };
}
