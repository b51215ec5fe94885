import type Docker from 'dockerode';
import {
  closeSteps,
  stepPosition,
  type BuilderKind,
  type BuildLogParser,
  type BuildStep,
  type BuildUpdate,
} from '../../shared/build/build-model';
import type { BuildRecord, BuildSummary } from '../../shared/build/build-record';
import type { BuildRequest } from '../../shared/build/build-request';
import { analyzeDockerfile, type DockerfileAnalysis } from '../../shared/dockerfile/analyze-dockerfile';
import { createBuildKitParser } from '../../shared/build/parse-buildkit-status';
import { createClassicBuildParser } from '../../shared/build/parse-classic-build';
import { commandOutputTail, createStepOutput } from '../../shared/build/step-output';
import { explainBuildError } from '../../shared/build/summarize-build-error';
import { fail, ok, type Result } from '../../shared/result';
import type { EngineConnection } from '../engine/engine-connection';
import { engineMessage, isConnectionError } from '../engine/engine-error';
import type { EventSink } from '../../shared/api';
import { readJsonLines } from '../engine/read-json-lines';
import type { BuildHistory } from '../store/build-history';
import { normalizeBuildMessage } from './decode-buildkit-trace';
import { ContextError, packContext, planContext, type ContextPlan } from './pack-context';
import { describeBuildFailure } from '../../shared/build/describe-build-failure';
import { readDockerfile } from '../fs/user-dockerfile';
import type { OperationControls, Operations } from '../operations/operations';

export interface BuildRunnerDeps {
  connection: EngineConnection;
  operations: Operations;
  history: BuildHistory;
  emit: EventSink;
  now?: () => number;
}

/** Starts builds, streams their progress as `build:event`s, and keeps each in the history. */
export interface BuildRunner extends OperationControls {
  /** Checks the request, saves the record as running and starts the build; `settled` once it is saved ended. */
  start(request: BuildRequest): Promise<Result<BuildSummary>>;
}

/** Context upload progress is throttled: a 1 GB context would otherwise send thousands of events. */
const CONTEXT_PROGRESS_INTERVAL_MS = 100;

export function createBuildRunner(deps: BuildRunnerDeps): BuildRunner {
  const now = deps.now ?? Date.now;

  const prepare = async (
    request: BuildRequest,
  ): Promise<Result<{ plan: ContextPlan; text: string; analysis: DockerfileAnalysis }>> => {
    let plan: ContextPlan;
    try {
      plan = await planContext(request.contextDir, request.dockerfile);
    } catch (error) {
      if (error instanceof ContextError) {
        const field = error.code === 'DOCKERFILE_NOT_FOUND' ? 'dockerfile' : 'contextDir';
        return fail('VALIDATION', error.message, { field });
      }
      throw error;
    }
    // Its text is kept in the history and shown: only a Dockerfile-named, capped, plain file.
    const read = await readDockerfile(plan.dockerfilePath);
    if (!read.ok) return fail('VALIDATION', read.problem.message, { field: 'dockerfile' });
    const text = read.value.text;
    const analysis = analyzeDockerfile(text);
    if (request.target && !analysis.stages.some((stage) => stage.name === request.target)) {
      const names = analysis.stages.flatMap((stage) => (stage.name ? [stage.name] : []));
      return fail(
        'VALIDATION',
        names.length
          ? `There is no stage "${request.target}" in the Dockerfile; its named stages are: ${names.join(', ')}.`
          : `There is no stage "${request.target}": the Dockerfile names no stage (write FROM image AS name).`,
        { field: 'target' },
      );
    }
    return ok({ plan, text, analysis });
  };

  const chooseBuilder = (request: BuildRequest): Result<BuilderKind> => {
    const status = deps.connection.status();
    const buildkit = status.state === 'connected' && status.info.buildkit;
    if (request.builder === 'buildkit' && !buildkit) {
      return fail('VALIDATION', 'This engine has no BuildKit; choose the classic builder.', {
        field: 'builder',
      });
    }
    if (request.builder === 'classic') return ok('classic');
    return ok(buildkit ? 'buildkit' : 'classic');
  };

  const run = async (
    docker: Docker,
    record: BuildRecord,
    plan: ContextPlan,
    parser: BuildLogParser,
    signal: AbortSignal,
    analysis: DockerfileAnalysis,
  ): Promise<void> => {
    const { request } = record;
    const steps = new Map<string, BuildStep>();
    const logParts: string[] = [];
    const stepOutput = createStepOutput(record.stepLogs, STEP_LOG_LINES);
    const emit = (event: Parameters<typeof deps.emit<'build:event'>>[1]['event']): void =>
      deps.emit('build:event', { id: record.id, event });

    const apply = (update: BuildUpdate): void => {
      switch (update.kind) {
        case 'step': {
          const previous = steps.get(update.step.id);
          steps.set(update.step.id, update.step);
          emit(update);
          // BuildKit sends no text when a step starts or ends; write the line its plain progress would.
          if (record.builder === 'buildkit' && previous?.status !== update.step.status) {
            const header = buildKitHeader(update.step);
            if (header) apply({ kind: 'log', stepId: null, text: header });
          }
          return;
        }
        case 'log':
          logParts.push(update.text);
          if (update.stepId) stepOutput.append(update.stepId, update.text, update.stream);
          break;
        case 'warning':
          record.warnings.push(update.warning);
          logParts.push(`WARNING: ${update.warning.message}\n`);
          break;
        case 'image':
          record.imageId = update.imageId;
          break;
        case 'error':
          record.error ??= { message: update.message, line: update.line };
          logParts.push(`ERROR: ${update.message}\n`);
          break;
      }
      emit(update);
    };

    let lastProgress = 0;
    try {
      const tar = packContext(plan, {
        signal,
        onProgress: (sentBytes) => {
          if (now() - lastProgress < CONTEXT_PROGRESS_INTERVAL_MS && sentBytes < plan.totalBytes) return;
          lastProgress = now();
          emit({ kind: 'context', sentBytes, totalBytes: plan.totalBytes });
        },
      });
      const stream = (await docker.buildImage(tar, {
        dockerfile: plan.dockerfileName,
        t: request.tags,
        buildargs: request.buildArgs,
        labels: request.labels,
        nocache: request.noCache,
        pull: request.pull,
        rm: true,
        // Without forcerm a failed RUN leaves its container behind.
        forcerm: true,
        version: record.builder === 'buildkit' ? '2' : '1',
        abortSignal: signal,
        ...(request.target ? { target: request.target } : {}),
        ...(request.platform ? { platform: request.platform } : {}),
      } as unknown as Docker.ImageBuildOptions)) as NodeJS.ReadableStream;
      await readJsonLines(stream, (message) => {
        for (const update of parser.push(normalizeBuildMessage(message))) apply(update);
      });
      if (!record.error && !record.imageId) {
        record.error = { message: 'The engine ended the build without producing an image.', line: null };
      }
    } catch (error) {
      if (signal.aborted) {
        record.status = 'cancelled';
      } else {
        const failure = describeBuildFailure(engineMessage(error), isConnectionError(error));
        record.error ??= failure;
        logParts.push(`ERROR: ${failure.message}\n`);
        emit({ kind: 'error', message: failure.message, line: failure.line, stepId: null });
      }
    }

    if (record.error) record.error = explainBaseImageFailure(record.error, analysis);
    if (record.status !== 'cancelled') record.status = record.error ? 'failed' : 'succeeded';
    if (record.status === 'succeeded' && record.imageId) {
      record.imageSizeBytes = await docker
        .getImage(record.imageId)
        .inspect()
        .then((info) => info.Size)
        .catch(() => null);
    }
    record.endedAt = now();
    stepOutput.flush();
    // A cancelled or failed build leaves steps that never finished or never started: close them.
    record.steps = closeSteps([...steps.values()], record.status, record.endedAt);
    if (record.error) record.error = explained(record.error, record.steps, record.stepLogs);
    record.stepCount = record.steps.filter((step) => !step.internal).length;
    record.cachedSteps = record.steps.filter((step) => step.status === 'cached').length;
    if (record.status === 'cancelled') logParts.push('Build cancelled.\n');
    record.log = logParts.join('');
    await deps.history.save(record);
    emit({ kind: 'finished', summary: toSummary(record) });
  };

  return {
    async start(request) {
      const engine = deps.operations.engine();
      if (!engine.ok) return engine;
      const builder = chooseBuilder(request);
      if (!builder.ok) return builder;
      const prepared = await prepare(request);
      if (!prepared.ok) return prepared;
      const { plan, text, analysis } = prepared.value;

      const record: BuildRecord = {
        id: deps.operations.newId(),
        request,
        dockerfilePath: plan.dockerfilePath,
        builder: builder.value,
        status: 'running',
        startedAt: now(),
        endedAt: null,
        imageId: null,
        imageSizeBytes: null,
        error: null,
        stepCount: 0,
        cachedSteps: 0,
        steps: [],
        stepLogs: {},
        warnings: [],
        dockerfileText: text,
        log: '',
      };
      await deps.history.save(record);
      deps.emit('build:event', { id: record.id, event: { kind: 'started', summary: toSummary(record) } });

      const parser =
        record.builder === 'buildkit'
          ? createBuildKitParser(analysis, now)
          : createClassicBuildParser(analysis, now);
      deps.operations.run('build', record.id, (signal) =>
        run(engine.value, record, plan, parser, signal, analysis),
      );
      return ok(toSummary(record));
    },
    ...deps.operations.controls('build'),
  };
}

/**
 * A base image that is neither local nor pullable fails before any step runs (BuildKit names no
 * vertex for it): point at its FROM line and say what happened in plain words.
 */
function explainBaseImageFailure(
  error: { message: string; line: number | null },
  analysis: DockerfileAnalysis,
): { message: string; line: number | null } {
  const stage = analysis.stages.find(
    (candidate) =>
      candidate.baseImage !== 'scratch' && error.message.includes(candidate.baseImage.split(/[:@]/)[0]!),
  );
  if (
    !stage ||
    !/pull|not found|no such image|unauthorized|denied|manifest|credentials|resolve/i.test(error.message)
  )
    return error;
  return {
    message: `The base image ${stage.baseImage} is not on this engine and could not be pulled: ${error.message}`,
    line: error.line ?? stage.line,
  };
}

function toSummary(record: BuildRecord): BuildSummary {
  const {
    steps: _steps,
    stepLogs: _stepLogs,
    warnings: _warnings,
    dockerfileText: _text,
    log: _log,
    ...summary
  } = record;
  return summary;
}

/** Lines kept per step in the record; the full output stays in the raw log. */
const STEP_LOG_LINES = 500;
/** Lines of the failing step's output read for the explanation (the reason is near the end). */
const EXPLAINED_LINES = 40;

/** The error with its sentence in words, from the failing step's last output. */
function explained(
  error: { message: string; line: number | null },
  steps: readonly BuildStep[],
  stepLogs: Record<string, string[]>,
): BuildRecord['error'] {
  const failed = steps.find((step) => step.status === 'error');
  const output = failed ? commandOutputTail(stepLogs[failed.id] ?? [], EXPLAINED_LINES) : [];
  return {
    ...error,
    explanation: explainBuildError(error.message, { output, instruction: failed?.instruction ?? null }),
  };
}

/** A BuildKit-style line for the raw log when a step changes state (BuildKit sends no text for it). */
function buildKitHeader(step: BuildStep): string {
  const position = stepPosition(step);
  const name = step.internal || !position ? step.instruction : `${position} ${step.instruction}`;
  switch (step.status) {
    case 'cached':
      return `=> CACHED ${name}\n`;
    case 'running':
      return `=> ${name}\n`;
    case 'done':
      return step.startedAt && step.endedAt
        ? `=> DONE ${((step.endedAt - step.startedAt) / 1000).toFixed(1)}s ${name}\n`
        : `=> DONE ${name}\n`;
    case 'error':
      return `=> ERROR ${name}${step.error ? `: ${step.error}` : ''}\n`;
    case 'cancelled':
      return `=> CANCELED ${name}\n`;
    case 'queued':
    case 'not-run':
      return '';
  }
}
