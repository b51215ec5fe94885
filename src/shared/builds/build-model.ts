/**
 * One model of a build for both builders (classic and BuildKit): steps with status, timing,
 * Dockerfile line and logs; warnings; the final image or the error.
 *
 * The parsers turn engine messages into `BuildUpdate`s; main forwards them to the renderer as
 * they come and folds them into the history record.
 */

/** Which builder ran the build. */
export type BuilderKind = 'classic' | 'buildkit';

/**
 * Where a step is. `cancelled`: it started and was stopped (the user cancelled the build, or
 * another step failed first); `not-run`: the build ended before it started.
 */
export type StepStatus = 'queued' | 'running' | 'cached' | 'done' | 'error' | 'cancelled' | 'not-run';

/** One instruction being built (or one of BuildKit's internal steps). */
export interface BuildStep {
  /** Stable key: classic "step-<n>", BuildKit the vertex digest. */
  id: string;
  /** Position within its stage as the builder prints it (`[stage 2/5]` → 2; classic: `Step 2/5` → 2). */
  index: number | null;
  total: number | null;
  /** Stage name (`builder`) or index as text (`0`); null for internal steps. */
  stage: string | null;
  /** The instruction as the builder names it, e.g. `RUN apt-get update`. */
  instruction: string;
  /** 1-based Dockerfile line the instruction starts on, when known. */
  line: number | null;
  status: StepStatus;
  /** Milliseconds since epoch. */
  startedAt: number | null;
  endedAt: number | null;
  /** BuildKit's own bookkeeping (`[internal] load build definition`), not a Dockerfile instruction. */
  internal: boolean;
  error: string | null;
}

/** A warning from the builder (BuildKit build checks, deprecations), mapped to a line when possible. */
export interface BuildWarning {
  message: string;
  detail: string[];
  line: number | null;
  url: string | null;
}

/** One thing that happened during a build, as parsed from the engine's stream. */
export type BuildUpdate =
  | { kind: 'step'; step: BuildStep }
  /** Output text; `stepId` null for lines that belong to no step. May hold several lines. */
  | {
      kind: 'log';
      stepId: string | null;
      text: string;
      /** 1 stdout, 2 stderr, when the builder tells them apart (BuildKit does, classic does not). */
      stream?: number;
    }
  | { kind: 'warning'; warning: BuildWarning }
  | { kind: 'image'; imageId: string }
  | { kind: 'error'; message: string; line: number | null; stepId: string | null };

/** How the builders print a step's place: `[builder 2/5]`, or `[2/5]` for the only/first unnamed stage. */
export function stepPosition(step: BuildStep): string {
  if (step.index === null) return '';
  const stage = step.stage === null || step.stage === '0' ? '' : `${step.stage} `;
  return `[${stage}${step.index}/${step.total ?? '?'}]`;
}

/**
 * Steps in Dockerfile order: BuildKit reports vertices as they start, so `[1/4] FROM` can come
 * after `[2/4]`. Steps whose line is unknown keep their arrival order, after the others.
 */
export function inDockerfileOrder(steps: readonly BuildStep[]): BuildStep[] {
  const placed = steps.filter((step) => step.line !== null);
  const unplaced = steps.filter((step) => step.line === null);
  return [...placed.sort((a, b) => a.line! - b.line!), ...unplaced];
}

/** How a build ended, as far as its steps are concerned (`running`: it has not). */
export type BuildOutcome = 'running' | 'succeeded' | 'failed' | 'cancelled';

/**
 * BuildKit's word for a vertex it stopped because the build was cancelled or another vertex
 * failed (`context canceled`, sometimes after the command: `…: context canceled`).
 */
const CANCELLED_ERROR = /\bcontext canceled$/;

/** Whether a step's error only says the builder stopped it, not that it failed. */
export function isCancelledError(error: string | null): boolean {
  return error !== null && CANCELLED_ERROR.test(error.trim());
}

/**
 * The steps once the build has ended: no step stays `queued` or `running`. A step that never
 * started did not run; one that was running was cancelled — unless the build failed without
 * naming a failed step (the engine went away mid-step), then that step is where it failed.
 * BuildKit's `context canceled` errors are cancellations. Steps of a running build are unchanged.
 */
export function closeSteps(
  steps: readonly BuildStep[],
  outcome: BuildOutcome,
  endedAt: number | null,
): BuildStep[] {
  if (outcome === 'running') return [...steps];
  const failureNamed = steps.some((step) => step.status === 'error' && !isCancelledError(step.error));
  return steps.map((step): BuildStep => {
    switch (step.status) {
      case 'queued':
        return { ...step, status: 'not-run' };
      case 'running':
        return {
          ...step,
          status: outcome === 'failed' && !failureNamed ? 'error' : 'cancelled',
          endedAt: step.endedAt ?? endedAt,
        };
      case 'error':
        return isCancelledError(step.error) ? { ...step, status: 'cancelled' } : step;
      default:
        return step;
    }
  });
}

/** Turns the engine's build stream messages (already JSON-parsed) into updates. */
export interface BuildLogParser {
  push(message: unknown): BuildUpdate[];
}
