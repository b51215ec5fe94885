/**
 * Front-end projects built into static files (Vite, Create React App, Astro, Angular, Vue CLI,
 * Gatsby): which tool, and the folder its build writes, read from its config when it says.
 */
import { jsonField, jsonString, type ProjectFiles } from './project-files';
import { parseJsonc } from './read-jsonc';

/** A site builder: the package that marks it, the name users say, and its default output folder. */
interface SiteBuilder {
  dependency: string;
  name: string;
  output: string;
  /** Config files that may set another output folder, and the key that does. */
  configs: string[];
  key: string;
}

const BUILDERS: SiteBuilder[] = [
  { dependency: '@angular/core', name: 'Angular', output: 'dist', configs: [], key: '' },
  {
    dependency: 'astro',
    name: 'Astro',
    output: 'dist',
    configs: ['astro.config.mjs', 'astro.config.ts', 'astro.config.js'],
    key: 'outDir',
  },
  { dependency: 'react-scripts', name: 'Create React App', output: 'build', configs: [], key: '' },
  { dependency: 'gatsby', name: 'Gatsby', output: 'public', configs: [], key: '' },
  {
    dependency: '@vue/cli-service',
    name: 'Vue CLI',
    output: 'dist',
    configs: ['vue.config.js'],
    key: 'outputDir',
  },
  // adapter-static writes the site into build/ (adapter-node is a server: node-ssr.ts).
  { dependency: '@sveltejs/adapter-static', name: 'SvelteKit', output: 'build', configs: [], key: '' },
  {
    dependency: 'vite',
    name: 'Vite',
    output: 'dist',
    configs: ['vite.config.ts', 'vite.config.js', 'vite.config.mjs', 'vite.config.mts'],
    key: 'outDir',
  },
];

/** The site builder among the dependencies with its output folder, or null. */
export async function detectSiteBuilder(
  files: ProjectFiles,
  manifest: unknown,
  dependencies: readonly string[],
  evidence: string[],
): Promise<{ name: string; output: string } | null> {
  const builder = BUILDERS.find(({ dependency }) => dependencies.includes(dependency));
  if (!builder) return null;
  if (builder.name === 'Angular')
    return { name: builder.name, output: await angularOutput(files, manifest, evidence) };
  for (const config of builder.configs) {
    const text = await files.read(config);
    const output =
      text === null
        ? undefined
        : new RegExp(`\\b${builder.key}\\s*:\\s*['"\`]([^'"\`]+)['"\`]`).exec(text)?.[1];
    if (output) {
      const folder = output.replace(/^\.\/+/, '').replace(/\/+$/, '');
      evidence.push(`${config}: ${builder.key} ${folder}`);
      return { name: builder.name, output: folder };
    }
  }
  return { name: builder.name, output: builder.output };
}

/**
 * angular.json's outputPath for the first project; the application builder (Angular 17 and
 * later) writes the browser files into its `browser/` subfolder.
 */
async function angularOutput(files: ProjectFiles, manifest: unknown, evidence: string[]): Promise<string> {
  const text = await files.read('angular.json');
  const config = text === null ? null : parseJsonc(text);
  const projects = jsonField(config, 'projects');
  const name =
    jsonString(config, 'defaultProject') ??
    (typeof projects === 'object' && projects !== null ? Object.keys(projects)[0] : undefined) ??
    jsonString(manifest, 'name') ??
    'app';
  const build = jsonField(projects, name, 'architect', 'build');
  const options = jsonField(build, 'options', 'outputPath');
  const base = typeof options === 'string' ? options : (jsonString(options, 'base') ?? `dist/${name}`);
  const builder = jsonString(build, 'builder') ?? '';
  const browser =
    typeof options === 'object' && options !== null
      ? (jsonString(options, 'browser') ?? 'browser')
      : 'browser';
  const output = /:application$/.test(builder) ? `${base}/${browser}` : base;
  evidence.push(`angular.json: project ${name} builds into ${output}`);
  return output.replace(/^\.\/+/, '').replace(/\/+$/, '');
}
