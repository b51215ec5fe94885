/**
 * Cache insight (issue #17): what each Dockerfile step was built from, recorded with every build,
 * and what that says about the layer cache — why a step ran instead of coming from cache, and
 * what the next build will rebuild.
 *
 * Main records `BuildCacheInputs` while it builds (the context files a COPY/ADD selected, hashed
 * as they are sent or from a per-context hash cache keyed by path + stat; each instruction after
 * ARG/ENV expansion; the base image ids the engine resolved). The pure functions in
 * `explain-cache.ts` compare two such records: the build before and this one (explanations), or
 * the last build and the Dockerfile/context as they are now (prediction).
 */

/** A file a COPY/ADD source selected: its path inside the context and the hash of what the builder keys on. */
export interface CachedFile {
  /** Context-relative, `/`-separated. */
  path: string;
  /** sha256 of the content (hex), plus the mode when the builder keys on it (see `hashKeys`). */
  hash: string;
  bytes: number;
}

/** The inputs of one Dockerfile instruction, as this build used them. */
export interface StepInputs {
  /** 1-based Dockerfile line the instruction starts on: how steps of two builds are matched first. */
  line: number;
  /** Index of the stage (0-based) the instruction belongs to. */
  stage: number;
  keyword: string;
  /** The instruction after ARG/ENV expansion, whitespace-normalised, as the builder keys it. */
  resolvedText: string;
  /** Build arguments the step can see and its text uses, name → value (null: declared, no value). */
  args: Record<string, string | null>;
  /** FROM of an image: the image id the engine resolved (`sha256:…`); null otherwise or unknown. */
  baseImageId: string | null;
  /** COPY/ADD from the context: one digest over its selected files, and how many; null otherwise. */
  sources: { digest: string; files: number } | null;
  /** COPY --from / RUN --mount from another stage: that stage's index; null otherwise. */
  fromStage: number | null;
}

/** Everything a build's cache decisions depended on, kept in its history record. */
export interface BuildCacheInputs {
  version: 1;
  builder: 'classic' | 'buildkit';
  noCache: boolean;
  /** The Dockerfile's path and the context folder: two builds are comparable when both match. */
  dockerfilePath: string;
  contextDir: string;
  steps: StepInputs[];
  /**
   * The per-file list behind each `sources.digest`, keyed by the step's line. Kept with the record
   * but capped (`MAX_FILES_PER_SOURCE`); `truncated` says the list is not whole (the digest still is).
   */
  files: Record<number, { list: CachedFile[]; truncated: boolean }>;
}

/** Files listed per COPY/ADD source in a record; past this the digest alone still tells changed/unchanged. */
export const MAX_FILES_PER_SOURCE = 5_000;

/** One file that differs between two builds' sources. */
export interface FileChange {
  path: string;
  change: 'added' | 'modified' | 'deleted' | 'mode';
  /** Bytes now (or before, for a deleted file): the list is shown biggest first. */
  bytes: number;
}

/** Why a step ran, or that it came from cache. One per instruction step. */
export type CacheReason =
  | { kind: 'cached' }
  | { kind: 'no-cache' }
  | { kind: 'first-build' }
  | { kind: 'files-changed'; changes: FileChange[]; total: number; truncated: boolean }
  | { kind: 'instruction-changed'; before: string; after: string }
  | { kind: 'arg-changed'; name: string; before: string | null; after: string | null }
  | { kind: 'base-image-changed'; image: string; before: string; after: string }
  /** An earlier step of the same stage (or the stage it copies from) ran, so everything after it runs. */
  | {
      kind: 'cascade';
      fromLine: number;
      fromInstruction: string;
      advice: ReorderAdvice | null;
      /** The cascade starts at a FROM whose image changed (FROM itself is no step the engine lists). */
      baseImage?: { image: string; before: string; after: string };
    }
  /** Nothing Dockwright can see changed: the engine had no cache for it (pruned, evicted, another builder). */
  | { kind: 'engine-had-no-cache' };

/**
 * The cache lesson: dependency manifests copied and installed before the rest of the sources
 * keep the install cached. `dockerfileText` is the whole reordered Dockerfile, for a diff.
 */
export interface ReorderAdvice {
  /** The COPY whose change made the install run (e.g. line 4, `COPY . /app`). */
  broadCopyLine: number;
  /** The install step to move above it (e.g. `RUN pip install -r requirements.txt`). */
  installLine: number;
  /** The manifests to copy first (`requirements.txt`, `package.json` + lock file, `go.mod`…). */
  manifests: string[];
  dockerfileText: string;
}

/** The explanation of one step of a build. */
export interface StepCacheExplanation {
  line: number;
  stage: number;
  instruction: string;
  /** What the engine did: came from cache or ran (a prediction fills in what it expects). */
  cached: boolean;
  reason: CacheReason;
}

/** The explanations of a whole build, saved in its record. */
export interface BuildCacheExplanation {
  /** The build compared with (null: none of the same Dockerfile and context in history). */
  previousBuildId: string | null;
  previousStartedAt: number | null;
  steps: StepCacheExplanation[];
  /** "7 of 9 steps cached, 41 s saved": saved = the previous run times of steps cached now. */
  summary: { steps: number; cached: number; savedMs: number | null };
  /** The forecast checked against the engine (absent in records older than the check). */
  predictionCheck?: PredictionCheck;
}

/**
 * What "What will rebuild?" says from this build's own inputs and the build before, step by step,
 * against what the engine did: a miss means the forecast would have been wrong.
 */
export interface PredictionCheck {
  /** Steps the engine reported as cached or run. */
  compared: number;
  matched: number;
  misses: { line: number; instruction: string; predictedCached: boolean; cached: boolean }[];
}

/** What the next build is expected to do, step by step, before it runs. */
export interface CachePrediction {
  previousBuildId: string | null;
  steps: StepCacheExplanation[];
}
