/*
 * `cache:predict` (issue #17): what the next build of a request will take from cache, from the
 * inputs as the disk is now and the last comparable build's. Stat-first: only files whose stat
 * changed since they were last hashed are read, so an unchanged 50k-file context answers fast.
 */
import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BuildRequest } from '../../shared/builds/build-request';
import type { CachePrediction } from '../../shared/cache/cache-model';
import { fail, ok, type Result } from '../../shared/result';
import { ContextError } from '../context/context-error';
import { defaultDockerfile } from '../fs/check-build-files';
import { readDockerfile } from '../fs/user-dockerfile';
import type { BuildHistory } from '../store/build-history';
import { findPreviousBuild, type PredictBuildCache } from './build-cache-insight';
import { collectBuildCacheInputs } from './collect-build-cache-inputs';
import type { FileHashCache } from './file-hash-cache';

/** Predicts a build of `request` with the given builder; failures point at the form field. */
export async function predictCacheFor(
  request: BuildRequest & { dockerfileText?: string },
  options: {
    builder: 'classic' | 'buildkit';
    history: BuildHistory;
    hashCache: FileHashCache;
    predict: PredictBuildCache | null;
    inspect: (reference: string) => Promise<string | null>;
    signal?: AbortSignal;
  },
): Promise<Result<CachePrediction>> {
  if (!options.predict) return fail('INTERNAL', 'Cache prediction is not available in this version.');
  // Resolved as planContext resolves them, so the last build's record matches.
  const contextDir = await realpath(resolve(request.contextDir)).catch(() => null);
  if (!contextDir || !(await stat(contextDir)).isDirectory())
    return fail('VALIDATION', `The build context folder ${request.contextDir} does not exist.`, {
      field: 'contextDir',
    });
  const given = request.dockerfile ?? (await defaultDockerfile(contextDir));
  const read = await readDockerfile(given, request.dockerfile === null ? contextDir : undefined);
  if (!read.ok)
    return fail(
      'VALIDATION',
      read.problem.code === 'MISSING' ? `There is no Dockerfile at ${given}.` : read.problem.message,
      { field: 'dockerfile' },
    );
  const dockerfileText = request.dockerfileText ?? read.value.text;
  try {
    const current = await collectBuildCacheInputs(
      {
        builder: options.builder,
        noCache: request.noCache,
        contextDir,
        dockerfilePath: read.value.realPath,
        dockerfileText,
        buildArgs: request.buildArgs,
        target: request.target,
      },
      options.hashCache,
      { resolveBaseImage: options.inspect, ...(options.signal ? { signal: options.signal } : {}) },
    );
    const previous = await findPreviousBuild(options.history, current, null);
    const prediction = options.predict({ previous, current, dockerfileText });
    const keywords = new Map(current.steps.map((step) => [step.line, step.keyword]));
    return ok({
      ...prediction,
      steps: prediction.steps.filter((step) =>
        makesCachedStep(options.builder, keywords.get(step.line) ?? ''),
      ),
    });
  } catch (error) {
    if (options.signal?.aborted) return fail('CANCELLED', 'The prediction was cancelled.');
    if (error instanceof ContextError) return fail('VALIDATION', error.message, { field: 'contextDir' });
    throw error;
  }
}

/** Instructions BuildKit runs as steps with a cache decision; ENV, LABEL, CMD… only change the config. */
const BUILDKIT_STEPS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/**
 * Whether the build will show the instruction as a step that is cached or runs, so the answer
 * lists what the build view will list: the classic builder commits every instruction (metadata
 * ones too, "Using cache"), BuildKit only filesystem steps. FROM is left out on both, as in the
 * saved explanation: finding the base image is no cache decision.
 */
export function makesCachedStep(builder: 'classic' | 'buildkit', keyword: string): boolean {
  if (keyword === 'FROM') return false;
  return builder === 'classic' || BUILDKIT_STEPS.has(keyword);
}
