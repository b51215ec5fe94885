import { memo, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type Ref } from 'react';
import { AnsiLine } from './ansi-line';
import { foldLines, lineOfRow, rowOfLine, type LineSource } from './log-source';

const LINE_HEIGHT = 18;
/** Rows drawn above and below the screenful, so a quick scroll shows no blank before the next frame. */
const OVERSCAN = 20;

/** What a log's owner can do to it: show a line (and stop following the tail). */
export interface LogViewHandle {
  scrollTo(line: number): void;
}

/** What the gutter shows: the line's number (a build log), or its stream (a container's output). */
export type GutterKind = 'number' | 'stream';

/**
 * A virtualised log that follows its tail while the user has not scrolled up. Every row has the
 * same height, so what is on screen is worked out from the scroll position alone, whatever the
 * number of lines: no per-line measurement, nothing per line kept. Past `limit` lines the middle
 * is folded into one row (see `foldLines`) that says so with `foldNote`. Each line is drawn with
 * its ANSI colours (never as HTML).
 */
export function LogView({
  source,
  limit,
  gutter,
  className,
  testId,
  handle,
  follow = true,
  highlight,
  current,
  foldNote,
}: {
  source: LineSource;
  limit: number;
  gutter: GutterKind;
  className: string;
  testId: string;
  handle?: Ref<LogViewHandle>;
  /** False while the owner shows something else than the tail (a search). */
  follow?: boolean;
  /** Lower-case text whose lines are marked (a search), or ''. */
  highlight?: string;
  /** The line marked as the current match, or null. */
  current?: number | null;
  foldNote(folded: number): string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [atEnd, setAtEnd] = useState(true);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const fold = foldLines(source.count, limit);
  const following = follow && atEnd;
  const total = fold.rows * LINE_HEIGHT;
  const top = following ? Math.max(0, total - height) : scrollTop;
  // While the tail is followed the rows change every frame and nobody scrolls: no overscan then.
  const overscan = following ? 0 : OVERSCAN;
  const first = Math.max(0, Math.floor(top / LINE_HEIGHT) - overscan);
  const last = Math.min(fold.rows, Math.ceil((top + height) / LINE_HEIGHT) + overscan);
  // Rows are keyed by slot, not by line: a row scrolled out gives its element to the row scrolled
  // in, so a frame that moves the view updates elements instead of removing and creating them.
  const slots = Math.ceil(height / LINE_HEIGHT) + 2 * OVERSCAN + 2;

  useImperativeHandle(handle, () => ({
    scrollTo: (line) => {
      const element = scrollRef.current;
      if (!element) return;
      setAtEnd(false);
      const row = rowOfLine(fold, line) ?? fold.head;
      element.scrollTop = Math.max(0, row * LINE_HEIGHT - element.clientHeight / 2);
      setScrollTop(element.scrollTop);
    },
  }));

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (element && following) element.scrollTop = element.scrollHeight;
  });

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  const rows = [];
  for (let row = first; row < last; row++) {
    const line = lineOfRow(fold, row);
    if (line === null) {
      rows.push(
        <div key={row % slots} className="log-line log-fold" data-testid="log-fold" style={at(row)}>
          {foldNote(fold.folded)}
        </div>,
      );
      continue;
    }
    const text = source.line(line);
    const stream = gutter === 'stream' ? (source.tag(line) === 1 ? 'stderr' : 'stdout') : null;
    const match =
      line === current ? ' current-match' : highlight && lower(text).includes(highlight) ? ' match' : '';
    rows.push(<Row key={row % slots} row={row} line={line} text={text} stream={stream} extra={match} />);
  }

  return (
    <div
      ref={scrollRef}
      className={className}
      data-testid={testId}
      onScroll={(event) => {
        const element = event.currentTarget;
        const end = element.scrollHeight - element.scrollTop - element.clientHeight < LINE_HEIGHT * 2;
        // The scroll that following the tail makes itself changes nothing on screen: no render.
        if (end && following) return;
        setAtEnd(end);
        setScrollTop(element.scrollTop);
      }}
    >
      <div style={{ height: total, position: 'relative' }}>{rows}</div>
    </div>
  );
}

const lower = (text: string): string => text.toLowerCase();

const at = (row: number) =>
  ({
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    height: LINE_HEIGHT,
    transform: `translateY(${row * LINE_HEIGHT}px)`,
  }) as const;

/** One line; kept as it is while the same line stays in the same row (most of a scroll's rows). */
const Row = memo(function Row({
  row,
  line,
  text,
  stream,
  extra,
}: {
  row: number;
  line: number;
  text: string;
  stream: 'stdout' | 'stderr' | null;
  extra: string;
}) {
  return (
    <div
      className={`log-line${stream ? ` ${stream}` : ''}${extra}`}
      data-stream={stream ?? undefined}
      style={at(row)}
    >
      {stream ? (
        <span className="stream-mark">{stream === 'stderr' ? 'err' : 'out'}</span>
      ) : (
        <span className="log-number">{line + 1}</span>
      )}
      <AnsiLine text={text} />
    </div>
  );
});
