/** How the app found the engine it talks to, or every place it looked. */
import { z } from 'zod';

/** Where a candidate engine address came from, in the docker CLI's order of precedence. */
export type EngineSourceName = 'settings' | 'DOCKER_HOST' | 'DOCKER_CONTEXT' | 'context' | 'default';

/** One place the app tried, with the exact error it got and what the user can do about it. */
export interface TriedPlace {
  source: EngineSourceName;
  label: string;
  address: string;
  error: string;
  hint?: string;
}

/** Facts about the connected engine, shown in the status bar and the engine panel. */
export interface EngineInfo {
  /** 'Docker' or 'Podman' (Podman answers `/libpod/_ping`). */
  product: 'Docker' | 'Podman';
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  kernelVersion: string;
  operatingSystem: string;
  /** `Driver` from `docker info`: a storage driver (overlay2), or the snapshotter on the containerd store. */
  storageDriver: string;
  /** Where the engine keeps images; decides whether multi-platform images exist and how sizes are counted. */
  imageStore: ImageStore;
  buildkit: boolean;
  cpus: number;
  memoryBytes: number;
  name: string;
}

/**
 * 'containerd': the containerd image store (Docker 24+ opt-in, default in new installs of 29+);
 * 'storage-driver': the classic store of a storage driver such as overlay2.
 */
export type ImageStore = 'containerd' | 'storage-driver';

/** The engine connection as the UI sees it. */
export type EngineStatus =
  | { state: 'connecting' }
  | {
      state: 'connected';
      info: EngineInfo;
      endpoint: { source: EngineSourceName; label: string; address: string };
      since: number;
    }
  | {
      state: 'unavailable';
      tried: TriedPlace[];
      /** Configuration problems found while looking (malformed config.json, unknown context…). */
      problems: string[];
      /** True when an explicit choice (settings, DOCKER_HOST, a docker context) decided where to look. */
      exclusive: boolean;
      /** When the next automatic retry happens (ms since epoch). */
      nextRetryAt: number;
    };

/** What `engine:set-override` accepts: a docker context by name, or an explicit address. */
export const engineOverrideSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('context'), name: z.string().min(1, 'Pick a context') }),
  z.strictObject({
    kind: z.literal('address'),
    address: z
      .string()
      .trim()
      .regex(/^(unix|tcp|npipe|ssh):\/\//, 'Use unix://, tcp://, npipe:// or ssh:// followed by the address'),
  }),
]);

/** A user's explicit choice of engine, remembered in settings. */
export type EngineOverride = z.output<typeof engineOverrideSchema>;

/** What the settings screen offers to pick from. */
export interface EngineChoices {
  contexts: { name: string; address: string | null; current: boolean; problem?: string }[];
  sockets: { label: string; address: string }[];
  override: EngineOverride | null;
}
