import { createHash } from 'node:crypto';
import path from 'node:path';
import { dockerConfigDir } from './docker-config-dir';
import type { DiscoveryInput, DiscoveryProblem, EngineCandidate, EngineTls } from './discovery-types';
import { isRecord } from '../../shared/is-record';

/** The CLI's reserved name for the context made of DOCKER_HOST or the platform's default socket. */
export const DEFAULT_CONTEXT = 'default';
/** The engine socket the CLI assumes on unix-likes. */
export const DEFAULT_SOCKET = '/var/run/docker.sock';
/** The named pipe the CLI assumes on Windows. */
export const DEFAULT_PIPE = '//./pipe/docker_engine';

/** Path functions for the platform's filesystem, so Windows config paths keep their own separators. */
export function fsPath(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** The directory name the CLI stores a context under: the sha256 hex of its name. */
export function contextStoreId(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

/**
 * Whether a file is there. A file that exists but cannot be read counts as present, so the
 * connector later reports the real error instead of us silently dropping it.
 */
export function fileExists(input: DiscoveryInput, filePath: string): boolean {
  try {
    return input.readFile(filePath) !== undefined;
  } catch {
    return true;
  }
}

type JsonRead = { kind: 'missing' } | { kind: 'ok'; value: unknown } | { kind: 'error'; message: string };

function readJsonFile(input: DiscoveryInput, filePath: string, emptyMeans?: unknown): JsonRead {
  let text: string | undefined;
  try {
    text = input.readFile(filePath);
  } catch (error) {
    return { kind: 'error', message: `${filePath} could not be read: ${errorMessage(error)}` };
  }
  if (text === undefined) return { kind: 'missing' };
  // Editors on Windows like to prepend a BOM, which JSON.parse rejects.
  const body = text.replace(/^\uFEFF/, '');
  if (emptyMeans !== undefined && body.trim() === '') return { kind: 'ok', value: emptyMeans };
  try {
    return { kind: 'ok', value: JSON.parse(body) as unknown };
  } catch (error) {
    return { kind: 'error', message: `${filePath} is not valid JSON: ${errorMessage(error)}` };
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `currentContext` from config.json: null when unset, with a problem when the file is unusable. */
export interface CurrentContext {
  name: string | null;
  configPath: string;
  problem?: DiscoveryProblem;
}

/**
 * Reads `currentContext` from `$DOCKER_CONFIG/config.json`. A broken file yields a problem and
 * no name, because the CLI then warns and carries on with the default context.
 */
export function readCurrentContext(input: DiscoveryInput): CurrentContext {
  const file = fsPath(input.platform).join(dockerConfigDir(input), 'config.json');
  const fallBack = (why: string): CurrentContext => ({
    name: null,
    configPath: file,
    problem: { source: 'context', path: file, message: `${why}; using the default engine locations instead` },
  });
  // The CLI accepts an empty config.json as "no settings".
  const read = readJsonFile(input, file, {});
  if (read.kind === 'missing') return { name: null, configPath: file };
  if (read.kind === 'error') return fallBack(read.message);
  if (!isRecord(read.value)) return fallBack(`${file} must hold a JSON object`);
  const current = read.value.currentContext;
  if (current === undefined || current === null || current === '') return { name: null, configPath: file };
  if (typeof current !== 'string') return fallBack(`${file}: "currentContext" must be a string`);
  return { name: current, configPath: file };
}

/** The docker endpoint of a stored context, with TLS material already located on disk. */
export interface StoredContext {
  name: string;
  /** The meta.json it came from, for messages. */
  metaPath: string;
  host: string;
  skipTlsVerify: boolean;
  tlsFiles: { caPath?: string; certPath?: string; keyPath?: string };
}

/** A stored context, or why it cannot be used (`name` is the store id when meta.json is unreadable). */
export type ContextLoad =
  { ok: true; context: StoredContext } | { ok: false; name: string; path: string; message: string };

const TLS_FILES = [
  ['caPath', 'ca.pem'],
  ['certPath', 'cert.pem'],
  ['keyPath', 'key.pem'],
] as const;

function contextFromJson(
  input: DiscoveryInput,
  id: string,
  metaPath: string,
  value: unknown,
  fallbackName: string,
): ContextLoad {
  const fail = (message: string, name = fallbackName): ContextLoad => ({
    ok: false,
    name,
    path: metaPath,
    message,
  });
  if (!isRecord(value)) return fail(`${metaPath} must hold a JSON object`);
  const name = typeof value.Name === 'string' && value.Name !== '' ? value.Name : fallbackName;
  const endpoints = value.Endpoints;
  const docker = isRecord(endpoints) ? endpoints.docker : undefined;
  if (!isRecord(docker)) return fail(`${metaPath} has no Endpoints.docker (not a Docker context)`, name);
  const host = docker.Host;
  if (typeof host !== 'string' || host.trim() === '') {
    return fail(`${metaPath} is missing Endpoints.docker.Host`, name);
  }
  const p = fsPath(input.platform);
  const tlsDir = p.join(dockerConfigDir(input), 'contexts', 'tls', id, 'docker');
  const tlsFiles: StoredContext['tlsFiles'] = {};
  for (const [key, fileName] of TLS_FILES) {
    const filePath = p.join(tlsDir, fileName);
    if (fileExists(input, filePath)) tlsFiles[key] = filePath;
  }
  return {
    ok: true,
    context: { name, metaPath, host, skipTlsVerify: docker.SkipTLSVerify === true, tlsFiles },
  };
}

function metaDir(input: DiscoveryInput): string {
  return fsPath(input.platform).join(dockerConfigDir(input), 'contexts', 'meta');
}

/** Loads one named context from the CLI's context store. */
export function loadContext(input: DiscoveryInput, name: string): ContextLoad {
  const id = contextStoreId(name);
  const metaPath = fsPath(input.platform).join(metaDir(input), id, 'meta.json');
  const read = readJsonFile(input, metaPath);
  if (read.kind === 'missing') {
    return {
      ok: false,
      name,
      path: metaPath,
      message: `docker context "${name}" does not exist (no ${metaPath})`,
    };
  }
  if (read.kind === 'error') return { ok: false, name, path: metaPath, message: read.message };
  return contextFromJson(input, id, metaPath, read.value, name);
}

/**
 * Every context in the store, in directory order. Stray directories without a meta.json are
 * skipped, as the CLI does; throws only when `listDir` itself throws.
 */
export function listStoredContexts(input: DiscoveryInput): ContextLoad[] {
  const p = fsPath(input.platform);
  const loads: ContextLoad[] = [];
  for (const id of input.listDir(metaDir(input))) {
    const metaPath = p.join(metaDir(input), id, 'meta.json');
    const read = readJsonFile(input, metaPath);
    if (read.kind === 'missing') continue;
    if (read.kind === 'error') loads.push({ ok: false, name: id, path: metaPath, message: read.message });
    else loads.push(contextFromJson(input, id, metaPath, read.value, id));
  }
  return loads;
}

/**
 * TLS from DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH, or null when none is set.
 * DOCKER_CERT_PATH alone turns TLS on without verification, as the Docker SDK's FromEnv does.
 * An explicit DOCKER_CERT_PATH lists all three files so a missing one is reported when loading;
 * the fallback (`$DOCKER_CONFIG` or ~/.docker) only contributes files that exist, as in the CLI.
 */
export function tlsFromEnv(input: DiscoveryInput): EngineTls | null {
  const { env } = input;
  const verify = Boolean(env.DOCKER_TLS_VERIFY);
  if (!verify && !env.DOCKER_TLS && !env.DOCKER_CERT_PATH) return null;
  const dir = env.DOCKER_CERT_PATH || dockerConfigDir(input);
  const tls: EngineTls = { verify };
  for (const [key, fileName] of TLS_FILES) {
    const filePath = fsPath(input.platform).join(dir, fileName);
    if (env.DOCKER_CERT_PATH || fileExists(input, filePath)) tls[key] = filePath;
  }
  return tls;
}

/**
 * The well-known sockets of the common engines, most common first, duplicates dropped. No
 * existence check: the caller tries each and reports the exact error, which says more than
 * "not found".
 */
export function defaultCandidates(
  input: Pick<DiscoveryInput, 'env' | 'platform' | 'homeDir'>,
): EngineCandidate[] {
  const candidates: EngineCandidate[] = [];
  const add = (kind: 'unix' | 'npipe', place: string, label: string): void => {
    const address = `${kind}://${place}`;
    if (candidates.some((candidate) => candidate.address === address)) return;
    const endpoint = kind === 'unix' ? { kind, socketPath: place } : { kind, pipePath: place };
    candidates.push({ source: 'default', label, endpoint, address });
  };
  if (input.platform === 'win32') {
    add('npipe', DEFAULT_PIPE, 'Docker Desktop');
    add('npipe', '//./pipe/podman-machine-default', 'Podman');
    return candidates;
  }
  const join = path.posix.join;
  const home = input.homeDir;
  const xdgEnv = input.env.XDG_RUNTIME_DIR;
  // The XDG spec says relative values are invalid and must be ignored.
  const xdg = xdgEnv?.startsWith('/') ? xdgEnv : undefined;
  add('unix', DEFAULT_SOCKET, 'Docker Engine');
  if (xdg) add('unix', join(xdg, 'docker.sock'), 'Docker rootless');
  add('unix', join(home, '.docker/run/docker.sock'), 'Docker Desktop');
  add('unix', join(home, '.docker/desktop/docker.sock'), 'Docker Desktop');
  add('unix', join(home, '.colima/default/docker.sock'), 'Colima');
  add('unix', join(home, '.colima/docker.sock'), 'Colima');
  add('unix', join(home, '.rd/docker.sock'), 'Rancher Desktop');
  add('unix', join(home, '.orbstack/run/docker.sock'), 'OrbStack');
  if (xdg) add('unix', join(xdg, 'podman/podman.sock'), 'Podman (rootless)');
  add('unix', '/run/podman/podman.sock', 'Podman');
  return candidates;
}
