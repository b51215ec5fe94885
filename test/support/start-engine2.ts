import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TEST_PREFIX, type Engine2Info } from './rig-info';
import { buildBusyboxImage, rigDocker } from './test-images';

const run = promisify(execFile);

/** The driver-type `docker info` reports in DriverStatus when images live in containerd. */
export const CONTAINERD_SNAPSHOTTER = 'io.containerd.snapshotter.v1';

/** `containerd` for the containerd image store, else the graph driver's name (e.g. `overlay2`). */
export function imageStoreOf(info: { Driver?: string; DriverStatus?: Array<[string, string]> }): string {
  const driverType = (info.DriverStatus ?? []).find(([key]) => key === 'driver-type')?.[1];
  return driverType === CONTAINERD_SNAPSHOTTER ? 'containerd' : (info.Driver ?? 'unknown');
}

/** `KEY=value` lines, as `rig.sh up2` prints them. */
function parseKeyValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) values.set(line.slice(0, at), line.slice(at + 1).trim());
  }
  return values;
}

export interface Engine2 {
  info: Engine2Info;
  stop(): Promise<string>;
}

/**
 * Starts (or joins) the rig's second engine and builds its busybox base image.
 * The rig script downloads and unpacks the engine on first use; later runs reuse the cache.
 */
export async function startEngine2(rigScript: string): Promise<Engine2> {
  const { stdout } = await run('bash', [rigScript, 'up2', String(process.pid)], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const values = parseKeyValues(stdout);
  const dockerHost = values.get('DOCKER_HOST');
  const root = values.get('ENGINE2_ROOT');
  if (!dockerHost || !root) throw new Error(`rig.sh up2 did not say where engine 2 is: ${stdout}`);
  const stop = async (): Promise<string> => {
    const result = await run('bash', [rigScript, 'down2', String(process.pid)]);
    return result.stdout + result.stderr;
  };
  try {
    const docker = rigDocker(dockerHost);
    const [version, info] = await Promise.all([
      docker.version(),
      docker.info() as Promise<{ Driver?: string; DriverStatus?: Array<[string, string]> }>,
    ]);
    const baseImage = `${TEST_PREFIX}/busybox:latest`;
    await buildBusyboxImage(docker, baseImage);
    return {
      info: {
        dockerHost,
        version: version.Version,
        imageStore: imageStoreOf(info),
        baseImage,
        dockerCli: join(root, 'usr/bin/docker'),
        buildxPlugin: join(root, 'usr/libexec/docker/cli-plugins/docker-buildx'),
      },
      stop,
    };
  } catch (error) {
    await stop().catch(() => '');
    throw error;
  }
}

/** A private DOCKER_CONFIG for engine 2's CLI: buildx as its only plugin, logins kept apart. */
export interface Engine2Cli {
  /** Runs the unpacked docker CLI against engine 2; `input` goes to its stdin. */
  run(
    args: string[],
    options?: { input?: string; env?: Record<string, string> },
  ): Promise<{ stdout: string; stderr: string }>;
  dispose(): void;
}

export function engine2Cli(engine: Engine2Info): Engine2Cli {
  const config = mkdtempSync(join(tmpdir(), 'dw-engine2-cli-'));
  mkdirSync(join(config, 'cli-plugins'));
  symlinkSync(engine.buildxPlugin, join(config, 'cli-plugins', 'docker-buildx'));
  const env = {
    ...process.env,
    DOCKER_HOST: engine.dockerHost,
    DOCKER_CONFIG: config,
    DOCKER_CLI_HINTS: 'false',
  };
  return {
    run(args, options = {}) {
      return new Promise((resolve, reject) => {
        const child = execFile(
          engine.dockerCli,
          args,
          { env: { ...env, ...options.env }, maxBuffer: 64 * 1024 * 1024 },
          (error, stdout, stderr) =>
            error
              ? reject(new Error(`docker ${args.join(' ')} failed: ${stderr || error.message}`))
              : resolve({ stdout, stderr }),
        );
        child.stdin?.end(options.input ?? '');
      });
    },
    dispose() {
      rmSync(config, { recursive: true, force: true });
    },
  };
}
