/**
 * What a build context sends, as planned before anything is sent: the shapes the planner
 * (pack-context), the walker, the tar writer and the summary share, apart so none of them has to
 * import another for its types.
 */

/** A folder of the context with what it weighs in the tar and the line that would exclude it. */
export interface FolderWeight {
  path: string;
  bytes: number;
  files: number;
  pattern: string;
}

/** One thing the build context sends (tar-stream's names for the entry types). */
export interface ContextEntry {
  /** POSIX path relative to the context. */
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'fifo' | 'character-device' | 'block-device';
  /** Bytes of content (0 for everything but regular files). */
  size: number;
}

/** What the context holds that is sent (or left out) as the CLI does, and a user may want to know. */
export interface ContextNotes {
  /** Symbolic links whose target does not exist here; sent as links all the same. */
  danglingLinks: number;
  /** Symbolic links with an absolute target or one above the context: in the image they point into the image. */
  linksLeavingContext: number;
  /** Sockets, which a tar cannot hold (the CLI leaves them out too). */
  socketsLeftOut: string[];
}

/** What a build will send, computed before anything is sent. */
export interface ContextPlan {
  /** Absolute, symlinks resolved (as the CLI resolves them). */
  contextDir: string;
  /** Absolute path of the chosen Dockerfile, symlinks resolved (may be outside the context). */
  dockerfilePath: string;
  /** The name to pass as the engine's `dockerfile` build option (POSIX path inside the tar). */
  dockerfileName: string;
  /**
   * True when the Dockerfile is outside the context and is added to the tar under dockerfileName
   * (`.dockerfile.<20 hex>`, the CLI's naming). The tar's `.dockerignore` then lists that name so
   * the engine hides it from `COPY .`; a context without one gets a `.dockerignore` added for
   * this, listed in `entries`.
   */
  dockerfileAdded: boolean;
  /** Exactly what will be sent, in tar order (an added Dockerfile follows them). */
  entries: ContextEntry[];
  /** Everything but folders: regular files, symlinks, FIFOs, devices. */
  fileCount: number;
  /** Sum of regular file sizes. */
  totalBytes: number;
  /** Top-level-ish folders by bytes (at most 8), with a ready .dockerignore pattern to exclude each. */
  biggestFolders: FolderWeight[];
  hasDockerignore: boolean;
  notes: ContextNotes;
}
