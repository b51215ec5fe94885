import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { AnsiLine } from '../../components/ansi-line';

const LINE_HEIGHT = 18;

/**
 * The raw log, virtualised so 500k lines scroll smoothly; search shows the first match as it is
 * typed and Enter / the arrows step between matches; copy takes the whole log. Follows the tail while the user has not scrolled up.
 */
export function RawLog({ lines, version }: { lines: string[]; version: number }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState('');
  const [matchIndex, setMatchIndex] = useState(0);
  const [copied, setCopied] = useState(false);
  const followRef = useRef(true);

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

  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
  });

  useEffect(() => {
    if (followRef.current && !query && lines.length > 0)
      virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [version, lines.length, query, virtualizer]);

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
    followRef.current = false;
    virtualizer.scrollToIndex(firstMatch, { align: 'center' });
  }, [query, firstMatch, virtualizer]);

  const jump = (delta: number): void => {
    if (matches.length === 0) return;
    const next = (matchIndex + delta + matches.length) % matches.length;
    setMatchIndex(next);
    followRef.current = false;
    virtualizer.scrollToIndex(matches[next]!, { align: 'center' });
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
      <div
        ref={scrollRef}
        className="raw-log-lines"
        data-testid="raw-log"
        onScroll={(event) => {
          const element = event.currentTarget;
          followRef.current =
            element.scrollHeight - element.scrollTop - element.clientHeight < LINE_HEIGHT * 2;
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              className={`log-line${item.index === current ? ' current-match' : matchSet.has(item.index) ? ' match' : ''}`}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: LINE_HEIGHT,
                transform: `translateY(${item.start}px)`,
              }}
            >
              <span className="log-number">{item.index + 1}</span>
              {/* The classic builder wraps a RUN's stderr in colour codes: show colours, not `[91m`. */}
              <AnsiLine text={lines[item.index] ?? ''} />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
