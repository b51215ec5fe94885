import { useEffect, useMemo, useRef, useState } from 'react';
import { LogView, type LogViewHandle } from '../../components/log-view';

/**
 * The raw log, virtualised so 500k lines scroll smoothly; search shows the first match as it is
 * typed and Enter / the arrows step between matches; copy takes the whole log. Follows the tail
 * while the user has not scrolled up.
 */
export function RawLog({ lines, version }: { lines: readonly string[]; version: number }) {
  const view = useRef<LogViewHandle>(null);
  const [query, setQuery] = useState('');
  const [matchIndex, setMatchIndex] = useState(0);
  const [copied, setCopied] = useState(false);

  const matches = useMemo(() => {
    if (!query) return [];
    const needle = query.toLowerCase();
    const found: number[] = [];
    lines.forEach((line, index) => {
      if (line.toLowerCase().includes(needle)) found.push(index);
    });
    return found;
    // `version` changes when lines are appended in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, lines, version]);

  // Jump to the first match as the search is typed (and when a match first streams in), not only on Enter.
  const shownFor = useRef('');
  const firstMatch = matches[0];
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
    if (matches.length === 0) return;
    const next = (matchIndex + delta + matches.length) % matches.length;
    setMatchIndex(next);
    view.current?.scrollTo(matches[next]!);
  };
  const current = matches[matchIndex];
  const matchSet = new Set(matches);

  return (
    <div className="raw-log">
      <div className="raw-log-toolbar">
        <input
          type="search"
          aria-label="Search the log"
          placeholder="Search the log"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setMatchIndex(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') jump(event.shiftKey ? -1 : 1);
          }}
        />
        <span className="muted" data-testid="log-matches">
          {query
            ? `${matches.length ? matchIndex + 1 : 0} of ${matches.length}`
            : `${lines.length.toLocaleString()} lines`}
        </span>
        <button type="button" className="small" onClick={() => jump(-1)} disabled={!matches.length}>
          ↑
        </button>
        <button type="button" className="small" onClick={() => jump(1)} disabled={!matches.length}>
          ↓
        </button>
        <button
          type="button"
          className="small"
          onClick={() => {
            void navigator.clipboard.writeText(lines.join('\n')).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            });
          }}
        >
          {copied ? 'Copied' : 'Copy log'}
        </button>
      </div>
      <LogView
        handle={view}
        lines={lines}
        version={version}
        follow={!query}
        className="raw-log-lines"
        testId="raw-log"
        text={(line) => line}
        gutter={(_, index) => <span className="log-number">{index + 1}</span>}
        lineClass={(_, index) => (index === current ? ' current-match' : matchSet.has(index) ? ' match' : '')}
      />
    </div>
  );
}
