/**
 * Detects a .NET project: the project files (at the root, in a solution, or under src/), which of
 * them make a program (the Web SDK or OutputType Exe; test projects never), the TargetFramework,
 * the assembly name, and what restore needs besides the project (its project references, shared
 * props, NuGet.config).
 */
import type { ProjectDetection } from '../../shared/wizard/project-detection';
import { defaultAnswers } from '../../shared/wizard/wizard-templates';
import type { ProjectFiles } from './project-files';

/** What one project file says. */
export interface DotnetProject {
  /** Relative to the folder, with forward slashes: `src/Api/Api.csproj`. */
  path: string;
  sdk: string;
  web: boolean;
  runnable: boolean;
  test: boolean;
  /** The highest `netX.Y` it targets (`8.0`), or null. */
  version: string | null;
  /** Whether it lists several TargetFrameworks, so publish needs `-f`. */
  multiTarget: boolean;
  assemblyName: string;
  /** Project references, resolved relative to the folder. */
  references: string[];
}

const PROJECT_FILE = /\.(cs|fs|vb)proj$/;
const SHARED_FILES = ['Directory.Build.props', 'Directory.Packages.props', 'NuGet.config', 'nuget.config'];

const tag = (xml: string, name: string): string | null =>
  new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(xml)?.[1] ?? null;

/** `a/b/../c/D.csproj` → `a/c/D.csproj`. */
function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** The highest .NET release among `net8.0;net6.0` (netstandard and netcoreapp2 are not runnable here). */
function highestVersion(frameworks: string | null): string | null {
  const versions = (frameworks ?? '')
    .split(';')
    .map((framework) => /^net(\d+)\.(\d+)/.exec(framework.trim()))
    .filter((match): match is RegExpExecArray => match !== null && Number(match[1]) >= 5)
    .map((match) => ({ major: Number(match[1]), text: `${match[1]}.${match[2]}` }));
  versions.sort((a, b) => b.major - a.major);
  return versions[0]?.text ?? null;
}

/** Reads one project file. */
export function readDotnetProject(path: string, xml: string, sharedProps: string | null): DotnetProject {
  const text = xml.replace(/<!--[\s\S]*?-->/g, '');
  const sdk = /<Project\s[^>]*Sdk="([^"]+)"/.exec(text)?.[1] ?? 'Microsoft.NET.Sdk';
  const web = /^Microsoft\.NET\.Sdk\.(Web|Razor)$/.test(sdk);
  const outputType = tag(text, 'OutputType') ?? '';
  const file = path.split('/').at(-1)!.replace(PROJECT_FILE, '');
  const test =
    /^true$/i.test(tag(text, 'IsTestProject') ?? '') ||
    /Include="Microsoft\.NET\.Test\.Sdk"/.test(text) ||
    /\.Tests?$/.test(file);
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
  const multiTarget = (tag(text, 'TargetFrameworks') ?? '').includes(';');
  const version =
    highestVersion(tag(text, 'TargetFramework') ?? tag(text, 'TargetFrameworks')) ??
    highestVersion(tag(sharedProps ?? '', 'TargetFramework') ?? tag(sharedProps ?? '', 'TargetFrameworks'));
  return {
    path,
    sdk,
    web,
    runnable: !test && (web || /^(Exe|WinExe)$/i.test(outputType) || sdk === 'Microsoft.NET.Sdk.Worker'),
    test,
    version,
    multiTarget,
    assemblyName: tag(text, 'AssemblyName') ?? file,
    references: [...text.matchAll(/<ProjectReference\s+Include="([^"]+)"/g)].map((match) =>
      normalize(`${dir}${match[1]}`),
    ),
  };
}

/** The project files: those a solution at the root lists, else the root's, src/*'s and first-level folders'. */
async function projectPaths(files: ProjectFiles): Promise<{ paths: string[]; solution: string | null }> {
  const rootNames = await files.list('.');
  const solution = rootNames.find((name) => name.endsWith('.sln')) ?? null;
  if (solution !== null) {
    const text = (await files.read(solution)) ?? '';
    const listed = [...text.matchAll(/^Project\("[^"]*"\)\s*=\s*"[^"]*",\s*"([^"]+)"/gm)]
      .map((match) => normalize(match[1]!))
      .filter((path) => PROJECT_FILE.test(path));
    if (listed.length > 0) return { paths: listed, solution };
  }
  const paths = rootNames.filter((name) => PROJECT_FILE.test(name));
  for (const parent of ['src', '.']) {
    for (const name of await files.list(parent)) {
      const dir = parent === '.' ? name : `${parent}/${name}`;
      if (/^[._]/.test(name) || !(await files.hasDirectory(dir))) continue;
      for (const inner of await files.list(dir)) if (PROJECT_FILE.test(inner)) paths.push(`${dir}/${inner}`);
    }
  }
  return { paths: [...new Set(paths)], solution };
}

/** The project references of `start`, followed through every level. */
function referencesOf(start: DotnetProject, byPath: Map<string, DotnetProject>): string[] {
  const seen = new Set<string>();
  const queue = [...start.references];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path) || path === start.path) continue;
    seen.add(path);
    queue.push(...(byPath.get(path)?.references ?? []));
  }
  return [...seen];
}

/** A .NET project or solution, or null without project files. */
export async function detectDotnetProject(files: ProjectFiles): Promise<ProjectDetection | null> {
  const { paths, solution } = await projectPaths(files);
  if (paths.length === 0) return null;
  const sharedProps = await files.read('Directory.Build.props');
  const projects: DotnetProject[] = [];
  for (const path of paths) {
    const xml = await files.read(path);
    if (xml !== null) projects.push(readDotnetProject(path, xml, sharedProps));
  }
  if (projects.length === 0) return null;
  const answers = defaultAnswers('dotnet');
  const evidence = [
    solution !== null
      ? `${solution}: a solution of ${projects.length} projects`
      : `${projects.map((project) => project.path).join(', ')}: a .NET project`,
  ];
  const runnable = projects.filter((project) => project.runnable);
  const chosen =
    runnable.find((project) => project.web) ??
    runnable[0] ??
    projects.find((project) => !project.test) ??
    projects[0]!;
  answers.project = chosen.path;
  answers.assemblyName = chosen.assemblyName;
  answers.web = chosen.web;
  answers.projects = runnable.map((project) => project.path);
  evidence.push(
    `${chosen.path}: ${chosen.web ? `${chosen.sdk}, an ASP.NET Core app` : chosen.runnable ? 'a console app' : 'a library'}` +
      (runnable.length > 1
        ? ` (also runnable: ${runnable
            .filter((p) => p !== chosen)
            .map((p) => p.path)
            .join(', ')})`
        : ''),
  );
  const suggestions: Record<string, string[]> = {};
  if (runnable.length > 0) {
    suggestions.project = [chosen.path, ...answers.projects.filter((path) => path !== chosen.path)];
  }
  if (chosen.version !== null) {
    answers.dotnetVersion = chosen.version;
    if (chosen.multiTarget) answers.targetFramework = `net${chosen.version}`;
    evidence.push(
      `${chosen.multiTarget ? 'TargetFrameworks, the highest' : 'TargetFramework'} net${chosen.version}: the ${chosen.version} images`,
    );
  }
  const byPath = new Map(projects.map((project) => [project.path, project]));
  const shared = [];
  for (const name of SHARED_FILES) if (await files.hasFile(name)) shared.push(name);
  answers.restoreFiles = [...referencesOf(chosen, byPath), ...shared];
  if (answers.restoreFiles.length > 0) evidence.push(`restore also reads ${answers.restoreFiles.join(', ')}`);
  if (
    !Number.isNaN(Number.parseInt(answers.dotnetVersion, 10)) &&
    Number.parseInt(answers.dotnetVersion, 10) < 8
  ) {
    // The app user and port 8080 came with the .NET 8 images.
    answers.user = { kind: 'create', name: 'app', uid: 10001 };
  }
  answers.port = chosen.web ? 8080 : null;
  if (chosen.web) evidence.push('ASP.NET Core listens on 8080 in the .NET 8 images');
  const language = chosen.path.endsWith('.fsproj')
    ? 'F#'
    : chosen.path.endsWith('.vbproj')
      ? 'Visual Basic'
      : 'C#';
  return {
    template: 'dotnet',
    language: language === 'C#' ? 'csharp' : language === 'F#' ? 'fsharp' : 'vb',
    stack: [language, '.NET', ...(chosen.web ? ['ASP.NET Core'] : [])],
    suggestions,
    evidence,
    answers,
  };
}
