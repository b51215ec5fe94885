/**
 * A build's events folded into one state: main saves it as the history record, the renderer
 * shows it live, so a running build and a saved one have one shape.
 */
import { closeSteps, type BuildStep, type BuildWarning } from '../builds/build-model';
import type { BuildError, BuildEvent, BuildRecord, BuildStatus, BuildSummary } from '../builds/build-record';
import {
  appendStepOutput,
  commandOutputTail,
  flushStepOutput,
  type OpenStepLines,
  type StepLines,
} from '../builds/step-output';
import { explainBuildError } from '../builds/summarize-build-error';
import { appendLog, emptyLog, logHasText, logText, type LogLines } from './log-lines';
import type { OperationFold } from './operation-fold';

/** Lines kept per step, live and in the record; the whole output stays in the raw log. */
export const STEP_LOG_LINES = 500;
/** Lines of the failing step's output read for the explanation (the reason is near the end). */
const EXPLAINED_LINES = 40;

/** One build as far as its events tell. */
export interface BuildState {
  /** The history line; complete (counts, explanation) once `finished` has come. */
  summary: BuildSummary;
  /**
   * Each in its last state, closed once the build ended; a step with a Dockerfile line goes before
   * the first one with a later line, the others where they first appeared (see placeStep).
   */
  steps: BuildStep[];
  /** Each step's output in whole lines, the last `STEP_LOG_LINES` of it. */
  stepLogs: StepLines;
  /** Step output still waiting for its line break. */
  openStepLines: OpenStepLines;
  warnings: BuildWarning[];
  /** The first error heard, until `finished` brings the explained one. */
  error: BuildError | null;
  /** The raw log: output, `WARNING:` and `ERROR:` lines, `Build cancelled.` (see `logLines`). */
  log: LogLines;
  /** Context upload progress, while it is being sent (`files`: what a session transfer asked for). */
  context: { sentBytes: number; totalBytes: number; files?: number } | null;
}

/** Steps as the header counts them: the Dockerfile's instructions, not BuildKit's internal ones. */
export interface BuildProgress {
  /** Instruction steps heard of. */
  count: number;
  /** How many there are in all, as far as the builder said (`[2/5]`). */
  total: number;
  /** Steps that ran, came from the cache, failed or were stopped. */
  ran: number;
  cached: number;
}

/** Where the instruction steps stand: the one place the step counts are worked out. */
export function buildProgress(steps: readonly BuildStep[]): BuildProgress {
  const instructions = steps.filter((step) => !step.internal);
  return {
    count: instructions.length,
    total: Math.max(instructions.length, ...instructions.map((step) => step.total ?? 0)),
    ran: instructions.filter((step) => RAN.has(step.status)).length,
    cached: steps.filter((step) => step.status === 'cached').length,
  };
}

const RAN = new Set<BuildStep['status']>(['done', 'cached', 'error', 'cancelled']);

/**
 * A new step in Dockerfile order: BuildKit 0.13 (Docker 26) announces a build's vertexes last
 * first, 0.8 (dockerd 20.10) the FROM after the steps that need it, so arrival order is no order
 * to keep. BuildKit's internal steps (no line) stay where they came.
 */
function placeStep(steps: readonly BuildStep[], step: BuildStep): BuildStep[] {
  const { line } = step;
  const before = line === null ? -1 : steps.findIndex((other) => other.line !== null && other.line > line);
  return before < 0 ? [...steps, step] : steps.toSpliced(before, 0, step);
}

/** The state of a build that has just started. */
export function initialBuildState(summary: BuildSummary): BuildState {
  return {
    summary,
    steps: [],
    stepLogs: {},
    openStepLines: {},
    warnings: [],
    error: null,
    log: emptyLog(),
    context: null,
  };
}

/** Folds one event into the build; the state passed in is left as it was. */
export function applyBuildEvent(state: BuildState, event: BuildEvent): BuildState {
  switch (event.kind) {
    case 'started':
      return initialBuildState(event.summary);
    case 'context': {
      const { sentBytes, totalBytes, files } = event;
      return {
        ...state,
        context: files === undefined ? { sentBytes, totalBytes } : { sentBytes, totalBytes, files },
      };
    }
    case 'transfer':
      return { ...state, summary: { ...state.summary, contextTransfer: event.transfer } };
    case 'step': {
      const index = state.steps.findIndex((step) => step.id === event.step.id);
      const steps = index >= 0 ? state.steps.with(index, event.step) : placeStep(state.steps, event.step);
      return { ...state, steps };
    }
    case 'log': {
      const next = { ...state, log: appendLog(state.log, event.text) };
      if (!event.stepId) return next;
      const output = appendStepOutput(
        { lines: state.stepLogs, open: state.openStepLines },
        event.stepId,
        event.text,
        event.stream,
        STEP_LOG_LINES,
      );
      return { ...next, stepLogs: output.lines, openStepLines: output.open };
    }
    case 'warning':
      return {
        ...state,
        warnings: [...state.warnings, event.warning],
        log: appendLog(state.log, `WARNING: ${event.warning.message}\n`),
      };
    case 'image':
      return { ...state, summary: { ...state.summary, imageId: event.imageId } };
    case 'error':
      // Only in the raw log: a step's lines are what its command printed.
      return {
        ...state,
        error: state.error ?? { message: event.message, line: event.line },
        log: appendLog(state.log, `ERROR: ${event.message}\n`),
      };
    case 'finished': {
      const { summary } = event;
      const output = flushStepOutput({ lines: state.stepLogs, open: state.openStepLines }, STEP_LOG_LINES);
      return {
        ...state,
        summary,
        // The ended build's steps as the record keeps them: none stays running or queued.
        steps: closeSteps(state.steps, summary.status, summary.endedAt),
        stepLogs: output.lines,
        openStepLines: output.open,
        error: summary.error ?? state.error,
        log: summary.status === 'cancelled' ? appendLog(state.log, 'Build cancelled.\n') : state.log,
      };
    }
  }
}

/** How a build ended, as main saw it. */
export interface BuildEnding {
  status: Exclude<BuildStatus, 'running'>;
  error: { message: string; line: number | null } | null;
  endedAt: number;
  imageSizeBytes: number | null;
}

/**
 * The summary a build's `finished` event carries: counts from its closed steps, and the error
 * with its sentence in words from the failing step's last output.
 */
export function endedBuildSummary(state: BuildState, ending: BuildEnding): BuildSummary {
  const { lines } = flushStepOutput({ lines: state.stepLogs, open: state.openStepLines }, STEP_LOG_LINES);
  const steps = closeSteps(state.steps, ending.status, ending.endedAt);
  const progress = buildProgress(steps);
  return {
    ...state.summary,
    status: ending.status,
    endedAt: ending.endedAt,
    imageSizeBytes: ending.imageSizeBytes,
    error: ending.error ? explained(ending.error, steps, lines) : null,
    stepCount: progress.count,
    cachedSteps: progress.cached,
  };
}

function explained(
  error: { message: string; line: number | null },
  steps: readonly BuildStep[],
  stepLogs: StepLines,
): BuildError {
  const failed = steps.find((step) => step.status === 'error');
  const output = failed ? commandOutputTail(stepLogs[failed.id] ?? [], EXPLAINED_LINES) : [];
  return {
    ...error,
    explanation: explainBuildError(error.message, { output, instruction: failed?.instruction ?? null }),
  };
}

/** The history record of a build in this state, with the Dockerfile it was built from. */
export function buildRecord(state: BuildState, dockerfileText: string): BuildRecord {
  return {
    ...state.summary,
    steps: state.steps,
    stepLogs: state.stepLogs as Record<string, string[]>,
    warnings: state.warnings,
    dockerfileText,
    log: logText(state.log),
  };
}

/**
 * A saved record as the state its events folded into, so a view reads a saved build as it reads
 * a live one. A record saved before explanations were kept has its error explained here, from the
 * failing step's saved output. `liveLog`, the log the page folded while the build ran, is kept
 * when it holds the record's log exactly (no second split of a long log when the record lands).
 */
export function buildStateOfRecord(record: BuildRecord, liveLog?: LogLines): BuildState {
  const { steps, stepLogs, warnings, dockerfileText: _dockerfileText, log, ...summary } = record;
  const error =
    summary.error && (summary.error.explanation ?? null) === null
      ? explained(summary.error, steps, stepLogs)
      : summary.error;
  return {
    summary: { ...summary, error },
    steps,
    stepLogs,
    openStepLines: {},
    warnings,
    error,
    log: liveLog && logHasText(liveLog, log) ? liveLog : appendLog(emptyLog(), log),
    context: null,
  };
}

/** Builds open at their `started` event (earlier events of an unknown build are ignored). */
export const buildFold: OperationFold<BuildState, BuildEvent> = {
  start: (_id, event) => (event.kind === 'started' ? initialBuildState(event.summary) : null),
  apply: (state, event) => applyBuildEvent(state, event),
};
