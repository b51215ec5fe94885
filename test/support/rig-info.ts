/** What the global setup hands to integration and e2e tests about the rig it started. */
export interface RigInfo {
  /** 'private': our own dockerd (root, Debian); 'user': the developer's engine, touched only by label. */
  mode: 'private' | 'user';
  /**
   * Which engine `dockerHost` is: the rig daemon (Docker 20.10, overlay2, or the developer's engine)
   * or, with DW_TEST_TARGET=engine2, the second engine (26.1, containerd image store). `npm test`
   * runs the integration and e2e suites once per target.
   */
  target: 'engine1' | 'engine2';
  dockerHost: string;
  /** The docker CLI of the same release as the engine: the ground truth tests compare with. */
  dockerCli: { binary: string; buildxPlugin: string | null };
  /** `rig.sh` subcommands that stop and start this engine (private mode), keeping its data. */
  daemonControl: { stop: string; start: string } | null;
  /** Why some tests cannot run in this mode (stopping the engine, stand-in images), null in private mode. */
  limitation: string | null;
  registry: { address: string; username: string; password: string } | null;
  baseImage: string;
  /** The optional second engine, started only with DW_ENGINE2=1 in private mode; null otherwise. */
  engine2: Engine2Info | null;
}

/** Debian 13's Docker 26.1 beside the rig daemon, with the containerd image store (scripts/rig-engine2.sh). */
export interface Engine2Info {
  dockerHost: string;
  /** The engine's own version string, e.g. `26.1.5+dfsg1`. */
  version: string;
  /** `containerd` when `docker info` reports the containerd snapshotter, else the storage driver's name. */
  imageStore: string;
  /** The busybox base image, built on this engine under the same name as on the rig daemon. */
  baseImage: string;
  /** The unpacked docker CLI of the same release: the ground truth for this engine. */
  dockerCli: string;
  /** The unpacked buildx plugin, to put in a private DOCKER_CONFIG's `cli-plugins`. */
  buildxPlugin: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    rig: RigInfo;
  }
}

/** Label and name prefix on everything tests create, so cleanup on a user's engine touches only ours. */
export const TEST_LABEL = 'dev.dockwright.test';
export const TEST_PREFIX = 'dw-test';
