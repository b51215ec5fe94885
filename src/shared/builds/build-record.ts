/**
 * A build as the app keeps it: what was asked, how it went, and (in the full record) every step
 * and the whole log. Summaries are what the history list reads; records what a build page shows.
 */
import type { BuilderKind, BuildStep, BuildUpdate, BuildWarning } from './build-model';
import type { BuildRequest } from './build-request';
import type { BuildCacheExplanation, BuildCacheInputs } from '../cache/cache-model';

export type BuildStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

/**
 * How the context reached the engine: through a BuildKit session (only changed files, what the
 * docker CLI does) or as an uploaded tar (the classic builder, and BuildKit on an engine
 * connection without session support).
 */
export type ContextTransfer = 'session' | 'tar';

/** Why a build failed: the engine's text, the Dockerfile line, and the same in words. */
export interface BuildError {
  /** The engine's own text, shown as it is under the explanation. */
  message: string;
  line: number | null;
  /** `explainBuildError`'s sentence, made when the build ended; absent in older records. */
  explanation?: string;
}

/** One line of the history list. */
export interface BuildSummary {
  id: string;
  request: BuildRequest;
  dockerfilePath: string;
  builder: BuilderKind;
  status: BuildStatus;
  startedAt: number;
  endedAt: number | null;
  imageId: string | null;
  imageSizeBytes: number | null;
  error: BuildError | null;
  stepCount: number;
  cachedSteps: number;
  /** Absent in older records, and until a BuildKit build has chosen. */
  contextTransfer?: ContextTransfer;
}

/** A build with its steps, warnings, the Dockerfile as built, and the raw log. */
export interface BuildRecord extends BuildSummary {
  steps: BuildStep[];
  /** Output per step id (the last lines of each, so a record stays small). */
  stepLogs: Record<string, string[]>;
  warnings: BuildWarning[];
  dockerfileText: string;
  log: string;
  /** What each step's cache decision depended on (issue #17); absent in older records. */
  cacheInputs?: BuildCacheInputs;
  /** Why each step ran or came from cache, against the build before; absent in older records. */
  cacheExplanation?: BuildCacheExplanation;
}

/** What the context holds and what would be sent, shown before a build starts. */
export interface ContextSummary {
  contextDir: string;
  dockerfilePath: string;
  dockerfileOutside: boolean;
  fileCount: number;
  totalBytes: number;
  hasDockerignore: boolean;
  biggestFolders: { path: string; bytes: number; files: number; pattern: string }[];
  /** Things sent as the docker CLI sends them that a user may not expect (links are never followed). */
  notes: {
    /** Links whose target does not exist here (an editor lock file, a path only the image has). */
    danglingLinks: number;
    /** Links with an absolute target or one above the context: in the image they point into the image. */
    linksLeavingContext: number;
    /** Sockets, which a tar cannot hold and the CLI leaves out too. */
    socketsLeftOut: string[];
  };
}

/** What the build form learns from a Dockerfile: stages to target, ARGs to offer. */
export interface DockerfileOutline {
  path: string;
  text: string;
  stages: { index: number; name: string | null; line: number; baseImage: string }[];
  args: { name: string; defaultValue: string | null; line: number }[];
}

/** Everything the `build:event` channel carries for one build, tagged by the build's id. */
export type BuildEvent =
  | { kind: 'started'; summary: BuildSummary }
  /**
   * Context bytes sent so far of the folder's total; through a session, what the engine asked
   * for once a transfer ended, with `files` the number of files it asked for (changed ones only).
   */
  | { kind: 'context'; sentBytes: number; totalBytes: number; files?: number }
  | { kind: 'transfer'; transfer: ContextTransfer }
  | BuildUpdate
  | { kind: 'finished'; summary: BuildSummary };
