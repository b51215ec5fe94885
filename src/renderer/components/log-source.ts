import { logLine, logLineTag, type LogLines } from '@shared/operations/log-lines';

/** Browsers stop growing a scrolled element near 2^25 px; 18 px rows stay under it. */
export const MAX_SHOWN_LINES = 1_500_000;

/** A log as the log view reads it: a count and line `index`, without copying lines out. */
export interface LineSource {
  /** Lines, an unfinished last one included. */
  readonly count: number;
  /** Lines that will not change (the unfinished last one excluded): search keeps what it read of them. */
  readonly complete: number;
  /** Changes when the log is replaced rather than grown (a new follow, the saved record). */
  readonly origin: object;
  line(index: number): string;
  tag(index: number): number;
}

const EMPTY: LineSource = { count: 0, complete: 0, origin: {}, line: () => '', tag: () => 0 };

/** The log's lines, its unfinished last line shown after them when `withPartial`. */
export function logSource(log: LogLines | undefined, withPartial = true): LineSource {
  if (!log) return EMPTY;
  const partial = withPartial && log.partial !== '' ? log.partial.replace(/\r$/, '') : null;
  return {
    count: log.count + (partial === null ? 0 : 1),
    complete: log.count,
    origin: log.store,
    line: (index) => (index === log.count && partial !== null ? partial : logLine(log, index)),
    tag: (index) => (index < log.count ? logLineTag(log, index) : 0),
  };
}

/**
 * Which lines are shown: all of them up to `limit`, past it the first half of `limit` and the last
 * half with one row between them saying how many are folded.
 */
export interface Fold {
  /** Rows to draw, the fold row included. */
  rows: number;
  /** Lines shown before the fold row (all of them when nothing is folded). */
  head: number;
  /** Lines not shown. */
  folded: number;
  /** The first line shown after the fold row. */
  tailStart: number;
}

/** How `count` lines are shown under `limit` (see `Fold`). */
export function foldLines(count: number, limit: number): Fold {
  const shown = Math.max(2, Math.min(Math.floor(limit), MAX_SHOWN_LINES));
  if (count <= shown) return { rows: count, head: count, folded: 0, tailStart: count };
  const head = Math.floor(shown / 2);
  return { rows: shown + 1, head, folded: count - shown, tailStart: count - (shown - head) };
}

/** The line drawn in `row`, or null for the fold row. */
export function lineOfRow(fold: Fold, row: number): number | null {
  if (row < fold.head) return row;
  if (row === fold.head) return fold.folded > 0 ? null : row;
  return fold.tailStart + row - fold.head - 1;
}

/** The row line `line` is drawn in, or null while it is folded. */
export function rowOfLine(fold: Fold, line: number): number | null {
  if (line < fold.head) return line;
  if (line < fold.tailStart) return null;
  return fold.folded > 0 ? fold.head + 1 + line - fold.tailStart : line;
}
