/*
 * A build's BuildCacheInputs (issue #17): the steps as resolve-step-inputs reads them, each
 * COPY/ADD source's files with the hashes the builders key on (file-hash-cache), and the base
 * image ids. Stat-first: the context is walked with nanosecond lstat and only the files a COPY
 * selects whose stat changed since the last walk are read.
 */
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import {
  MAX_FILES_PER_SOURCE,
  type BuildCacheInputs,
  type CachedFile,
  type StepInputs,
} from '../../shared/cache/cache-model';
import { analyzeDockerfile } from '../../shared/dockerfile/analyze-dockerfile';
import { readUserTextSync } from '../fs/safe-files';
import {
  DockerignoreMatcher,
  parseDockerignore,
  type DockerignoreLine,
} from '../context/dockerignore-matcher';
import { TimeSlicer } from '../context/time-slicer';
import { exactStatsFromWalk, walkContext } from '../context/walk-context';
import type { FileHashCache, StatEntry } from './file-hash-cache';
import { resolveStepInputs } from './resolve-step-inputs';
import { includesCover, selectCopySources } from './select-copy-sources';

/** What a build (or the build about to be asked for) consists of. */
export interface CacheInputsRequest {
  builder: 'classic' | 'buildkit';
  noCache: boolean;
  /** Absolute, symlinks resolved (as planContext gives them). */
  contextDir: string;
  dockerfilePath: string;
  dockerfileText: string;
  buildArgs: Readonly<Record<string, string>>;
  target: string | null;
}

/** How a FROM's image reference became an image id; null when unknown. */
export type ResolveBaseImage = (reference: string) => Promise<string | null>;

/**
 * The ignore patterns that decide what COPY sees: BuildKit prefers `<Dockerfile>.dockerignore`
 * beside the Dockerfile (see buildkit-session/dockerfile-ignore.ts), both builders read the
 * context's `.dockerignore`. No build-file exceptions are added: the engine hides an ignored
 * Dockerfile or .dockerignore from COPY even though the CLI sends it.
 */
function copyIgnoreLines(request: CacheInputsRequest): DockerignoreLine[] {
  const candidates = [
    ...(request.builder === 'buildkit'
      ? [join(dirname(request.dockerfilePath), `${basename(request.dockerfilePath)}.dockerignore`)]
      : []),
    join(request.contextDir, '.dockerignore'),
  ];
  for (const path of candidates) {
    const read = readUserTextSync(path, { links: 'follow', within: dirname(path), label: 'The ignore file' });
    if (!read.ok) continue;
    try {
      return parseDockerignore(read.value.text);
    } catch {
      // An invalid file fails the build itself; here it just selects everything.
    }
  }
  return [];
}

/** What the build's own file sync listed of the context, so it is not walked twice. */
export interface ContextListing {
  includePatterns: readonly string[] | null;
  excludePatterns: readonly string[] | null;
  /** What the walk listed (never the parent folders added for the receiver), nanosecond lstat. */
  entries: readonly StatEntry[];
}

/**
 * The listing's entries when they are what our own walk would give for these sources: the engine
 * excluded exactly the ignore file's patterns and included at least every source.
 */
function reusableEntries(
  listing: ContextListing,
  ignore: readonly DockerignoreLine[],
  sources: readonly string[],
): readonly StatEntry[] | null {
  if (!includesCover(listing.includePatterns, sources)) return null;
  let excluded: string[];
  try {
    excluded = parseDockerignore((listing.excludePatterns ?? []).join('\n')).map((line) => line.pattern);
  } catch {
    return null;
  }
  const ours = ignore.map((line) => line.pattern);
  return excluded.length === ours.length && excluded.every((pattern, index) => pattern === ours[index])
    ? listing.entries
    : null;
}

/** One digest over a source's files: path and key of each, in path order. */
export function sourcesDigest(files: readonly CachedFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.path}\0${file.hash}\n`);
  return `sha256:${hash.digest('hex')}`;
}

/**
 * Everything the builder's cache decisions for this request depend on, as the disk is now.
 * Base images are resolved with `resolveBaseImage` (null when not given: fill them in after the
 * build with `withBaseImageIds`).
 */
export async function collectBuildCacheInputs(
  request: CacheInputsRequest,
  hashes: FileHashCache,
  options: {
    resolveBaseImage?: ResolveBaseImage;
    signal?: AbortSignal;
    /** Finds a listing of the context the build itself made; null when none fits (then we walk). */
    findListing?: (accept: (listing: ContextListing) => boolean) => Promise<ContextListing | null>;
  } = {},
): Promise<BuildCacheInputs> {
  const analysis = analyzeDockerfile(request.dockerfileText);
  const resolved = resolveStepInputs(analysis, request, request.builder);

  // Asked of the engine while the context is walked, not after.
  const resolve = options.resolveBaseImage;
  const baseImageIds = new Map(
    resolved.flatMap((step) =>
      step.baseImage && resolve
        ? [[step.inputs.line, resolve(step.baseImage).catch(() => null)] as const]
        : [],
    ),
  );
  const copying = resolved.filter((step) => step.contextSources !== null);
  let entries: readonly StatEntry[] = [];
  if (copying.length > 0) {
    const ignore = copyIgnoreLines(request);
    const sources = copying.flatMap((step) => step.contextSources!);
    const listing = options.findListing
      ? await options.findListing((candidate) => reusableEntries(candidate, ignore, sources) !== null)
      : null;
    entries = listing?.entries ?? (await walkForCopy(request.contextDir, ignore, options.signal));
  }
  const selections = new Map(
    copying.map((step) => [step.inputs.line, selectCopySources(entries, step.contextSources!)] as const),
  );
  const needed = new Map<string, StatEntry>();
  for (const selected of selections.values()) for (const entry of selected) needed.set(entry.path, entry);
  const keys = await hashes.keys(request.contextDir, [...needed.values()]);

  const files: BuildCacheInputs['files'] = {};
  const steps: StepInputs[] = [];
  for (const step of resolved) {
    let sources: StepInputs['sources'] = null;
    const selected = selections.get(step.inputs.line);
    if (selected) {
      const list: CachedFile[] = selected
        .map((entry) => {
          const key = keys.get(entry.path)!;
          // Folders are keyed too (their mode), marked by a trailing slash.
          const path = entry.type === 'directory' ? `${entry.path}/` : entry.path;
          return { path, hash: key.hash, bytes: key.bytes };
        })
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      sources = { digest: sourcesDigest(list), files: list.length };
      files[step.inputs.line] = {
        list: list.slice(0, MAX_FILES_PER_SOURCE),
        truncated: list.length > MAX_FILES_PER_SOURCE,
      };
    }
    const baseImageId = (await baseImageIds.get(step.inputs.line)) ?? null;
    steps.push({ ...step.inputs, baseImageId, sources });
  }
  await hashes.persist(request.contextDir).catch(() => undefined);
  return {
    version: 1,
    builder: request.builder,
    noCache: request.noCache,
    dockerfilePath: request.dockerfilePath,
    contextDir: request.contextDir,
    steps,
    files,
  };
}

async function walkForCopy(
  contextDir: string,
  ignore: readonly DockerignoreLine[],
  signal: AbortSignal | undefined,
): Promise<StatEntry[]> {
  const walked = await walkContext(contextDir, new DockerignoreMatcher(ignore), new TimeSlicer(signal), {
    exactStats: true,
  });
  return walked.entries.flatMap((entry) => {
    const stats = exactStatsFromWalk(entry);
    return stats
      ? [{ path: entry.path, absPath: join(contextDir, entry.path), type: entry.type, stats }]
      : [];
  });
}

/** The inputs with every FROM of an image given the id the engine used (after the build). */
export async function withBaseImageIds(
  inputs: BuildCacheInputs,
  dockerfileText: string,
  resolveBaseImage: ResolveBaseImage,
): Promise<BuildCacheInputs> {
  const analysis = analyzeDockerfile(dockerfileText);
  const steps: StepInputs[] = [];
  for (const step of inputs.steps) {
    if (step.keyword !== 'FROM' || step.fromStage !== null || step.baseImageId !== null) {
      steps.push(step);
      continue;
    }
    const stage = analysis.stages[step.stage];
    const reference =
      stage && stage.baseImage !== 'scratch'
        ? step.resolvedText.split(/\s+/).filter((w) => !w.startsWith('--'))[1]
        : undefined;
    steps.push({ ...step, baseImageId: reference ? await resolveBaseImage(reference) : null });
  }
  return { ...inputs, steps };
}
