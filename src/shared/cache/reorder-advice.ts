/**
 * The cache lesson as a Dockerfile edit: copy the dependency manifests and run the install before
 * the broad COPY of the sources, so a source edit no longer reruns the install.
 */
import type {
  DockerfileAnalysis,
  DockerfileInstruction,
  DockerfileStage,
} from '../dockerfile/analyze-dockerfile';
import type { ReorderAdvice } from './cache-model';
import type { CachedFileList } from './cached-file-diff';
import { dependencyInstallOf } from './dependency-install';

/** What `reorderAdvice` needs to know about the step that started the cascade and the install. */
export interface ReorderAdviceInput {
  dockerfileText: string;
  analysis: DockerfileAnalysis;
  broadCopyLine: number;
  installLine: number;
  /** The broad COPY's listed files in this build and in the one before. */
  currentFiles: CachedFileList | undefined;
  previousFiles: CachedFileList | undefined;
}

/**
 * Instructions that may sit between the broad COPY and the install and stay where they are:
 * they change neither the files nor the environment the install sees.
 */
const STAYS = new Set([
  'LABEL',
  'EXPOSE',
  'CMD',
  'ENTRYPOINT',
  'HEALTHCHECK',
  'STOPSIGNAL',
  'VOLUME',
  'MAINTAINER',
]);
/** Instructions between the two that move up with the install because it may read them. */
const MOVES = new Set(['ENV', 'ARG']);

/**
 * The reordered Dockerfile, or null when the advice would not be right: the install reads more
 * than its manifests, a manifest changed (the install had to run anyway), the manifests cannot be
 * found among the broad COPY's files, or something the install depends on sits between the two.
 */
export function reorderAdvice(input: ReorderAdviceInput): ReorderAdvice | null {
  const { analysis } = input;
  const copy = analysis.instructions.find((instruction) => instruction.line === input.broadCopyLine);
  const install = analysis.instructions.find((instruction) => instruction.line === input.installLine);
  if (!copy || !install || copy.keyword !== 'COPY' || install.keyword !== 'RUN') return null;
  if (copy.stageIndex !== install.stageIndex || copy.line >= install.line || copy.stageIndex < 0) return null;
  if (copy.heredocs.length > 0 || install.heredocs.length > 0 || copy.parsed.json) return null;
  if (copy.parsed.flags.some((flag) => !/^--(chown|chmod|link)(=|$)/.test(flag))) return null;
  const stage = analysis.stages[copy.stageIndex]!;

  const moved: DockerfileInstruction[] = [];
  for (const between of stage.instructions) {
    if (between.line <= copy.line || between.line >= install.line) continue;
    if (MOVES.has(between.keyword)) moved.push(between);
    else if (!STAYS.has(between.keyword)) return null;
  }
  // A variable of the broad COPY could be one an ENV/ARG moved above it redefines.
  if (moved.length > 0 && copy.text.includes('$')) return null;

  const manifests = dependencyInstallOf(install.parsed.words, install.parsed.json);
  const cwd = workdirBefore(analysis, stage, copy.line, new Set());
  const sources = copy.parsed.words.slice(0, -1);
  const destination = copy.parsed.words.at(-1);
  if (!manifests || cwd === null || !destination || destination.includes('$') || sources.length === 0)
    return null;
  const destDir = resolvePath(cwd, destination);

  const now = new Map((input.currentFiles?.list ?? []).map((file) => [file.path, file.hash]));
  const before = new Map((input.previousFiles?.list ?? []).map((file) => [file.path, file.hash]));
  const copied: { contextPath: string; imageDir: string }[] = [];
  for (const manifest of manifests) {
    const imagePath = resolvePath(cwd, manifest.path);
    const contextPath = contextPathOf(imagePath, sources, destDir, now);
    if (contextPath === null) {
      // Not listed: absent, unless the list is capped (then it cannot be told).
      if (manifest.required || input.currentFiles?.truncated !== false) return null;
      continue;
    }
    if (before.get(contextPath) !== now.get(contextPath)) return null;
    copied.push({ contextPath, imageDir: imagePath.slice(0, imagePath.lastIndexOf('/')) || '/' });
  }

  const eol = (text: string): string => (text.endsWith('\r') ? '\r' : '');
  const lines = input.dockerfileText.split('\n');
  const copyLine = lines[copy.line - 1] ?? '';
  const indent = /^[ \t]*/.exec(copyLine)![0];
  const keyword = copy.parsed.keyword;
  const flags = copy.parsed.flags.map((flag) => `${flag} `).join('');
  const newCopies: string[] = [];
  for (const imageDir of new Set(copied.map((entry) => entry.imageDir))) {
    const dest = destinationFor(imageDir, cwd);
    if (dest === null) return null;
    const paths = copied.filter((entry) => entry.imageDir === imageDir).map((entry) => entry.contextPath);
    const args = paths.some((path) => /\s|"/.test(path))
      ? JSON.stringify([...paths, dest]).replace(/","/g, '", "')
      : [...paths, dest].join(' ');
    newCopies.push(`${indent}${keyword} ${flags}${args}${eol(copyLine)}`);
  }

  const blocks = [...moved, install];
  const skip = new Set<number>();
  for (const block of blocks) for (let line = block.line; line <= block.endLine; line++) skip.add(line);
  const out: string[] = [];
  lines.forEach((text, index) => {
    const line = index + 1;
    if (line === copy.line) {
      out.push(...newCopies);
      for (const block of blocks) out.push(...lines.slice(block.line - 1, block.endLine));
    }
    if (!skip.has(line)) out.push(text);
  });
  return {
    broadCopyLine: copy.line,
    installLine: install.line,
    manifests: copied.map((entry) => entry.contextPath),
    dockerfileText: out.join('\n'),
  };
}

/**
 * Stands for the working directory the base image sets, which the Dockerfile does not show: paths
 * relative to it still compare, paths that mix it with absolute ones cannot be told apart.
 */
const BASE_WORKDIR = '/\u0000base-workdir';

/** The working directory in force at `line` of a stage (following FROM <stage>); null when it cannot be known. */
function workdirBefore(
  analysis: DockerfileAnalysis,
  stage: DockerfileStage,
  line: number,
  seen: Set<number>,
): string | null {
  seen.add(stage.index);
  const base = analysis.stages
    .slice(0, stage.index)
    .find((other) => other.name !== null && other.name.toLowerCase() === stage.baseImage.toLowerCase());
  let cwd =
    base && !seen.has(base.index)
      ? workdirBefore(analysis, base, Number.POSITIVE_INFINITY, seen)
      : BASE_WORKDIR;
  for (const instruction of stage.instructions) {
    if (cwd === null || instruction.line >= line) break;
    if (instruction.keyword !== 'WORKDIR') continue;
    const dir = instruction.parsed.words[0];
    cwd = dir === undefined || dir.includes('$') ? null : resolvePath(cwd, dir);
  }
  return cwd;
}

/** `path` resolved against `base` and normalised (`.`/`..`/double slashes), always absolute. */
export function resolvePath(base: string, path: string): string {
  const parts: string[] = [];
  for (const part of (path.startsWith('/') ? path : `${base}/${path}`).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Where a file the install reads at `imagePath` came from in the context, through the broad COPY's folders. */
function contextPathOf(
  imagePath: string,
  sources: string[],
  destDir: string,
  files: Map<string, string>,
): string | null {
  const under = destDir === '/' ? '/' : `${destDir}/`;
  if (!imagePath.startsWith(under)) return null;
  const relative = imagePath.slice(under.length);
  for (const source of sources) {
    if (/[*?[\]$]/.test(source) || source.includes('://')) continue;
    const folder = resolvePath('/', source).slice(1);
    const contextPath = folder === '' ? relative : `${folder}/${relative}`;
    if (files.has(contextPath)) return contextPath;
  }
  return null;
}

/** The COPY destination that puts files into `imageDir`, written relative to the WORKDIR when inside it. */
function destinationFor(imageDir: string, cwd: string): string | null {
  if (imageDir === cwd) return './';
  const inside = cwd === '/' ? '/' : `${cwd}/`;
  if (imageDir.startsWith(inside)) return `${imageDir.slice(inside.length)}/`;
  return imageDir.startsWith(BASE_WORKDIR) ? null : `${imageDir}/`;
}
