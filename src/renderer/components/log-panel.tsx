import { useEffect, useRef, useState } from 'react';
import { SHOWN_LINE_CHOICES } from '@shared/log-view-settings';
import { LogView, type GutterKind, type LogViewHandle } from './log-view';
import { foldLines, type LineSource } from './log-source';
import { countBetween, lowerBound, newSearch, searching, searchSlice, type LogSearch } from './log-search';

/** Lines one search slice reads before giving the frame back (about 2 ms of a 16.7 ms frame). */
const SEARCH_SLICE_LINES = 20_000;

/**
 * A log with its toolbar: a search that reads the log in slices between frames ("searching… n
 * so far"), shows the first match as it is typed, and steps between matches with Enter / the
 * arrows; Copy log (and Save log… where the owner can save) give the whole log, folded lines
 * included. Serves a build's raw log and a container's output alike.
 */
export function LogPanel({
  source,
  limit,
  onLimitChange,
  gutter,
  className,
  linesClassName,
  testId,
  copyText,
  onSave,
  foldNote,
}: {
  source: LineSource;
  /** Lines shown before the middle is folded. */
  limit: number;
  /** The user picked another number of lines to show (the toolbar offers it once a log is long). */
  onLimitChange?: (lines: number) => void;
  gutter: GutterKind;
  className: string;
  linesClassName: string;
  testId: string;
  /** The whole log, for the clipboard. */
  copyText(): string | Promise<string>;
  onSave?: () => void;
  foldNote(folded: number): string;
}) {
  const view = useRef<LogViewHandle>(null);
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<LogSearch>(() => newSearch(''));
  const [matchIndex, setMatchIndex] = useState(0);
  const [copied, setCopied] = useState<'Copied' | 'Copy failed' | null>(null);

  const busy = searching(search, source);
  useEffect(() => {
    if (!busy) return;
    const timer = setTimeout(() => setSearch((now) => searchSlice(now, source, SEARCH_SLICE_LINES)), 0);
    return () => clearTimeout(timer);
  }, [busy, search, source]);

  const fold = foldLines(source.count, limit);
  const { matches } = search;
  // Matches in folded lines are counted apart: they cannot be shown, only copied or saved.
  const foldedMatches = countBetween(matches, fold.head, fold.tailStart);
  const shown = matches.length - foldedMatches;
  const matchAt = (index: number): number => {
    const headMatches = lowerBound(matches, fold.head);
    return index < headMatches ? matches[index]! : matches[index + foldedMatches]!;
  };

  // Jump to the first match as the search is typed (and when a match first streams in), not only on Enter.
  const shownFor = useRef('');
  const firstMatch = shown > 0 ? matchAt(0) : undefined;
  useEffect(() => {
    if (!query) {
      shownFor.current = '';
      return;
    }
    if (firstMatch === undefined || shownFor.current === query) return;
    shownFor.current = query;
    view.current?.scrollTo(firstMatch);
  }, [query, firstMatch]);

  const jump = (delta: number): void => {
    if (shown === 0) return;
    const next = (matchIndex + delta + shown) % shown;
    setMatchIndex(next);
    view.current?.scrollTo(matchAt(next));
  };
  const current = shown > 0 && query ? matchAt(Math.min(matchIndex, shown - 1)) : null;

  const status = !query
    ? `${source.count.toLocaleString()} lines`
    : busy
      ? `searching… ${shown.toLocaleString()} ${shown === 1 ? 'match' : 'matches'} so far`
      : `${shown ? Math.min(matchIndex, shown - 1) + 1 : 0} of ${shown}`;

  return (
    <div className={className}>
      <div className="raw-log-toolbar">
        <input
          type="search"
          aria-label="Search the log"
          placeholder="Search the log"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setSearch(newSearch(event.target.value));
            setMatchIndex(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') jump(event.shiftKey ? -1 : 1);
          }}
        />
        <span className="muted" data-testid="log-matches">
          {status}
        </span>
        {query && foldedMatches > 0 ? (
          <span className="muted" data-testid="log-folded-matches">
            {`(${foldedMatches.toLocaleString()} more in folded lines)`}
          </span>
        ) : null}
        <button type="button" className="small" onClick={() => jump(-1)} disabled={!shown}>
          ↑
        </button>
        <button type="button" className="small" onClick={() => jump(1)} disabled={!shown}>
          ↓
        </button>
        <button
          type="button"
          className="small"
          onClick={() => {
            void Promise.resolve(copyText())
              .then((text) => navigator.clipboard.writeText(text))
              .then(
                () => setCopied('Copied'),
                () => setCopied('Copy failed'),
              )
              .then(() => setTimeout(() => setCopied(null), 1500));
          }}
        >
          {copied ?? 'Copy log'}
        </button>
        {onLimitChange && source.count > SHOWN_LINE_CHOICES[0] ? (
          <label className="log-limit muted">
            Show up to{' '}
            <select value={limit} onChange={(event) => onLimitChange(Number(event.target.value))}>
              {[...new Set([...SHOWN_LINE_CHOICES, limit])]
                .sort((a, b) => a - b)
                .map((lines) => (
                  <option key={lines} value={lines}>
                    {lines.toLocaleString()}
                  </option>
                ))}
            </select>{' '}
            lines
          </label>
        ) : null}
        {onSave ? (
          <button type="button" className="small" onClick={onSave}>
            Save log…
          </button>
        ) : null}
      </div>
      <LogView
        handle={view}
        source={source}
        limit={limit}
        gutter={gutter}
        follow={!query}
        className={linesClassName}
        testId={testId}
        highlight={query.toLowerCase()}
        current={current}
        foldNote={foldNote}
      />
    </div>
  );
}
