/**
 * The shapes engine discovery works with: where an engine may listen, what discovery reads from
 * the outside world, and what it found. Apart from discover-engine and docker-context so the
 * two can share them without importing each other.
 */

/** Where an engine listens, in the shape the client factory needs. */
export type EngineEndpoint =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'npipe'; pipePath: string }
  | { kind: 'tcp'; host: string; port: number; tls: EngineTls | null }
  | { kind: 'ssh'; host: string; port: number; username?: string };

/** TLS for a tcp endpoint; paths are only set for files that should be loaded. */
export interface EngineTls {
  verify: boolean;
  caPath?: string;
  certPath?: string;
  keyPath?: string;
}

/** Which rule produced a candidate, so the UI can say why we looked there. */
export type EngineSource = 'settings' | 'DOCKER_HOST' | 'DOCKER_CONTEXT' | 'context' | 'default';

/** One place an engine may be listening. */
export interface EngineCandidate {
  source: EngineSource;
  /** Human label shown in the UI, e.g. 'DOCKER_HOST', 'docker context "colima"', 'Docker Desktop', 'Podman (rootless)' */
  label: string;
  endpoint: EngineEndpoint;
  /** The address as a user would write it: 'unix:///var/run/docker.sock', 'tcp://1.2.3.4:2376', 'npipe:////./pipe/docker_engine' */
  address: string;
}

/** Why a configured engine could not even be tried; `message` names the file or variable and the fault. */
export interface DiscoveryProblem {
  source: string;
  path?: string;
  message: string;
}

/** Everything discovery reads from the outside world, injected so the logic stays pure. */
export interface DiscoveryInput {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  homeDir: string;
  /** Returns file text, or undefined when the file does not exist; throws for other read errors. */
  readFile: (path: string) => string | undefined;
  /** Names of entries in a directory, [] when missing. */
  listDir: (path: string) => string[];
}

/** The places to try, in order, and what went wrong while working them out. */
export interface Discovery {
  candidates: EngineCandidate[];
  problems: DiscoveryProblem[];
  /**
   * True when an explicit choice decided (settings, DOCKER_HOST, DOCKER_CONTEXT, a non-default
   * currentContext): only that one is tried, like the CLI, even when it yielded no candidate.
   */
  exclusive: boolean;
}
