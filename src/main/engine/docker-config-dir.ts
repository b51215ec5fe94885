import path from 'node:path';
import type { DiscoveryInput } from './discovery-types';

/**
 * The docker CLI's config directory: `$DOCKER_CONFIG` exactly as set, else `~/.docker`
 * (cli/config.Dir), joined with the platform's own separators. Contexts, TLS material and
 * config.json (credentials) are all read from here.
 */
export function dockerConfigDir(input: Pick<DiscoveryInput, 'env' | 'platform' | 'homeDir'>): string {
  const fromEnv = input.env.DOCKER_CONFIG;
  if (fromEnv) return fromEnv;
  return (input.platform === 'win32' ? path.win32 : path.posix).join(input.homeDir, '.docker');
}
