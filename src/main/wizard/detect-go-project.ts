/**
 * Detects a Go module: go.mod's `go` and `toolchain` lines, go.sum, the web framework it requires,
 * every `main` package in the module, cgo, and the port the chosen main package names.
 */
import type { ProjectDetection } from '../../shared/wizard/project-detection';
import { defaultAnswers } from '../../shared/wizard/wizard-templates';
import { goListening, goPackages } from './go-packages';
import type { ProjectFiles } from './project-files';

// Module paths of the web frameworks the banner names (any major version).
const FRAMEWORKS: [RegExp, string][] = [
  [/^github\.com\/gin-gonic\/gin\b/, 'Gin'],
  [/^github\.com\/labstack\/echo\b/, 'Echo'],
  [/^github\.com\/gofiber\/fiber\b/, 'Fiber'],
  [/^github\.com\/go-chi\/chi\b/, 'chi'],
];

/** The version lines of go.mod: the `go` directive and the `toolchain` line, as written. */
export function goModVersions(goMod: string): { go: string | null; toolchain: string | null } {
  return {
    go: /^go\s+(\d+\.\d+(?:\.\d+)?)\s*$/m.exec(goMod)?.[1] ?? null,
    toolchain: /^toolchain\s+go(\d+\.\d+(?:\.\d+)?)\s*$/m.exec(goMod)?.[1] ?? null,
  };
}

/** The module paths go.mod requires directly (not `// indirect`), from single lines and blocks. */
export function goModRequires(goMod: string): string[] {
  const lines: string[] = [];
  for (const block of goMod.matchAll(/^require\s*\(([\s\S]*?)^\)/gm)) lines.push(...block[1]!.split('\n'));
  for (const single of goMod.matchAll(/^require\s+([^(\s].*)$/gm)) lines.push(single[1]!);
  return lines
    .filter((text) => !/\/\/\s*indirect/.test(text))
    .map((text) => text.trim().split(/\s+/)[0] ?? '')
    .filter((path) => path !== '' && !path.startsWith('//'));
}

/** Which main package to prefill: cmd/<module name>, else the first under cmd/, else the root, else the first. */
function preferredMain(mains: readonly string[], moduleName: string | null): string | undefined {
  return (
    mains.find((dir) => moduleName !== null && dir === `cmd/${moduleName}`) ??
    mains.find((dir) => dir.startsWith('cmd/')) ??
    mains.find((dir) => dir === '.') ??
    mains[0]
  );
}

const asPackage = (dir: string): string => (dir === '.' ? '.' : `./${dir}`);

/** A Go module, or null without go.mod. */
export async function detectGoProject(files: ProjectFiles): Promise<ProjectDetection | null> {
  const goMod = await files.read('go.mod');
  if (goMod === null) return null;
  const evidence = ['go.mod: a Go module'];
  const answers = defaultAnswers('go');
  const suggestions: Record<string, string[]> = {};

  const { go, toolchain } = goModVersions(goMod);
  const exact = toolchain ?? go;
  if (exact !== null) {
    answers.goVersion = exact;
    const minor = exact.split('.').slice(0, 2).join('.');
    suggestions.goVersion = exact === minor ? [exact] : [exact, minor];
    evidence.push(toolchain ? `"toolchain go${toolchain}" in go.mod` : `"go ${go}" in go.mod`);
  }

  const modulePath = /^module\s+"?([^\s"]+)/m.exec(goMod)?.[1];
  const moduleName =
    modulePath
      ?.split('/')
      .filter((part) => !/^v\d+$/.test(part))
      .at(-1)
      ?.replace(/[^A-Za-z0-9._-]/g, '') || null;
  if (moduleName) answers.binaryName = moduleName;
  answers.hasGoSum = await files.hasFile('go.sum');
  if (!answers.hasGoSum) evidence.push('no go.sum: the module has no dependencies yet');

  const requires = goModRequires(goMod);
  const framework = FRAMEWORKS.find(([pattern]) => requires.some((path) => pattern.test(path)))?.[1] ?? null;
  if (framework) evidence.push(`go.mod requires ${framework}`);

  const packages = await goPackages(files);
  const mains = packages.filter((found) => found.isMain).map((found) => found.dir);
  answers.mainPackages = mains.map(asPackage);
  const chosen = preferredMain(mains, moduleName);
  if (chosen === undefined) {
    evidence.push('no package main in the module');
  } else {
    answers.mainPackage = asPackage(chosen);
    if (chosen !== '.') answers.binaryName = chosen.split('/').at(-1)!;
    suggestions.mainPackage = [
      answers.mainPackage,
      ...answers.mainPackages.filter((p) => p !== answers.mainPackage),
    ];
    evidence.push(
      mains.length > 1
        ? `${mains.length} main packages (${answers.mainPackages.join(', ')}): building ${answers.mainPackage}`
        : `package main in ${chosen === '.' ? 'the module root' : chosen}`,
    );
  }

  answers.cgo = packages.some((found) => found.usesCgo);
  if (answers.cgo) {
    answers.builderVariant = 'debian';
    answers.runtime = 'debian';
    evidence.push('import "C": cgo, built on bookworm and run on Debian 12 slim');
  }

  const main = packages.find((found) => found.dir === chosen);
  const listening = goListening(main?.sources ?? [], framework);
  answers.listens = listening.listens;
  answers.port = listening.port;
  if (listening.port !== null)
    evidence.push(`port ${listening.port}: ${listening.portSource} in ${answers.mainPackage}`);
  else if (listening.listens) evidence.push(`no port found in ${answers.mainPackage}: set it in Port`);

  return {
    template: 'go',
    language: 'go',
    stack: framework ? ['Go', framework] : ['Go'],
    suggestions,
    evidence,
    answers,
  };
}
