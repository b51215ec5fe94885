/**
 * Which file a Node.js app starts and on which port it listens, read from package.json's scripts
 * and "main", tsconfig.json's outDir, and an obvious `listen(3000)` or `PORT || 3000` in the
 * entry's source. Nothing is run.
 */
import { commandWords } from '../../shared/wizard/dockerfile-writer';
import { jsonString, type ProjectFiles } from './project-files';
import { parseJsonc } from './read-jsonc';

/** What tsconfig.json says about where compiled files go. */
export interface TsLayout {
  outDir: string | null;
  rootDir: string | null;
}

/** What a start script runs: the program and the file it is given (null for `next start`, `nest start`). */
export interface StartTarget {
  program: string;
  file: string | null;
  /** node's own options before the file that matter in production (`--enable-source-maps`, `--import ./otel.mjs`). */
  flags: string[];
}

// Options of node and its runners that take the next word as their value.
const OPTIONS_WITH_VALUE = new Set([
  '-r',
  '--require',
  '--import',
  '--loader',
  '--experimental-loader',
  '-e',
  '--env-file',
  '-w',
  '--watch-path',
  '--exec',
]);
// node options for development only, or that read a .env file the image does not have (the
// environment comes from `docker run -e`), so they are not carried into the image's start command.
const DEV_ONLY = /^(?:--watch|--watch-path|--inspect|--inspect-brk|--env-file|--env-file-if-exists)(?:=|$)/;
const DOTENV_PRELOAD = /^dotenv(?:\/config|-expand)/;
const WRAPPERS = new Set(['cross-env', 'env', 'dotenv', 'exec']);
const SCRIPT_FILE = /\.(?:[cm]?js|[cm]?ts|tsx|jsx)$|\//;
const SOURCE_EXTENSIONS: [RegExp, string][] = [
  [/\.ts$/, '.js'],
  [/\.mts$/, '.mjs'],
  [/\.cts$/, '.cjs'],
  [/\.tsx$/, '.js'],
];

/** The program and file of the last command in a package.json script (`npm run build && node dist/a.js` → node, dist/a.js). */
export function parseStartScript(script: string): StartTarget | null {
  const last = script.split(/&&|\|\||;/).at(-1) ?? '';
  const words = commandWords(last);
  let index = 0;
  while (index < words.length && (/^\w+=/.test(words[index]!) || WRAPPERS.has(words[index]!))) {
    // `dotenv -e .env -- node x`: skip to after the `--`.
    if (words[index] === 'dotenv') {
      const separator = words.indexOf('--', index);
      index = separator === -1 ? index + 1 : separator + 1;
    } else index++;
  }
  const program = words[index];
  if (!program) return null;
  let file: string | null = null;
  const flags: string[] = [];
  for (let at = index + 1; at < words.length; at++) {
    const word = words[at]!;
    if (OPTIONS_WITH_VALUE.has(word)) {
      const value = words[++at];
      if (program === 'node' && value !== undefined && !DEV_ONLY.test(word) && !DOTENV_PRELOAD.test(value))
        flags.push(word, value);
    } else if (word.startsWith('-')) {
      if (program === 'node' && !DEV_ONLY.test(word) && !DOTENV_PRELOAD.test(word.split('=')[1] ?? ''))
        flags.push(word);
    } else if (['run', 'watch', 'start'].includes(word) && program !== 'node') {
      if (word === 'start') break;
    } else {
      file = SCRIPT_FILE.test(word) ? word.replace(/^\.\//, '') : null;
      break;
    }
  }
  return { program, file, flags };
}

/** `dist/main` → `dist/main.js`: node finds the file without its extension, the wizard's checks need it. */
export function withExtension(file: string): string {
  return /\.[cm]?[jt]sx?$/.test(file) ? file : `${file}.js`;
}

/** outDir and rootDir from tsconfig.json (comments allowed), or null without one. */
export async function readTsLayout(files: ProjectFiles): Promise<TsLayout | null> {
  const text = await files.read('tsconfig.json');
  if (text === null) return null;
  const config = parseJsonc(text);
  const clean = (value: string | null): string | null =>
    value === null ? null : value.replace(/^\.\/+/, '').replace(/\/+$/, '') || null;
  return {
    outDir: clean(jsonString(config, 'compilerOptions', 'outDir')),
    rootDir: clean(jsonString(config, 'compilerOptions', 'rootDir')),
  };
}

/** Where tsc writes a TypeScript source: `src/index.ts` → `dist/index.js` for outDir dist, rootDir src. */
export function compiledPath(source: string, layout: TsLayout): string | null {
  if (!layout.outDir) return null;
  const root = layout.rootDir ?? 'src';
  const relative = source.startsWith(`${root}/`) ? source.slice(root.length + 1) : source;
  const [, extension] = SOURCE_EXTENSIONS.find(([pattern]) => pattern.test(relative)) ?? [null, null];
  if (extension === null) return null;
  return `${layout.outDir}/${relative.replace(/\.[cm]?tsx?$/, extension)}`;
}

/** The source files that may hold the entry's `listen(…)`: the entry, its TypeScript source, the usual names. */
export function sourceCandidates(entry: string, layout: TsLayout | null): string[] {
  const candidates = [entry];
  const outDir = layout?.outDir ?? 'dist';
  if (entry.startsWith(`${outDir}/`)) {
    const relative = entry.slice(outDir.length + 1).replace(/\.[cm]?js$/, '');
    const root = layout?.rootDir ?? 'src';
    candidates.push(`${root}/${relative}.ts`, `${root}/${relative}.js`, `${relative}.ts`);
  }
  candidates.push(
    'src/main.ts',
    'src/index.ts',
    'src/server.ts',
    'src/app.ts',
    'server.js',
    'index.js',
    'app.js',
  );
  return [...new Set(candidates)];
}

// What an obvious port looks like in code: `listen(3000`, `PORT || 3000`, `PORT ?? 3000`, `port: 3000`, `port = 3000`.
const PORT_PATTERNS = [
  /\bPORT\b\)?\s*(?:\|\||\?\?)\s*['"]?(\d{2,5})\b/,
  /\.listen\(\s*(\d{2,5})\b/,
  /\bport\s*[:=]\s*(\d{2,5})\b/i,
];

/** What the entry's source says about listening; every field empty when no source file was found. */
export interface ListenFinding {
  /** The port written in the code, or null. */
  port: number | null;
  /** The file that said it (or that reads PORT). */
  file: string | null;
  /** Whether the code takes its port from the PORT variable, so an ENV line decides it. */
  readsEnv: boolean;
  /** Whether it listens on 127.0.0.1 only (said so, or Fastify's default without a host). */
  localhostOnly: boolean;
}

const READS_PORT_ENV = /\b(?:process|Bun)\.env(?:\.PORT\b|\[\s*['"]PORT['"]\s*\])|\benv\.PORT\b/;
const LOCALHOST = /(?:listen\([^)]*|host(?:name)?\s*:\s*)['"](?:localhost|127\.0\.0\.1)['"]/;

/** The first source file that says how the app listens: its port, whether it reads PORT, and whether only on localhost. */
export async function detectListen(
  files: ProjectFiles,
  candidates: readonly string[],
  fastify: boolean,
): Promise<ListenFinding> {
  for (const file of candidates) {
    const text = await files.read(file);
    if (text === null) continue;
    const readsEnv = READS_PORT_ENV.test(text);
    const port = PORT_PATTERNS.map((pattern) => Number(pattern.exec(text)?.[1])).find(
      (value) => value >= 1 && value <= 65535,
    );
    if (port === undefined && !readsEnv) continue;
    // Fastify listens on localhost unless a host is given, unlike Node's own servers.
    const fastifyDefault =
      fastify && /\.listen\(/.test(text) && !/\bhost\s*:|0\.0\.0\.0|['"]::['"]/.test(text);
    return { port: port ?? null, file, readsEnv, localhostOnly: LOCALHOST.test(text) || fastifyDefault };
  }
  return { port: null, file: null, readsEnv: false, localhostOnly: false };
}
