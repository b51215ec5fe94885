import { useEffect, useImperativeHandle, useRef, type ReactNode, type Ref } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { AnsiLine } from './ansi-line';

const LINE_HEIGHT = 18;

/** What a log's owner can do to it: show a line and stop following the tail. */
export interface LogViewHandle {
  scrollTo(index: number): void;
}

/**
 * A virtualised log that follows its tail while the user has not scrolled up (so 500k lines
 * scroll smoothly): the raw build log and a container's output. Each line is drawn with its ANSI
 * colours (never as HTML) after `gutter` (a line number, the stream).
 */
export function LogView<T>({
  lines,
  version,
  text,
  gutter,
  lineClass,
  lineData,
  className,
  testId,
  handle,
  follow = true,
}: {
  lines: readonly T[];
  /** Changes when lines are appended in place. */
  version: number;
  text(line: T): string;
  gutter(line: T, index: number): ReactNode;
  lineClass?(line: T, index: number): string;
  /** A `data-stream`-style attribute per line, for tests and styles. */
  lineData?(line: T): Record<string, string>;
  className: string;
  testId: string;
  handle?: Ref<LogViewHandle>;
  /** False while the owner shows something else than the tail (a search). */
  follow?: boolean;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const followRef = useRef(true);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
  });

  useImperativeHandle(handle, () => ({
    scrollTo: (index) => {
      followRef.current = false;
      virtualizer.scrollToIndex(index, { align: 'center' });
    },
  }));

  useEffect(() => {
    if (followRef.current && follow && lines.length > 0)
      virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [version, lines.length, follow, virtualizer]);

  return (
    <div
      ref={scrollRef}
      className={className}
      data-testid={testId}
      onScroll={(event) => {
        const element = event.currentTarget;
        followRef.current = element.scrollHeight - element.scrollTop - element.clientHeight < LINE_HEIGHT * 2;
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const line = lines[item.index]!;
          return (
            <div
              key={item.key}
              className={`log-line${lineClass ? lineClass(line, item.index) : ''}`}
              {...lineData?.(line)}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: LINE_HEIGHT,
                transform: `translateY(${item.start}px)`,
              }}
            >
              {gutter(line, item.index)}
              <AnsiLine text={text(line)} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
