import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import type { RigInfo } from './rig-info';

const run = promisify(execFile);

let pluginConfig: string | null = null;

/** A DOCKER_CONFIG whose only CLI plugin is the engine's own buildx (created once per worker). */
function configWithBuildx(plugin: string): string {
  if (pluginConfig) return pluginConfig;
  const config = mkdtempSync(join(tmpdir(), 'dw-cli-config-'));
  mkdirSync(join(config, 'cli-plugins'));
  symlinkSync(plugin, join(config, 'cli-plugins', 'docker-buildx'));
  pluginConfig = config;
  return config;
}

/**
 * The docker CLI of the engine's own release and the environment to run it with: `/usr/bin/docker`
 * (20.10) for the rig daemon, the unpacked 26.1 CLI with buildx for the second engine.
 */
export function rigCli(rig: RigInfo = inject('rig')): { binary: string; env: NodeJS.ProcessEnv } {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: rig.dockerHost, DOCKER_CLI_HINTS: 'false' };
  if (rig.dockerCli.buildxPlugin) env['DOCKER_CONFIG'] = configWithBuildx(rig.dockerCli.buildxPlugin);
  return { binary: rig.dockerCli.binary, env };
}

/** Runs the real docker CLI against the rig engine: the ground truth tests compare with. */
export async function dockerCli(dockerHost: string, args: string[]): Promise<string> {
  const rig = inject('rig');
  const cli = rigCli(rig);
  const { stdout } = await run(cli.binary, args, {
    env: { ...cli.env, DOCKER_HOST: dockerHost },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/**
 * Removes every image labelled `key=value` (a test run's own builds, tagged or not), forced:
 * what a run built goes with it, whatever state the test left it in.
 */
export async function removeImagesLabelled(dockerHost: string, key: string, value: string): Promise<void> {
  const ids = await dockerCli(dockerHost, ['image', 'ls', '-q', '--filter', `label=${key}=${value}`]).catch(
    () => '',
  );
  const unique = [...new Set(ids.split(/\s+/).filter(Boolean))];
  if (unique.length) await dockerCli(dockerHost, ['image', 'rm', '-f', ...unique]).catch(() => '');
}
