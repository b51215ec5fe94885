/*
 * Glue between the build runner, its history and the pure cache explanations (issue #17): which
 * earlier build a build is compared with, what the engine did per step, and the prediction for a
 * build not yet started.
 */
import type { BuildStep } from '../../shared/builds/build-model';
import type { BuildRecord } from '../../shared/builds/build-record';
import type { BuildCacheInputs } from '../../shared/cache/cache-model';
import type { BuildHistory } from '../store/build-history';
import type { explainBuildCache, predictBuildCache, PreviousBuild } from '../../shared/cache/explain-cache';
import { withBaseImageIds } from './collect-build-cache-inputs';

/** An earlier build to compare with. */
export type PreviousBuildInputs = PreviousBuild;

/** What the engine did per Dockerfile line of an instruction step. */
export type StepOutcome = Record<number, { cached: boolean; instruction: string }>;

export type ExplainBuildCache = typeof explainBuildCache;
export type PredictBuildCache = typeof predictBuildCache;

/** Steps that came from cache or ran to the end, by the line of their instruction. */
export function stepOutcome(steps: readonly BuildStep[]): StepOutcome {
  const outcome: StepOutcome = {};
  for (const step of steps) {
    if (step.internal || step.line === null) continue;
    if (step.status !== 'cached' && step.status !== 'done') continue;
    // FROM is no cache decision: classic always reports it as run, BuildKit as resolved. A changed
    // base image still shows, as the reason of the steps after it.
    if (/^FROM\b/i.test(step.instruction.replace(/^\[[^\]]*\]\s*/, ''))) continue;
    // BuildKit may name one line twice (a FROM resolved, then loaded): cached only if all were.
    const known = outcome[step.line];
    outcome[step.line] = {
      cached: (known?.cached ?? true) && step.status === 'cached',
      instruction: known?.instruction ?? step.instruction,
    };
  }
  return outcome;
}

/** How long each step that ran took, by line (cached steps took no time worth saving). */
export function stepDurations(steps: readonly BuildStep[]): Record<number, number> {
  const durations: Record<number, number> = {};
  for (const step of steps) {
    if (step.internal || step.line === null || step.status !== 'done') continue;
    if (step.startedAt === null || step.endedAt === null) continue;
    durations[step.line] = (durations[step.line] ?? 0) + Math.max(0, step.endedAt - step.startedAt);
  }
  return durations;
}

/** How many ended builds of the same Dockerfile are looked at for one with inputs. */
const LOOK_BACK = 20;

/**
 * The newest ended build of the same Dockerfile and context folder that has cache inputs
 * (records from before #17 have none), other than `exceptId`.
 */
export async function findPreviousBuild(
  history: BuildHistory,
  key: { dockerfilePath: string; contextDir: string },
  exceptId: string | null,
): Promise<PreviousBuildInputs | null> {
  const { builds } = await history.list();
  const candidates = builds
    .filter((build) => build.id !== exceptId && build.status !== 'running')
    .filter((build) => build.dockerfilePath === key.dockerfilePath)
    .slice(0, LOOK_BACK);
  for (const candidate of candidates) {
    const record: BuildRecord | null = await history.get(candidate.id).catch(() => null);
    const inputs = record?.cacheInputs;
    if (!record || !inputs || inputs.contextDir !== key.contextDir) continue;
    return {
      id: record.id,
      startedAt: record.startedAt,
      inputs,
      stepDurationsMs: stepDurations(record.steps),
    };
  }
  return null;
}

/** The engine's image id for a reference, or the digest BuildKit named in the FROM step. */
export function baseImageResolver(
  inspect: (reference: string) => Promise<string | null>,
  steps: readonly BuildStep[] = [],
): (reference: string) => Promise<string | null> {
  return async (reference) => {
    const id = await inspect(reference).catch(() => null);
    if (id) return id;
    const named = steps.find(
      (step) => step.instruction.includes(reference) && /@sha256:[0-9a-f]{64}/.test(step.instruction),
    );
    return named ? `sha256:${/@sha256:([0-9a-f]{64})/.exec(named.instruction)![1]}` : null;
  };
}

/**
 * What an ended build keeps of cache insight: its inputs with base image ids filled in, and the
 * explanation against the previous comparable build when the explainer is there.
 */
export async function finishCacheInsight(options: {
  history: BuildHistory;
  id: string;
  inputs: BuildCacheInputs | null;
  steps: readonly BuildStep[];
  dockerfileText: string;
  resolveBaseImage: (reference: string) => Promise<string | null>;
  explain: ExplainBuildCache | null;
}): Promise<Pick<BuildRecord, 'cacheInputs' | 'cacheExplanation'>> {
  if (!options.inputs) return {};
  const cacheInputs = await withBaseImageIds(
    options.inputs,
    options.dockerfileText,
    options.resolveBaseImage,
  );
  if (!options.explain) return { cacheInputs };
  const previous = await findPreviousBuild(options.history, cacheInputs, options.id);
  const cacheExplanation = options.explain({
    previous,
    current: cacheInputs,
    outcome: stepOutcome(options.steps),
    dockerfileText: options.dockerfileText,
  });
  return { cacheInputs, cacheExplanation };
}
