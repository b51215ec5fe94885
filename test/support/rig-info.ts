/** What the global setup hands to integration and e2e tests about the rig it started. */
export interface RigInfo {
  /** 'private': our own dockerd (root, Debian); 'user': the developer's engine, touched only by label. */
  mode: 'private' | 'user';
  dockerHost: string;
  /** Why some tests cannot run in this mode (stopping the engine, stand-in images), null in private mode. */
  limitation: string | null;
  registry: { address: string; username: string; password: string } | null;
  baseImage: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    rig: RigInfo;
  }
}

/** Label and name prefix on everything tests create, so cleanup on a user's engine touches only ours. */
export const TEST_LABEL = 'dev.dockwright.test';
export const TEST_PREFIX = 'dw-test';
