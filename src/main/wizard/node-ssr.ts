/**
 * Front-end frameworks whose build writes a Node.js server (server-side rendering): Astro with its
 * Node adapter, SvelteKit with adapter-node, Nuxt. Each has a fixed server file and port; they
 * read PORT (and HOST) from the environment.
 */
import type { EnvVariable } from '../../shared/wizard/wizard-answers';
import type { ProjectFiles } from './project-files';

/** The server a framework's build writes. */
export interface SsrServer {
  /** The name users say: Astro, SvelteKit, Nuxt. */
  name: string;
  /** The file node starts, inside the output folder. */
  entry: string;
  output: string;
  port: number;
  /** Variables the server needs in a container (Astro's listens on localhost unless HOST says otherwise). */
  env: EnvVariable[];
}

const ASTRO_CONFIGS = ['astro.config.mjs', 'astro.config.ts', 'astro.config.js'];

/** The server the build writes, or null for frameworks without one (or only static output). */
export async function detectSsrServer(
  files: ProjectFiles,
  dependencies: readonly string[],
  evidence: string[],
): Promise<SsrServer | null> {
  if (dependencies.includes('astro') && dependencies.includes('@astrojs/node')) {
    let config = '';
    for (const file of ASTRO_CONFIGS) config ||= (await files.read(file)) ?? '';
    // `mode: 'middleware'` leaves the server to the project's own code.
    if (!/mode\s*:\s*['"]middleware['"]/.test(config)) {
      evidence.push('astro with @astrojs/node: the build writes a Node.js server, dist/server/entry.mjs');
      return {
        name: 'Astro',
        entry: 'dist/server/entry.mjs',
        output: 'dist',
        port: 4321,
        env: [{ name: 'HOST', value: '0.0.0.0' }],
      };
    }
  }
  if (dependencies.includes('@sveltejs/kit') && dependencies.includes('@sveltejs/adapter-node')) {
    evidence.push('SvelteKit with adapter-node: the build writes a Node.js server, build/index.js');
    return { name: 'SvelteKit', entry: 'build/index.js', output: 'build', port: 3000, env: [] };
  }
  if (dependencies.includes('nuxt')) {
    evidence.push('Nuxt: the build writes a Node.js server, .output/server/index.mjs');
    return { name: 'Nuxt', entry: '.output/server/index.mjs', output: '.output', port: 3000, env: [] };
  }
  return null;
}
