/*
 * A BuildKit build driven through a session, as `docker build` (docker/cli v20.10.9
 * cli/command/image/build_buildkit.go) and buildx do it: open `POST /session`, serve the context
 * and the Dockerfile over FileSync plus auth, secrets and ssh, then `POST /build` with
 * `remote=client-session&session=<id>`. The engine's answer is the same JSON-lines stream as a
 * tar-upload build (moby.buildkit.trace / moby.image.id messages), so the build runner can read
 * it unchanged.
 */
import { createHash, randomBytes } from 'node:crypto';
import { basename, dirname } from 'node:path';
import type Docker from 'dockerode';
import { fail, ok, type Result } from '../../shared/result';
import { authHandlers, type CredentialLookup } from './auth-service';
import { dockerfileIgnoreRewrite } from './dockerfile-ignore';
import { fileSyncHandlers, type SyncReport } from './file-sync-service';
import type { SyncEntry, SyncFilter } from './list-sync-entries';
import type { GrpcHandler } from './grpc-server';
import { healthHandlers } from './health-service';
import { engineAddressOf, newSessionId, openSession, type OpenSession } from './open-session';
import { secretsHandlers } from './secrets-service';
import { sshHandlers } from './ssh-service';

/** What to build; paths are absolute with links resolved (a ContextPlan's contextDir and dockerfilePath). */
export interface SessionBuildOptions {
  contextDir: string;
  dockerfilePath: string;
  tags?: readonly string[];
  buildArgs?: Readonly<Record<string, string>>;
  labels?: Readonly<Record<string, string>>;
  noCache?: boolean;
  pull?: boolean;
  target?: string | null;
  platform?: string | null;
  /**
   * Same folder, same key: the engine then asks only for files whose stat changed since the last
   * build. See buildSharedKey.
   */
  sharedKey: string;
  /** Secret id → content, for RUN --mount=type=secret. */
  secrets?: ReadonlyMap<string, Uint8Array>;
  /** ssh id (`default`) → agent socket path, for RUN --mount=type=ssh; no SSH service when empty. */
  sshAgents?: ReadonlyMap<string, string>;
  /** Registry logins for FROM images; without it the engine pulls anonymously. */
  lookupCredentials?: CredentialLookup;
  /** Aborting cancels the build on the engine, ends the response stream and closes the session. */
  signal?: AbortSignal;
  /** Hears about each finished file transfer (folder, entries, files requested, bytes). */
  onSync?: (report: SyncReport) => void;
  /** Hears what each context request lists, with the engine's filter, before it is sent. */
  onContextListed?: (entries: readonly SyncEntry[], filter: SyncFilter) => void;
}

export interface SessionBuild {
  /** The engine's JSON-lines progress, as `docker.buildImage` returns it. */
  stream: NodeJS.ReadableStream;
  sessionId: string;
  buildId: string;
  /** Resolves once the session connection has ended (after the stream, or on cancel). */
  sessionClosed: Promise<void>;
}

/**
 * The CLI's shared key: a hash of a per-installation random id and the context folder, so two
 * folders never share cached transfers and the key says nothing about the path.
 */
export function buildSharedKey(nodeId: string, contextDir: string): string {
  return createHash('sha256').update(`${nodeId}:${contextDir}`).digest('hex');
}

function handlersFor(options: SessionBuildOptions): Map<string, GrpcHandler> {
  const rewrite = dockerfileIgnoreRewrite(options.contextDir, options.dockerfilePath);
  const handlers = new Map<string, GrpcHandler>([
    ...healthHandlers(),
    ...fileSyncHandlers(
      [
        {
          name: 'context',
          dir: options.contextDir,
          owner: 'root',
          ...(rewrite ? { excludes: rewrite } : {}),
          ...(options.onContextListed ? { onListed: options.onContextListed } : {}),
        },
        { name: 'dockerfile', dir: dirname(options.dockerfilePath), owner: 'keep' },
      ],
      options.onSync,
    ),
    ...authHandlers(options.lookupCredentials ?? (() => null)),
    ...secretsHandlers(options.secrets ?? new Map()),
  ]);
  if (options.sshAgents && options.sshAgents.size > 0) {
    for (const [path, handler] of sshHandlers(options.sshAgents)) handlers.set(path, handler);
  }
  return handlers;
}

interface Modem {
  dial(options: object, callback: (error: Error | null, result: unknown) => void): void;
}

/**
 * docker-modem sends a POST's options as a JSON body too unless told otherwise; the engine then
 * holds the build's output back until that body is read, which a session build never does.
 */
function queryOnly(query: Record<string, unknown>): object {
  return { _query: query, _body: {} };
}

function dial(docker: Docker, options: object): Promise<unknown> {
  const modem = (docker as unknown as { modem: Modem }).modem;
  return new Promise((resolve, reject) =>
    modem.dial(options, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts the build. Fails as a value when the engine cannot be reached this way (ssh
 * connections) or refuses the session or the build; build errors arrive in the stream.
 */
export async function startSessionBuild(
  docker: Docker,
  options: SessionBuildOptions,
): Promise<Result<SessionBuild>> {
  const address = engineAddressOf(docker);
  if (!address)
    return fail('ENGINE_UNAVAILABLE', 'BuildKit sessions need a socket or TCP connection to the engine.');
  const { signal } = options;
  if (signal?.aborted) return fail('CANCELLED', 'The build was cancelled.');
  const identity = { id: newSessionId(), name: basename(options.contextDir), sharedKey: options.sharedKey };
  let session: OpenSession;
  try {
    session = await openSession(address, identity, handlersFor(options), signal);
  } catch (error) {
    if (signal?.aborted) return fail('CANCELLED', 'The build was cancelled.');
    return fail('ENGINE_ERROR', `Could not open a BuildKit session: ${errorMessage(error)}`);
  }
  const buildId = randomBytes(16).toString('hex');
  const query: Record<string, unknown> = {
    version: '2',
    session: identity.id,
    remote: 'client-session',
    buildid: buildId,
    dockerfile: basename(options.dockerfilePath),
    t: options.tags ? [...options.tags] : [],
    ...(options.buildArgs ? { buildargs: options.buildArgs } : {}),
    ...(options.labels ? { labels: options.labels } : {}),
    ...(options.noCache ? { nocache: true } : {}),
    ...(options.pull ? { pull: true } : {}),
    ...(options.target ? { target: options.target } : {}),
    ...(options.platform ? { platform: options.platform } : {}),
  };
  const onAbort = (): void => {
    // The CLI's way (doBuild): ask the engine to cancel by build id; closing the session and the
    // response also end it, but the cancel call stops running steps at once.
    dial(docker, {
      path: '/build/cancel?',
      method: 'POST',
      options: queryOnly({ id: buildId }),
      statusCodes: { 200: true },
    }).catch(() => undefined);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let stream: NodeJS.ReadableStream;
  try {
    stream = (await dial(docker, {
      path: '/build?',
      method: 'POST',
      options: queryOnly(query),
      isStream: true,
      ...(signal ? { abortSignal: signal } : {}),
      statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
    })) as NodeJS.ReadableStream;
  } catch (error) {
    signal?.removeEventListener('abort', onAbort);
    session.close();
    if (signal?.aborted) return fail('CANCELLED', 'The build was cancelled.');
    return fail('ENGINE_ERROR', errorMessage(error));
  }
  const end = (): void => {
    signal?.removeEventListener('abort', onAbort);
    session.close();
  };
  stream.once('end', end);
  stream.once('close', end);
  stream.once('error', end);
  return ok({ stream, sessionId: identity.id, buildId, sessionClosed: session.closed });
}
