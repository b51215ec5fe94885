/**
 * A log that only grows (a build's raw log can reach half a million lines), kept compactly: the
 * text in a few large string chunks that each end on a line break, and per line only where it
 * starts in its chunk (a typed array grown by doubling) and a one-byte tag (a container's stream).
 * Memory grows with the bytes, not with an object per line.
 *
 * States folded one from another share one store, and each knows how many of its lines are its
 * own. Appending to a state that is no longer the newest copies its part of the store first, so
 * every state keeps reading what it read when it was made.
 */

/** Chunks grow by appends up to this many characters; a bigger append is a chunk of its own. */
const CHUNK_CHARS = 1 << 16;

interface LogStore {
  chunks: string[];
  /** The index of each chunk's first line. */
  chunkFirstLine: number[];
  /** Where each line starts in its chunk. */
  starts: Uint32Array;
  tags: Uint8Array;
  /** Lines in the store (shared by every state of it). */
  lines: number;
}

/** A log state: the first `count` lines of a shared store, and what waits for its line break. */
export interface LogLines {
  readonly store: LogStore;
  readonly count: number;
  /** Text after the last line break, waiting for its end. */
  readonly partial: string;
}

/** A log with nothing in it. */
export function emptyLog(): LogLines {
  return { store: newStore(1024), count: 0, partial: '' };
}

function newStore(capacity: number): LogStore {
  return {
    chunks: [],
    chunkFirstLine: [],
    starts: new Uint32Array(capacity),
    tags: new Uint8Array(capacity),
    lines: 0,
  };
}

/** The log with `text` added; `text` may hold several lines, or part of one. */
export function appendLog(log: LogLines, text: string): LogLines {
  if (text === '') return log;
  const end = text.lastIndexOf('\n');
  if (end < 0) return { ...log, partial: log.partial + text };
  const store = ownStore(log);
  pushLines(store, log.partial + text.slice(0, end + 1), 0);
  return { store, count: store.lines, partial: text.slice(end + 1) };
}

/**
 * The log with whole lines added, each tagged `tag` (0–255); `text` must end with a line break.
 * The log's `partial` is left as it was: the caller keeps its own (a container has one per stream).
 */
export function appendTaggedLines(log: LogLines, text: string, tag: number): LogLines {
  if (text === '') return log;
  if (!text.endsWith('\n')) throw new Error('appendTaggedLines: text must end with a line break');
  const store = ownStore(log);
  pushLines(store, text, tag);
  return { store, count: store.lines, partial: log.partial };
}

/**
 * The store to append to: the shared one for the newest state, a copy of its part otherwise. An
 * empty log never shares its store, so `emptyLog()` states stay equal to one another.
 */
function ownStore(log: LogLines): LogStore {
  const { store, count } = log;
  if (store.lines === count && count > 0) return store;
  const copy = newStore(Math.max(1024, count));
  copy.starts.set(store.starts.subarray(0, count));
  copy.tags.set(store.tags.subarray(0, count));
  copy.lines = count;
  if (count === 0) return copy;
  const last = chunkOf(store, count - 1);
  copy.chunks = store.chunks.slice(0, last + 1);
  copy.chunkFirstLine = store.chunkFirstLine.slice(0, last + 1);
  copy.chunks[last] = copy.chunks[last]!.slice(0, lineEnd(store, count - 1, last) + 1);
  return copy;
}

function pushLines(store: LogStore, text: string, tag: number): void {
  let last = store.chunks.length - 1;
  let base: number;
  if (last >= 0 && store.chunks[last]!.length + text.length <= CHUNK_CHARS) {
    base = store.chunks[last]!.length;
    store.chunks[last] += text;
  } else {
    base = 0;
    store.chunks.push(text);
    store.chunkFirstLine.push(store.lines);
    last += 1;
  }
  let from = 0;
  while (from < text.length) {
    if (store.lines === store.starts.length) grow(store);
    store.starts[store.lines] = base + from;
    store.tags[store.lines] = tag;
    store.lines += 1;
    from = text.indexOf('\n', from) + 1;
  }
}

function grow(store: LogStore): void {
  const starts = new Uint32Array(store.starts.length * 2);
  starts.set(store.starts);
  const tags = new Uint8Array(store.tags.length * 2);
  tags.set(store.tags);
  store.starts = starts;
  store.tags = tags;
}

/** The chunk line `index` is in (a binary search over the chunks' first lines). */
function chunkOf(store: LogStore, index: number): number {
  const firsts = store.chunkFirstLine;
  let low = 0;
  let high = firsts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (firsts[mid]! <= index) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Where line `index`'s line break is in chunk `chunk`. */
function lineEnd(store: LogStore, index: number, chunk: number): number {
  const nextChunkFirst = store.chunkFirstLine[chunk + 1] ?? store.lines;
  return index + 1 < nextChunkFirst ? store.starts[index + 1]! - 1 : store.chunks[chunk]!.length - 1;
}

/** How many whole lines the log has (without `partial`). */
export function logLineCount(log: LogLines): number {
  return log.count;
}

/** Whole line `index` (0-based, below `count`), without its line break or a `\r` before it. */
export function logLine(log: LogLines, index: number): string {
  if (index < 0 || index >= log.count) throw new RangeError(`line ${index} of ${log.count}`);
  const { store } = log;
  const chunk = chunkOf(store, index);
  const text = store.chunks[chunk]!;
  let end = lineEnd(store, index, chunk);
  if (end > 0 && text.charCodeAt(end - 1) === 13) end -= 1;
  return text.slice(store.starts[index]!, end);
}

/** The tag line `index` was added with (0 for `appendLog`). */
export function logLineTag(log: LogLines, index: number): number {
  return log.store.tags[index] ?? 0;
}

/** The complete lines (without `partial`), as an array: for small logs and tests. */
export function logLines(log: LogLines): string[] {
  const lines: string[] = [];
  for (let index = 0; index < log.count; index++) lines.push(logLine(log, index));
  return lines;
}

/** The whole log as one text, exactly as it was appended. */
export function logText(log: LogLines): string {
  const { store, count } = log;
  if (count === 0) return log.partial;
  const last = chunkOf(store, count - 1);
  const head = store.chunks.slice(0, last).join('');
  return head + store.chunks[last]!.slice(0, lineEnd(store, count - 1, last) + 1) + log.partial;
}

/** Characters held by the store's text (for memory checks and tests). */
export function logStoredChars(log: LogLines): number {
  return log.store.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
}

/**
 * True when the log holds exactly `text` (as `logText` would give it), compared chunk by chunk
 * without joining the log: a finished build's live log can then stand in for its saved record's,
 * instead of splitting half a million lines again.
 */
export function logHasText(log: LogLines, text: string): boolean {
  const { store, count } = log;
  let at = 0;
  if (count > 0) {
    const last = chunkOf(store, count - 1);
    for (let chunk = 0; chunk <= last; chunk++) {
      const whole = store.chunks[chunk]!;
      const part = chunk < last ? whole : whole.slice(0, lineEnd(store, count - 1, last) + 1);
      if (!text.startsWith(part, at)) return false;
      at += part.length;
    }
  }
  return text.length === at + log.partial.length && text.startsWith(log.partial, at);
}
