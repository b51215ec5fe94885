/**
 * Reads a Go module's folders the way `go build ./...` sees them: which directories hold a `main`
 * package, whether any file uses cgo, and what a main package's code says about its port.
 */
import type { ProjectFiles } from './project-files';

/** One directory of the module with the Go files the go tool builds in it. */
export interface GoPackage {
  /** Relative to the module root: `.`, `cmd/server`. */
  dir: string;
  isMain: boolean;
  usesCgo: boolean;
  /** The texts of its buildable files (not tests, not `//go:build ignore`). */
  sources: string[];
}

// Enough for real modules; a folder tree larger than this is not walked to the end.
const MAX_DEPTH = 6;
const MAX_DIRECTORIES = 400;

/**
 * Every package directory of the module at the root, in path order. Skipped like the go tool does:
 * testdata, vendor, names starting with `_` or `.`, and folders that are modules of their own.
 */
export async function goPackages(files: ProjectFiles): Promise<GoPackage[]> {
  const found: GoPackage[] = [];
  const queue: { dir: string; depth: number }[] = [{ dir: '.', depth: 0 }];
  let visited = 0;
  while (queue.length > 0 && visited < MAX_DIRECTORIES) {
    const { dir, depth } = queue.shift()!;
    visited++;
    const names = await files.list(dir);
    const path = (name: string): string => (dir === '.' ? name : `${dir}/${name}`);
    if (dir !== '.' && names.includes('go.mod')) continue;
    const sources: string[] = [];
    for (const name of names) {
      if (!name.endsWith('.go') || name.endsWith('_test.go') || /^[_.]/.test(name)) continue;
      const text = await files.read(path(name));
      if (text !== null && !ignoredByBuild(text)) sources.push(text);
    }
    if (sources.length > 0) {
      found.push({
        dir,
        isMain: sources.some((text) => packageName(text) === 'main'),
        usesCgo: sources.some(importsC),
        sources,
      });
    }
    if (depth >= MAX_DEPTH) continue;
    for (const name of names) {
      if (/^[_.]/.test(name) || name === 'testdata' || name === 'vendor' || name === 'node_modules') continue;
      if (name.endsWith('.go')) continue;
      if (await files.hasDirectory(path(name))) queue.push({ dir: path(name), depth: depth + 1 });
    }
  }
  return found.sort((a, b) => (a.dir === '.' ? -1 : b.dir === '.' ? 1 : a.dir.localeCompare(b.dir)));
}

/** The text before the package clause: comments and build constraints only. */
function header(text: string): string {
  const clause = /^package\s/m.exec(text);
  return clause ? text.slice(0, clause.index) : text;
}

/** Whether a build constraint excludes the file from every build (`//go:build ignore`). */
function ignoredByBuild(text: string): boolean {
  return /^\/\/(go:build|\s*\+build)\s+ignore\b/m.test(header(text));
}

function packageName(text: string): string | null {
  return /^package\s+(\w+)/m.exec(text)?.[1] ?? null;
}

/** Whether the file imports the pseudo-package "C" (cgo), alone or inside an import block. */
function importsC(text: string): boolean {
  return /^import\s+"C"/m.test(text) || /^import\s*\([^)]*^\s*"C"\s*$/m.test(text);
}

/** What the main package's code says about serving: whether it listens, and the port when one is plain. */
export interface GoListening {
  listens: boolean;
  /** The one port the code names (`":8080"`, a PORT default of "8080"), else null. */
  port: number | null;
  /** Where the port came from, for the evidence. */
  portSource: string | null;
}

// How each framework's server starts (chi and others serve through net/http).
const FRAMEWORK_SERVE: Record<string, RegExp> = {
  Gin: /\.Run(TLS)?\(/,
  Echo: /\.Start(TLS)?\(/,
  Fiber: /\.Listen(TLS)?\(/,
};

/**
 * Reads the main package for a port: string literals such as `":8080"` or `"0.0.0.0:8080"`, a
 * default for the PORT variable, or Gin's `Run()` without an address (8080). Several different
 * ports, or none, give null: the wizard does not guess.
 */
export function goListening(sources: readonly string[], framework: string | null): GoListening {
  const ports = new Set<number>();
  let source: string | null = null;
  let listens = false;
  const serveCall = framework === null ? null : FRAMEWORK_SERVE[framework];
  for (const text of sources) {
    const code = text.replace(/^\s*\/\/.*$/gm, '');
    if (/ListenAndServe(TLS)?\(|net\.Listen\(/.test(code) || serveCall?.test(code)) listens = true;
    for (const match of code.matchAll(/"(?:0\.0\.0\.0)?:(\d{2,5})"/g)) {
      ports.add(Number(match[1]));
      source = `"${match[0].slice(1, -1)}"`;
    }
    if (/Getenv\(\s*"PORT"\s*\)/.test(code)) {
      for (const match of code.matchAll(/=\s*"(\d{2,5})"/g)) {
        ports.add(Number(match[1]));
        source = `a PORT default of "${match[1]}"`;
      }
    }
    if (framework === 'Gin' && /\.Run\(\s*\)/.test(code)) {
      ports.add(8080);
      source = "Gin's Run() without an address (8080)";
    }
  }
  const only = ports.size === 1 ? [...ports][0]! : null;
  return {
    listens,
    port: only !== null && only > 0 && only < 65536 ? only : null,
    portSource: only !== null ? source : null,
  };
}
