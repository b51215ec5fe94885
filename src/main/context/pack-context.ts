/*
 * Build context packing, the docker CLI's way: which files are sent, under which names, and the
 * tar itself. planContext walks the folder once and finds every problem before a byte is sent;
 * packContext streams exactly the planned entries.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { readUserText, readUserTextSync } from '../fs/safe-files';
import { readDockerfileSync } from '../fs/user-dockerfile';
import { writeUserFile } from '../fs/write-user-file';
import { ContextError, errnoCode } from './context-error';
import type { ContextPlan } from './context-plan';
import { biggestFolders, escapePattern } from './context-summary';
import {
  DockerignoreMatcher,
  DockerignorePatternError,
  parseDockerignore,
  type DockerignoreLine,
} from './dockerignore-matcher';
import { TimeSlicer } from './time-slicer';
import { unreadable, walkContext } from './walk-context';
import { dockerignoreWithDockerfile, writeContextTar } from './write-context-tar';

export { ContextError, type ContextErrorCode } from './context-error';
export type { ContextPlan } from './context-plan';

const DOCKERIGNORE = '.dockerignore';
/** Output goes out in batches this big: a socket write per 512-byte tar header costs more than copying. */
const BATCH_BYTES = 256 * 1024;

function resolveContextDir(contextDir: string): string {
  const given = resolve(contextDir);
  let real: string;
  try {
    real = realpathSync(given);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'EACCES' || code === 'EPERM') {
      throw new ContextError(
        'CONTEXT_UNREADABLE',
        given,
        `Cannot open the build context folder ${given} (permission denied).`,
      );
    }
    throw new ContextError('CONTEXT_NOT_FOUND', given, `The build context folder ${given} does not exist.`);
  }
  if (!statSync(real).isDirectory()) {
    throw new ContextError('CONTEXT_NOT_FOUND', given, `The build context ${given} is not a folder.`);
  }
  return real;
}

/** The CLI's choice: `Dockerfile`, else a lowercase `dockerfile` when only that exists; symlinks resolved. */
function resolveDockerfile(contextDir: string, dockerfilePath: string | null): string {
  let given = dockerfilePath === null ? join(contextDir, 'Dockerfile') : resolve(contextDir, dockerfilePath);
  if (dockerfilePath === null && !lstatSync(given, { throwIfNoEntry: false })) {
    const lower = join(contextDir, 'dockerfile');
    if (lstatSync(lower, { throwIfNoEntry: false })) given = lower;
  }
  // Regular file, Dockerfile-like name, size-capped; a default Dockerfile must stay in its context.
  const read = readDockerfileSync(given, dockerfilePath === null ? contextDir : undefined);
  if (!read.ok) {
    const { code, message } = read.problem;
    throw new ContextError(
      'DOCKERFILE_NOT_FOUND',
      given,
      code === 'MISSING' ? `There is no Dockerfile at ${given}.` : message,
    );
  }
  return read.value.realPath;
}

function readDockerignore(contextDir: string): { text: string | null; lines: DockerignoreLine[] } {
  const path = join(contextDir, DOCKERIGNORE);
  // A link to /dev/zero or a FIFO must not hang or fill memory: regular files only, capped.
  const read = readUserTextSync(path, { links: 'follow', within: contextDir, label: 'The .dockerignore' });
  if (!read.ok) {
    if (read.problem.code === 'MISSING') return { text: null, lines: [] };
    if (read.problem.code === 'UNREADABLE') throw unreadable(path, DOCKERIGNORE);
    throw new ContextError('DOCKERIGNORE_INVALID', path, read.problem.message);
  }
  const { text } = read.value;
  try {
    return { text, lines: parseDockerignore(text) };
  } catch (error) {
    throw invalidDockerignore(path, error);
  }
}

function invalidDockerignore(path: string, error: unknown): unknown {
  if (!(error instanceof DockerignorePatternError)) return error;
  const where = error.line === null ? '' : ` (line ${error.line})`;
  return new ContextError('DOCKERIGNORE_INVALID', path, `.dockerignore${where}: ${error.message}`);
}

function createMatcher(path: string, lines: ReadonlyArray<DockerignoreLine | string>): DockerignoreMatcher {
  try {
    return new DockerignoreMatcher(lines);
  } catch (error) {
    throw invalidDockerignore(path, error);
  }
}

/**
 * The CLI re-adds the Dockerfile and .dockerignore with `!` exceptions when the patterns exclude
 * them, so the engine can read them (it hides them from `COPY .` itself when they are ignored).
 * The CLI decides with an older matcher that misses some `**` patterns — and then fails with
 * "Cannot locate specified Dockerfile"; asking both matchers keeps the Dockerfile in every case.
 */
function withBuildFiles(
  path: string,
  lines: DockerignoreLine[],
  dockerfile: string | null,
): DockerignoreMatcher {
  const patterns: Array<DockerignoreLine | string> = [...lines];
  let matcher = createMatcher(path, patterns);
  if (matcher.excludes(DOCKERIGNORE) || matcher.excludesLegacy(DOCKERIGNORE)) {
    patterns.push(`!${DOCKERIGNORE}`);
    matcher = createMatcher(path, patterns);
  }
  if (dockerfile !== null && (matcher.excludes(dockerfile) || matcher.excludesLegacy(dockerfile))) {
    patterns.push(`!${escapePattern(dockerfile)}`);
    matcher = createMatcher(path, patterns);
  }
  return matcher;
}

/**
 * Works out what a build of `contextDir` sends, applying .dockerignore exactly as the docker CLI
 * does, and fails with a ContextError naming the path for anything that cannot be sent.
 * `dockerfilePath` null means `<context>/Dockerfile`; a relative one is taken from the context.
 */
export async function planContext(
  contextDir: string,
  dockerfilePath: string | null,
  options: { signal?: AbortSignal } = {},
): Promise<ContextPlan> {
  const slicer = new TimeSlicer(options.signal);
  const context = resolveContextDir(contextDir);
  const dockerfile = resolveDockerfile(context, dockerfilePath);
  const fromContext = relative(context, dockerfile);
  const outside = fromContext === '..' || fromContext.startsWith(`..${sep}`) || isAbsolute(fromContext);
  const posixFromContext = sep === '/' ? fromContext : fromContext.split(sep).join('/');
  const dockerignore = readDockerignore(context);
  const matcher = withBuildFiles(
    join(context, DOCKERIGNORE),
    dockerignore.lines,
    outside ? null : posixFromContext,
  );
  const { entries, notes } = await walkContext(context, matcher, slicer);

  let dockerfileName = posixFromContext;
  if (outside) {
    dockerfileName = `.dockerfile.${randomBytes(10).toString('hex')}`;
    const size = Buffer.byteLength(dockerignoreWithDockerfile(dockerignore.text, dockerfileName));
    const existing = entries.find((entry) => entry.path === DOCKERIGNORE && entry.type === 'file');
    if (existing) existing.size = size;
    else entries.push({ path: DOCKERIGNORE, type: 'file', size });
  }

  let fileCount = 0;
  let totalBytes = 0;
  for (const entry of entries) {
    if (entry.type === 'directory') continue;
    fileCount++;
    totalBytes += entry.size;
  }
  return {
    contextDir: context,
    dockerfilePath: dockerfile,
    dockerfileName,
    dockerfileAdded: outside,
    entries,
    fileCount,
    totalBytes,
    biggestFolders: biggestFolders(entries),
    hasDockerignore: dockerignore.text !== null,
    notes,
  };
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError');
}

/**
 * The build context as a tar stream: exactly `plan.entries` (then the Dockerfile when it was
 * added), uid/gid 0 like the CLI, modes and whole-second mtimes from disk, symlinks as links.
 * `onProgress` gets the file bytes sent so far, in the unit of `plan.totalBytes` (it ends there).
 * Aborting destroys the stream with the signal's reason; a file that changed since planning
 * destroys it with a ContextError.
 */
export function packContext(
  plan: ContextPlan,
  options: { signal?: AbortSignal; onProgress?: (sentBytes: number) => void } = {},
): NodeJS.ReadableStream {
  const { signal, onProgress } = options;
  const pack = tar.pack();
  let sentBytes = 0;
  const sent = (bytes: number): void => {
    sentBytes += bytes;
    onProgress?.(sentBytes);
  };
  // Failures reach the reader through the iteration below (a destroyed pack throws there); the
  // listener only keeps an early one from becoming an uncaught 'error' event before reading starts.
  let failure: unknown = null;
  pack.on('error', () => undefined);
  writeContextTar(pack, plan, sent, signal).catch((error: unknown) => {
    failure = error;
    pack.destroy();
  });

  async function* batches(): AsyncGenerator<Buffer> {
    let parts: Buffer[] = [];
    let pending = 0;
    try {
      for await (const chunk of pack as AsyncIterable<Buffer>) {
        parts.push(chunk);
        pending += chunk.length;
        if (pending < BATCH_BYTES) continue;
        yield parts.length === 1 ? parts[0]! : Buffer.concat(parts, pending);
        parts = [];
        pending = 0;
      }
    } catch (error) {
      throw failure ?? error;
    }
    if (pending > 0) yield Buffer.concat(parts, pending);
  }

  const stream = Readable.from(batches(), { objectMode: false, highWaterMark: BATCH_BYTES });
  const onAbort = (): void => {
    stream.destroy(abortError(signal!));
  };
  if (signal?.aborted) queueMicrotask(onAbort);
  else signal?.addEventListener('abort', onAbort, { once: true });
  stream.once('close', () => {
    signal?.removeEventListener('abort', onAbort);
    // A reader that stops early must also stop the feeder waiting on the tar.
    if (!pack.destroyed) pack.destroy();
  });
  return stream;
}

/** The file's patterns for spotting duplicates; a file the CLI cannot read has none worth comparing. */
function readablePatterns(text: string): string[] {
  try {
    return parseDockerignore(text).map((line) => line.pattern);
  } catch (error) {
    if (error instanceof DockerignorePatternError) return [];
    throw error;
  }
}

/**
 * Adds the patterns not already in the context's .dockerignore (compared as the CLI reads them),
 * creating the file when missing; existing content is kept and the file ends with a newline.
 */
export async function appendToDockerignore(contextDir: string, patterns: string[]): Promise<void> {
  const context = resolve(contextDir);
  const path = join(context, DOCKERIGNORE);
  // Never through a link: a cloned repo's `.dockerignore -> ~/.bashrc` must not get our lines.
  const read = await readUserText(path, { links: 'refuse', within: context, label: 'The .dockerignore' });
  if (!read.ok && read.problem.code !== 'MISSING') {
    throw new ContextError('DOCKERIGNORE_INVALID', path, read.problem.message);
  }
  const existing = read.ok ? read.value.text : null;
  const present = new Set(readablePatterns(existing ?? ''));
  const added: string[] = [];
  for (const pattern of patterns) {
    const [parsed] = readablePatterns(pattern.replace(/[\r\n]+/g, ' '));
    if (!parsed || present.has(parsed)) continue;
    present.add(parsed);
    added.push(pattern.replace(/[\r\n]+/g, ' ').trim());
  }
  let next: string;
  if (existing === null) {
    if (added.length === 0) return;
    next = `${added.join('\n')}\n`;
  } else {
    const newline = existing.includes('\r\n') ? '\r\n' : '\n';
    const separator = existing === '' || existing.endsWith('\n') ? '' : newline;
    next =
      added.length > 0
        ? `${existing}${separator}${added.join(newline)}${newline}`
        : `${existing}${separator}`;
    if (next === existing) return;
  }
  const written = await writeUserFile(path, next, { within: context });
  if (!written.ok) throw new ContextError('DOCKERIGNORE_INVALID', path, written.problem.message);
}
