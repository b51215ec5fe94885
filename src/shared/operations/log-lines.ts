/**
 * A log that only grows (a build's raw log can reach half a million lines), folded without
 * copying it per event: states folded one from another share one buffer, and each knows how many
 * of its lines are its own. Appending to a state that is no longer the newest copies its lines
 * first, so every state keeps reading what it read when it was made.
 */
export interface LogLines {
  /** Shared with later states: only the first `count` lines belong to this one (see `logLines`). */
  readonly buffer: readonly string[];
  readonly count: number;
  /** Text after the last line break, waiting for its end. */
  readonly partial: string;
}

/** A log with nothing in it. */
export function emptyLog(): LogLines {
  return { buffer: [], count: 0, partial: '' };
}

/** The log with `text` added; `text` may hold several lines, or part of one. */
export function appendLog(log: LogLines, text: string): LogLines {
  if (text === '') return log;
  const pieces = (log.partial + text).split('\n');
  const partial = pieces.pop() ?? '';
  if (pieces.length === 0) return { ...log, partial };
  const buffer =
    log.count > 0 && log.buffer.length === log.count
      ? (log.buffer as string[])
      : log.buffer.slice(0, log.count);
  // A loop, not push(...pieces): one event can carry more lines than a call takes arguments.
  for (const piece of pieces) buffer.push(piece);
  return { buffer, count: buffer.length, partial };
}

/** The complete lines (without `partial`); no copy for the newest state. */
export function logLines(log: LogLines): readonly string[] {
  return log.buffer.length === log.count ? log.buffer : log.buffer.slice(0, log.count);
}

/** The whole log as one text, exactly as it was appended. */
export function logText(log: LogLines): string {
  const lines = logLines(log);
  return (lines.length > 0 ? `${lines.join('\n')}\n` : '') + log.partial;
}
