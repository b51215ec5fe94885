import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import {
  stepPosition,
  type BuilderKind,
  type BuildLogParser,
  type BuildStep,
  type BuildUpdate,
} from '../../shared/builds/build-model';
import type { BuildSummary } from '../../shared/builds/build-record';
import { analyzeDockerfile, type DockerfileAnalysis } from '../../shared/dockerfile/analyze-dockerfile';
import { createBuildKitParser } from '../../shared/builds/parse-buildkit-status';
import { createClassicBuildParser } from '../../shared/builds/parse-classic-build';
import {
  applyBuildEvent,
  buildRecord,
  endedBuildSummary,
  initialBuildState,
  type BuildState,
} from '../../shared/operations/fold-build';
import { fail, ok, type Result } from '../../shared/result';
import type { EngineConnection } from '../engine/engine-connection';
import { engineMessage, isConnectionError } from '../engine/engine-error';
import type { EventSink } from '../../shared/api';
import { readJsonLines } from '../engine/read-json-lines';
import type { BuildHistory } from '../store/build-history';
import { normalizeBuildMessage } from './decode-buildkit-trace';
import { ContextError, planContext, type ContextPlan } from '../context/pack-context';
import { requestForHistory, type BuildRequest } from '../../shared/builds/build-request';
import type { CredentialLookup } from '../buildkit-session/auth-service';
import { buildSharedKey } from '../buildkit-session/session-build';
import { resolveSessionExtras, type BuildSessionExtras } from './build-secrets';
import { openBuildStream, type BuildStreamOptions } from './open-build-stream';
import { describeBuildFailure } from '../../shared/builds/describe-build-failure';
import { readDockerfile } from '../fs/user-dockerfile';
import type { OperationControls, Operations } from '../operations/operations';
import type { BuildCacheInputs, CachePrediction } from '../../shared/cache/cache-model';
import { createFileHashCache, type FileHashCache } from '../cache/file-hash-cache';
import { collectBuildCacheInputs } from '../cache/collect-build-cache-inputs';
import { sharedContextWalk, type SharedContextWalk } from '../cache/shared-context-walk';
import { coalesceBuildEvents } from '../operations/coalesce-log-events';
import {
  baseImageResolver,
  finishCacheInsight,
  type ExplainBuildCache,
  type PredictBuildCache,
} from '../cache/build-cache-insight';
import { predictCacheFor } from '../cache/predict-cache';
import { explainBuildCache, predictBuildCache } from '../../shared/cache/explain-cache';
import { dirname, join } from 'node:path';

export interface BuildRunnerDeps {
  connection: EngineConnection;
  operations: Operations;
  history: BuildHistory;
  emit: EventSink;
  now?: () => number;
  /** This installation's id (settings): with the context folder, the key of a session's transfers. */
  installId?: () => Promise<string>;
  /** Registry logins for FROM images of BuildKit builds. */
  lookupCredentials?: CredentialLookup;
  /** Where secrets from variables and SSH_AUTH_SOCK are read: main's own environment. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Tests replace it to play an engine without BuildKit session support. */
  startSession?: BuildStreamOptions['startSession'];
  /** Content hashes of context files by stat (cache insight); default: beside the history's folder. */
  hashCache?: FileHashCache;
  /** Cache insight's explainer and predictor; tests may replace them. */
  explainCache?: ExplainBuildCache;
  predictCache?: PredictBuildCache;
}

/** Starts builds, streams their progress as `build:event`s, and keeps each in the history. */
export interface BuildRunner extends OperationControls {
  /** Checks the request, saves the record as running and starts the build; `settled` once it is saved ended. */
  start(request: BuildRequest): Promise<Result<BuildSummary>>;
  /** What a build of this request would take from cache, against the last comparable build. */
  /** `dockerfileText` (the editor's unsaved text) stands in for the Dockerfile on disk. */
  predict(
    request: BuildRequest & { dockerfileText?: string },
    signal?: AbortSignal,
  ): Promise<Result<CachePrediction>>;
}

export function createBuildRunner(deps: BuildRunnerDeps): BuildRunner {
  const now = deps.now ?? Date.now;
  // Without a settings store the key lasts as long as this runner (tests).
  const ownId = randomBytes(16).toString('hex');
  const installId = deps.installId ?? (async () => ownId);
  const hashCache =
    deps.hashCache ??
    createFileHashCache(deps.history.dir ? join(dirname(deps.history.dir), 'context-hashes') : null);

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

  /** Runs the build, folding every event into the record it saves and sending it on. */
  const run = async (
    docker: Docker,
    started: BuildState,
    dockerfileText: string,
    plan: ContextPlan,
    parser: BuildLogParser,
    signal: AbortSignal,
    analysis: DockerfileAnalysis,
    asked: {
      request: BuildRequest;
      extras: BuildSessionExtras;
      /** Cache insight's inputs, collected while the build starts (null when they could not be). */
      cacheInputs: Promise<BuildCacheInputs | null>;
      /** Hears the session's listing of the context, which the cache inputs reuse. */
      contextWalk: SharedContextWalk;
    },
  ): Promise<void> => {
    let state = started;
    const { id, builder } = started.summary;
    const logs = coalesceBuildEvents((event) => {
      state = applyBuildEvent(state, event);
      deps.emit('build:event', { id, event });
    });
    const emit = logs.push;
    const apply = (update: BuildUpdate): void => {
      const previous =
        update.kind === 'step' ? state.steps.find((step) => step.id === update.step.id) : undefined;
      emit(update);
      // BuildKit sends no text when a step starts or ends; write the line its plain progress would.
      if (update.kind === 'step' && builder === 'buildkit' && previous?.status !== update.step.status) {
        const header = buildKitHeader(update.step);
        if (header) emit({ kind: 'log', stepId: null, text: header });
      }
    };

    let cancelled = false;
    let noImage: { message: string; line: null } | null = null;
    try {
      const opened = await openBuildStream(docker, {
        plan,
        request: asked.request,
        builder,
        signal,
        sharedKey: buildSharedKey(await installId(), plan.contextDir),
        extras: asked.extras,
        ...(deps.lookupCredentials ? { lookupCredentials: deps.lookupCredentials } : {}),
        ...(deps.startSession ? { startSession: deps.startSession } : {}),
        now,
        onContextListed: asked.contextWalk.onListed,
        onTransfer: (transfer, fallbackReason) => {
          if (transfer === 'tar') asked.contextWalk.none();
          emit({ kind: 'transfer', transfer });
          if (fallbackReason)
            emit({
              kind: 'log',
              stepId: null,
              text: `WARNING: ${TAR_FALLBACK} (${fallbackReason}).\n`,
            });
        },
        onContext: (progress) => emit({ kind: 'context', ...progress }),
      });
      if (!opened.ok) {
        if (opened.error.code === 'CANCELLED') cancelled = true;
        else emit({ kind: 'error', message: opened.error.message, line: null, stepId: null });
      } else {
        await readJsonLines(opened.value, (message) => {
          for (const update of parser.push(normalizeBuildMessage(message))) apply(update);
        });
        if (!state.error && !state.summary.imageId) {
          noImage = { message: 'The engine ended the build without producing an image.', line: null };
        }
      }
    } catch (error) {
      if (signal.aborted) {
        cancelled = true;
      } else {
        const failure = describeBuildFailure(engineMessage(error), isConnectionError(error));
        emit({ kind: 'error', message: failure.message, line: failure.line, stepId: null });
      }
    }

    // What the state says from here on includes every line the engine sent.
    logs.dispose();
    // The engine read no context (it failed or was cancelled first): the inputs walk it themselves.
    asked.contextWalk.none();
    const failure = state.error ?? noImage;
    const error = failure ? explainBaseImageFailure(failure, analysis) : null;
    const status = cancelled ? 'cancelled' : error ? 'failed' : 'succeeded';
    const { imageId } = state.summary;
    const imageSizeBytes =
      status === 'succeeded' && imageId
        ? await docker
            .getImage(imageId)
            .inspect()
            .then((info) => info.Size)
            .catch(() => null)
        : null;
    // A cancelled or failed build leaves steps that never finished or never started: the fold closes them.
    const summary = endedBuildSummary(state, { status, error, endedAt: now(), imageSizeBytes });
    state = applyBuildEvent(state, { kind: 'finished', summary });
    const insight = await finishCacheInsight({
      history: deps.history,
      id,
      inputs: await asked.cacheInputs,
      steps: state.steps,
      dockerfileText,
      resolveBaseImage: baseImageResolver(inspectImageId(docker), state.steps),
      explain: deps.explainCache ?? explainBuildCache,
    }).catch((error: unknown) => {
      console.warn(`[dockwright] cache insight of build ${id} failed: ${(error as Error).message}`);
      return {};
    });
    await deps.history.save({ ...buildRecord(state, dockerfileText), ...insight });
    deps.emit('build:event', { id, event: { kind: 'finished', summary } });
  };

  return {
    async start(request) {
      const engine = deps.operations.engine();
      if (!engine.ok) return engine;
      const builder = chooseBuilder(request);
      if (!builder.ok) return builder;
      if (builder.value === 'classic' && (request.secrets?.length || request.ssh))
        return fail(
          'VALIDATION',
          request.builder === 'classic'
            ? 'Secrets and SSH forwarding need BuildKit; the classic builder has neither.'
            : 'Secrets and SSH forwarding need BuildKit, which this engine does not have.',
          { field: 'builder' },
        );
      const prepared = await prepare(request);
      if (!prepared.ok) return prepared;
      const { plan, text, analysis } = prepared.value;
      // Read now, so a missing file or variable is a form error and not a failed build.
      const extras = await resolveSessionExtras(request, deps.env ?? {});
      if (!extras.ok) return extras;

      const summary: BuildSummary = {
        id: deps.operations.newId(),
        // Where secrets come from stays out of the record, the events and the renderer.
        request: requestForHistory(request),
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
      };
      const started = initialBuildState(summary);
      await deps.history.save(buildRecord(started, text));
      deps.emit('build:event', { id: summary.id, event: { kind: 'started', summary } });

      const parser =
        summary.builder === 'buildkit'
          ? createBuildKitParser(analysis, now)
          : createClassicBuildParser(analysis, now);
      // Hashed as the build starts, so the inputs are the files the engine is sent; a session build
      // lends its own walk of the context.
      const contextWalk = sharedContextWalk();
      if (summary.builder !== 'buildkit') contextWalk.none();
      const cacheInputs = collectBuildCacheInputs(
        {
          builder: summary.builder,
          noCache: request.noCache,
          contextDir: plan.contextDir,
          dockerfilePath: plan.dockerfilePath,
          dockerfileText: text,
          buildArgs: request.buildArgs,
          target: request.target,
        },
        hashCache,
        { findListing: contextWalk.find },
      ).catch(() => null);
      deps.operations.run('build', summary.id, (signal) =>
        run(engine.value, started, text, plan, parser, signal, analysis, {
          request,
          extras: extras.value,
          cacheInputs,
          contextWalk,
        }),
      );
      return ok(summary);
    },
    async predict(request, signal) {
      const engine = deps.operations.engine();
      if (!engine.ok) return engine;
      const builder = chooseBuilder(request);
      if (!builder.ok) return builder;
      return predictCacheFor(request, {
        builder: builder.value,
        history: deps.history,
        hashCache,
        predict: deps.predictCache ?? predictBuildCache,
        inspect: inspectImageId(engine.value),
        ...(signal ? { signal } : {}),
      });
    },
    ...deps.operations.controls('build'),
  };
}

function inspectImageId(docker: Docker): (reference: string) => Promise<string | null> {
  return (reference) =>
    docker
      .getImage(reference)
      .inspect()
      .then((info) => info.Id)
      .catch(() => null);
}

/** The build header and the log say this when a BuildKit build's context goes as a tar. */
const TAR_FALLBACK = 'Context sent as a tar: this engine has no BuildKit session support';

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
