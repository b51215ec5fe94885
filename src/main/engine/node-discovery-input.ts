import { readdirSync, readFileSync } from 'node:fs';
import type { DiscoveryInput } from './discovery-types';

/** Discovery's view of the real machine: this process's environment and files. */
export function nodeDiscoveryInput(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  homeDir: string,
): DiscoveryInput {
  return {
    env,
    platform,
    homeDir,
    readFile: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    listDir: (path) => {
      try {
        return readdirSync(path);
      } catch {
        return [];
      }
    },
  };
}
