/*
 * Sends the context and starts the build on the engine: BuildKit through a BuildKit session (the
 * only way that works on the containerd image store, and what the docker CLI does), the classic
 * builder as an uploaded tar. A BuildKit build falls back to the tar only where the engine
 * connection offers no session (ssh://, an engine that has no /session); the caller is told so.
 */
import type Docker from 'dockerode';
import type { BuilderKind } from '../../shared/builds/build-model';
import type { ContextTransfer } from '../../shared/builds/build-record';
import type { BuildRequest } from '../../shared/builds/build-request';
import { fail, ok, type AppError, type Result } from '../../shared/result';
import type { CredentialLookup } from '../buildkit-session/auth-service';
import { startSessionBuild, type SessionBuildOptions } from '../buildkit-session/session-build';
import { packContext, type ContextPlan } from '../context/pack-context';
import type { BuildSessionExtras } from './build-secrets';

/** Context upload progress is throttled: a 1 GB context would otherwise send thousands of events. */
const CONTEXT_PROGRESS_INTERVAL_MS = 100;

/** How far the context has gone; `files` (session only) counts the files the engine asked for. */
export interface ContextProgress {
  sentBytes: number;
  totalBytes: number;
  files?: number;
}

export interface BuildStreamOptions {
  plan: ContextPlan;
  /** The request as asked (with its secrets' sources), not as the history keeps it. */
  request: BuildRequest;
  builder: BuilderKind;
  signal: AbortSignal;
  /** buildSharedKey of this installation and the context folder. */
  sharedKey: string;
  extras: BuildSessionExtras;
  lookupCredentials?: CredentialLookup;
  /** Tests replace it to play an engine without session support. */
  startSession?: typeof startSessionBuild;
  now: () => number;
  /** Said once, before any progress: how the context goes, and why a BuildKit build sends a tar. */
  onTransfer(transfer: ContextTransfer, fallbackReason: string | null): void;
  onContext(progress: ContextProgress): void;
  /** A session build's context listings (see SessionBuildOptions.onContextListed). */
  onContextListed?: SessionBuildOptions['onContextListed'];
}

/**
 * Why a session failure means "send a tar instead", or null when it is a real failure: no
 * session over this connection (ssh), or an engine (or proxy) that has no /session endpoint.
 */
export function sessionFallbackReason(error: AppError): string | null {
  if (error.code === 'ENGINE_UNAVAILABLE') return error.message;
  if (/refused a build session \(HTTP (404|405|501)\)/.test(error.message))
    return `the engine has no /session endpoint (${error.message})`;
  return null;
}

/** The engine's JSON-lines answer; tar uploads refused by the engine throw, as docker.buildImage does. */
export async function openBuildStream(
  docker: Docker,
  options: BuildStreamOptions,
): Promise<Result<NodeJS.ReadableStream>> {
  const { plan, request, signal } = options;
  if (options.builder === 'buildkit') {
    const sent = { bytes: 0, files: 0 };
    const started = await (options.startSession ?? startSessionBuild)(docker, {
      contextDir: plan.contextDir,
      dockerfilePath: plan.dockerfilePath,
      tags: request.tags,
      buildArgs: request.buildArgs,
      labels: request.labels,
      noCache: request.noCache,
      pull: request.pull,
      target: request.target,
      platform: request.platform,
      sharedKey: options.sharedKey,
      secrets: options.extras.secrets,
      sshAgents: options.extras.sshAgents,
      ...(options.lookupCredentials ? { lookupCredentials: options.lookupCredentials } : {}),
      signal,
      ...(options.onContextListed ? { onContextListed: options.onContextListed } : {}),
      onSync: (report) => {
        // The Dockerfile's own folder is synced too; only the context counts against its size.
        if (report.dirName !== 'context') return;
        sent.bytes += report.bytes;
        sent.files += report.requests;
        options.onContext({ sentBytes: sent.bytes, totalBytes: plan.totalBytes, files: sent.files });
      },
    });
    if (started.ok) {
      options.onTransfer('session', null);
      return ok(started.value.stream);
    }
    const reason = sessionFallbackReason(started.error);
    if (reason === null) return fail(started.error.code, started.error.message);
    if (options.extras.secrets.size > 0 || options.extras.sshAgents.size > 0)
      return fail(
        'ENGINE_ERROR',
        `Secrets and SSH forwarding need a BuildKit session, which this engine connection does not offer: ${reason}`,
      );
    options.onTransfer('tar', reason);
  } else {
    options.onTransfer('tar', null);
  }
  return ok(await uploadTar(docker, options));
}

async function uploadTar(docker: Docker, options: BuildStreamOptions): Promise<NodeJS.ReadableStream> {
  const { plan, request, signal, now } = options;
  let lastProgress = 0;
  const tar = packContext(plan, {
    signal,
    onProgress: (sentBytes) => {
      if (now() - lastProgress < CONTEXT_PROGRESS_INTERVAL_MS && sentBytes < plan.totalBytes) return;
      lastProgress = now();
      options.onContext({ sentBytes, totalBytes: plan.totalBytes });
    },
  });
  return (await docker.buildImage(tar, {
    dockerfile: plan.dockerfileName,
    t: request.tags,
    buildargs: request.buildArgs,
    labels: request.labels,
    nocache: request.noCache,
    pull: request.pull,
    rm: true,
    // Without forcerm a failed RUN leaves its container behind.
    forcerm: true,
    version: options.builder === 'buildkit' ? '2' : '1',
    abortSignal: signal,
    ...(request.target ? { target: request.target } : {}),
    ...(request.platform ? { platform: request.platform } : {}),
  } as unknown as Docker.ImageBuildOptions)) as NodeJS.ReadableStream;
}
