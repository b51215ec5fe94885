import {
  contextStoreId,
  DEFAULT_CONTEXT,
  DEFAULT_PIPE,
  DEFAULT_SOCKET,
  defaultCandidates,
  listStoredContexts,
  loadContext,
  readCurrentContext,
  tlsFromEnv,
  type StoredContext,
} from './docker-context';
import type { EngineOverride } from '../../shared/engine-status';
import type {
  Discovery,
  DiscoveryInput,
  DiscoveryProblem,
  EngineCandidate,
  EngineEndpoint,
  EngineSource,
  EngineTls,
} from './discovery-types';

export { defaultCandidates, tlsFromEnv };

/** A docker context as `docker context ls` would show it. */
export interface DockerContextInfo {
  name: string;
  address: string | null;
  current: boolean;
  problem?: string;
}

const SCHEMES = 'unix://, tcp://, npipe:// or ssh://';

/**
 * Parses an address in DOCKER_HOST syntax. `tls` is attached to tcp endpoints and, as in the CLI,
 * picks tcp's default port (2376 with TLS, 2375 without); ssh defaults to 22, a bare `host:port`
 * means tcp. Throws an Error saying what is wrong with the address.
 */
export function parseEngineAddress(address: string, tls: EngineTls | null = null): EngineEndpoint {
  const text = address.trim();
  if (text === '') throw new Error('The engine address is empty');
  const sep = text.indexOf('://');
  if (sep === -1) {
    if (/^[/\\]/.test(text)) {
      throw new Error(`"${text}" is a path, not an address: write unix://${text} or npipe://${text}`);
    }
    return parseTcp(text, text, tls);
  }
  const scheme = text.slice(0, sep).toLowerCase();
  const rest = text.slice(sep + 3);
  switch (scheme) {
    case 'unix':
      return parseUnix(rest, text);
    case 'npipe':
      return parseNpipe(rest, text);
    case 'tcp':
      return parseTcp(rest, text, tls);
    case 'ssh':
      return parseSsh(rest, text);
    case 'http':
    case 'https':
      throw new Error(
        `Unsupported scheme "${scheme}://" in "${text}": use tcp:// (TLS comes from DOCKER_TLS_VERIFY)`,
      );
    default:
      throw new Error(`Unsupported scheme "${scheme}://" in "${text}": use ${SCHEMES}`);
  }
}

function parseUnix(rest: string, text: string): EngineEndpoint {
  if (rest === '') return { kind: 'unix', socketPath: DEFAULT_SOCKET };
  if (!rest.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(rest)) {
    throw new Error(`The socket path in "${text}" must be absolute, e.g. unix:///var/run/docker.sock`);
  }
  return { kind: 'unix', socketPath: rest };
}

function parseNpipe(rest: string, text: string): EngineEndpoint {
  if (rest === '') return { kind: 'npipe', pipePath: DEFAULT_PIPE };
  const pipePath = rest.replace(/\\/g, '/');
  if (!/^\/\/[^/]+\/pipe\/[^/]/.test(pipePath)) {
    throw new Error(`The pipe in "${text}" must look like npipe:////./pipe/<name>`);
  }
  return { kind: 'npipe', pipePath };
}

function parseTcp(rest: string, text: string, tls: EngineTls | null): EngineEndpoint {
  const slash = rest.indexOf('/');
  if (slash !== -1 && rest.slice(slash) !== '/') {
    throw new Error(`"${text}" has a path after host:port, which is not supported`);
  }
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const { host, port } = splitHostPort(authority, text, tls ? 2376 : 2375);
  return { kind: 'tcp', host: host === '' ? 'localhost' : host, port, tls };
}

function parseSsh(rest: string, text: string): EngineEndpoint {
  const authority = rest.endsWith('/') ? rest.slice(0, -1) : rest;
  if (authority.includes('/'))
    throw new Error(`"${text}" has a path after the host, which ssh:// does not allow`);
  const at = authority.lastIndexOf('@');
  const userInfo = at === -1 ? '' : authority.slice(0, at);
  if (userInfo.includes(':'))
    throw new Error(`"${text}" contains a password; use an ssh key or agent instead`);
  const { host, port } = splitHostPort(authority.slice(at + 1), text, 22);
  if (host === '') throw new Error(`"${text}" has no host`);
  if (at === -1 || userInfo === '') return { kind: 'ssh', host, port };
  let username: string;
  try {
    username = decodeURIComponent(userInfo);
  } catch {
    throw new Error(`The user name in "${text}" is not valid percent-encoding`);
  }
  return { kind: 'ssh', host, port, username };
}

function splitHostPort(authority: string, text: string, defaultPort: number): { host: string; port: number } {
  let host: string;
  let portText: string | undefined;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    const after = close === -1 ? '' : authority.slice(close + 1);
    if (close === -1 || (after !== '' && !after.startsWith(':'))) {
      throw new Error(`The IPv6 host in "${text}" is malformed, expected e.g. tcp://[::1]:2375`);
    }
    host = authority.slice(1, close);
    portText = after.slice(1);
  } else {
    const parts = authority.split(':');
    if (parts.length > 2) throw new Error(`IPv6 hosts must be in brackets: "${text}", e.g. tcp://[::1]:2375`);
    host = parts[0] ?? '';
    portText = parts[1];
  }
  if (portText === undefined || portText === '') return { host, port: defaultPort };
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw new Error(`Invalid port "${portText}" in "${text}": expected a number from 1 to 65535`);
  }
  return { host, port };
}

/** Writes an endpoint back as an address, with default ports filled in for tcp. */
export function formatEngineAddress(endpoint: EngineEndpoint): string {
  const bracket = (host: string): string => (host.includes(':') ? `[${host}]` : host);
  switch (endpoint.kind) {
    case 'unix':
      return `unix://${endpoint.socketPath}`;
    case 'npipe':
      return `npipe://${endpoint.pipePath}`;
    case 'tcp':
      return `tcp://${bracket(endpoint.host)}:${endpoint.port}`;
    case 'ssh': {
      const user = endpoint.username ? `${encodeURIComponent(endpoint.username)}@` : '';
      return `ssh://${user}${bracket(endpoint.host)}${endpoint.port === 22 ? '' : `:${endpoint.port}`}`;
    }
  }
}

function contextTls(context: StoredContext): EngineTls | null {
  const files = context.tlsFiles;
  // Like the CLI: a context without TLS material and with verification on speaks plain tcp.
  if (!files.caPath && !files.certPath && !files.keyPath && !context.skipTlsVerify) return null;
  return { verify: !context.skipTlsVerify, ...files };
}

interface Resolved {
  candidate?: EngineCandidate;
  problem?: DiscoveryProblem;
}

function fromAddress(
  source: EngineSource,
  label: string,
  address: string,
  tls: EngineTls | null,
  where: string,
  problemPath?: string,
): Resolved {
  try {
    const endpoint = parseEngineAddress(address, tls);
    return { candidate: { source, label, endpoint, address: formatEngineAddress(endpoint) } };
  } catch (error) {
    const message = `${where}: ${error instanceof Error ? error.message : String(error)}`;
    return { problem: problemPath ? { source, path: problemPath, message } : { source, message } };
  }
}

function fromStoredContext(context: StoredContext, source: EngineSource): Resolved {
  const label = `docker context "${context.name}"`;
  const where = `${context.metaPath}: Endpoints.docker.Host`;
  return fromAddress(source, label, context.host, contextTls(context), where, context.metaPath);
}

/** `why` says who asked for the context, so a missing one reads "DOCKER_CONTEXT=x: …". */
function fromContext(input: DiscoveryInput, name: string, source: EngineSource, why: string): Resolved {
  const load = loadContext(input, name);
  if (!load.ok) return { problem: { source, path: load.path, message: `${why}: ${load.message}` } };
  return fromStoredContext(load.context, source);
}

function exclusive(resolved: Resolved): Discovery {
  return {
    candidates: resolved.candidate ? [resolved.candidate] : [],
    problems: resolved.problem ? [resolved.problem] : [],
    exclusive: true,
  };
}

/**
 * Decides where to look for the engine, in the docker CLI's order: `override` from Settings,
 * DOCKER_HOST, DOCKER_CONTEXT, config.json's currentContext, then the well-known sockets. An
 * explicit choice is exclusive even when broken (the problem says why) rather than quietly
 * using another engine. Choosing the "default" context in Settings skips DOCKER_CONTEXT and
 * currentContext but, as in the CLI, still honours DOCKER_HOST. Never throws for bad config.
 */
export function discoverEngines(input: DiscoveryInput, override?: EngineOverride | null): Discovery {
  if (override?.kind === 'address') {
    return exclusive(
      fromAddress('settings', 'Settings', override.address, tlsFromEnv(input), 'Settings address'),
    );
  }
  if (override?.kind === 'context' && override.name !== DEFAULT_CONTEXT) {
    return exclusive(fromContext(input, override.name, 'settings', 'Settings'));
  }
  const dockerHost = input.env.DOCKER_HOST;
  if (dockerHost) {
    return exclusive(fromAddress('DOCKER_HOST', 'DOCKER_HOST', dockerHost, tlsFromEnv(input), 'DOCKER_HOST'));
  }
  const problems: DiscoveryProblem[] = [];
  if (!override) {
    const envContext = input.env.DOCKER_CONTEXT;
    if (envContext) {
      if (envContext !== DEFAULT_CONTEXT) {
        return exclusive(fromContext(input, envContext, 'DOCKER_CONTEXT', `DOCKER_CONTEXT=${envContext}`));
      }
    } else {
      const current = readCurrentContext(input);
      if (current.problem) problems.push(current.problem);
      if (current.name && current.name !== DEFAULT_CONTEXT) {
        return exclusive(
          fromContext(input, current.name, 'context', `currentContext in ${current.configPath}`),
        );
      }
    }
  }
  return { candidates: defaultCandidates(input), problems, exclusive: false };
}

/** The context the docker CLI would use right now, ignoring Dockwright's own settings. */
export function currentDockerContextName(input: DiscoveryInput): string {
  if (input.env.DOCKER_HOST) return DEFAULT_CONTEXT;
  if (input.env.DOCKER_CONTEXT) return input.env.DOCKER_CONTEXT;
  return readCurrentContext(input).name ?? DEFAULT_CONTEXT;
}

/**
 * The contexts a user can pick, like `docker context ls`: the implicit 'default' first (its
 * address from DOCKER_HOST or the platform socket), then stored contexts by name. A current
 * context that does not exist is still listed, with a problem, so the UI can explain the CLI's
 * error. Throws only when `listDir` throws.
 */
export function listDockerContexts(input: DiscoveryInput): DockerContextInfo[] {
  const currentName = currentDockerContextName(input);
  const info = (name: string, resolved: Resolved): DockerContextInfo => {
    const entry: DockerContextInfo = {
      name,
      address: resolved.candidate?.address ?? null,
      current: name === currentName,
    };
    if (resolved.problem) entry.problem = resolved.problem.message;
    return entry;
  };

  const dockerHost = input.env.DOCKER_HOST;
  const platformDefault = input.platform === 'win32' ? 'npipe://' + DEFAULT_PIPE : 'unix://' + DEFAULT_SOCKET;
  const defaultEntry = info(
    DEFAULT_CONTEXT,
    fromAddress('default', DEFAULT_CONTEXT, dockerHost || platformDefault, tlsFromEnv(input), 'DOCKER_HOST'),
  );
  if (dockerHost && defaultEntry.address === null) defaultEntry.address = dockerHost;

  const currentId = contextStoreId(currentName);
  const stored = listStoredContexts(input)
    .map((load) => {
      if (load.ok) return info(load.context.name, fromStoredContext(load.context, 'context'));
      // An unreadable meta.json only yields its store id; the current context's id we can name.
      const name = load.name === currentId ? currentName : load.name;
      return { ...info(name, {}), problem: load.message };
    })
    .filter((entry) => entry.name !== DEFAULT_CONTEXT)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const contexts = [defaultEntry, ...stored];
  if (!contexts.some((entry) => entry.current)) {
    const missing = fromContext(input, currentName, 'context', 'Current context');
    contexts.push(info(currentName, missing.problem ? { problem: missing.problem } : {}));
  }
  return contexts;
}
