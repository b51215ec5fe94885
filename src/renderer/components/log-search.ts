import type { LineSource } from './log-source';

/** Where a search through a log stands: the lines matched so far, and how far it has read. */
export interface LogSearch {
  readonly query: string;
  readonly origin: object | null;
  /** Lines read so far (of the source's complete lines). */
  readonly scanned: number;
  /** Matching complete lines, in order. */
  readonly matches: number[];
}

/** A search for `query` that has read nothing yet. */
export function newSearch(query: string, origin: object | null = null): LogSearch {
  return { query, origin, scanned: 0, matches: [] };
}

/** True while lines are left to read. */
export function searching(search: LogSearch, source: LineSource): boolean {
  return search.query !== '' && (search.origin !== source.origin || search.scanned < source.complete);
}

/**
 * Reads the source's complete lines on from where `search` stopped, at most `budget` lines (so
 * one slice never holds up a frame), and gives the search as it stands then. Matching ignores
 * case. A source replaced rather than grown (another origin, or fewer lines) starts it again.
 */
export function searchSlice(search: LogSearch, source: LineSource, budget: number): LogSearch {
  if (search.query === '') return search;
  const again = search.origin !== source.origin || search.scanned > source.complete;
  const from = again ? 0 : search.scanned;
  const matches = again ? [] : search.matches;
  const needle = search.query.toLowerCase();
  const to = Math.min(source.complete, from + budget);
  for (let index = from; index < to; index++) {
    if (includes(source.line(index), needle)) matches.push(index);
  }
  return { query: search.query, origin: source.origin, scanned: to, matches };
}

/** Case-insensitive `includes`; most log lines are ASCII, lowered once. */
export function includes(line: string, needle: string): boolean {
  return line.toLowerCase().includes(needle);
}

/** The number of matches at or after `from` and before `to` (matches are in order). */
export function countBetween(matches: readonly number[], from: number, to: number): number {
  return lowerBound(matches, to) - lowerBound(matches, from);
}

/** The first position in `sorted` whose value is at least `value`. */
export function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
