import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs the real docker CLI against the rig engine: the ground truth tests compare with.
 */
export async function dockerCli(dockerHost: string, args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, {
    env: { ...process.env, DOCKER_HOST: dockerHost, DOCKER_CLI_HINTS: 'false' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}
