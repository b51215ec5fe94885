import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { invoke } from '../../app/invoke';
import { AnsiLine } from '../../components/ansi-line';
import { useFollowedContainer, type ContainerStore } from './container-store';

const LINE_HEIGHT = 18;
/** A container that ends within this long after starting "exited at once": show why. */
const QUICK_EXIT_MS = 3000;

/** A container's live output (stdout and stderr apart, ANSI colours), status and exit code. */
export function ContainerOutput({
  id,
  store,
  onStop,
}: {
  id: string;
  store: ContainerStore;
  onStop?: () => void;
}) {
  const followed = useFollowedContainer(store, id);
  const scrollRef = useRef<HTMLDivElement>(null);
  const lines = followed?.lines ?? [];
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
  });

  useEffect(() => {
    if (lines.length > 0) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [followed?.version, lines.length, virtualizer]);

  const exited = followed && followed.state !== 'running' && followed.exitCode !== null;
  const quick =
    exited &&
    followed.runningSince !== null &&
    followed.endedAt !== null &&
    followed.endedAt - followed.runningSince < QUICK_EXIT_MS;

  return (
    <div className="container-output">
      <div className="output-status" data-testid="container-state" data-state={followed?.state ?? 'unknown'}>
        <span
          className={`status-pill ${followed?.state === 'running' ? 'running' : exited && followed.exitCode === 0 ? 'succeeded' : exited ? 'failed' : ''}`}
        >
          {followed?.state ?? 'connecting'}
        </span>
        {exited ? <span data-testid="exit-code"> exit code {followed.exitCode}</span> : null}
        {followed?.state === 'running' && onStop ? (
          <button type="button" className="small danger" onClick={onStop}>
            Stop
          </button>
        ) : null}
      </div>
      {followed?.state === 'unknown' && followed.error ? (
        <div className="warning-box" role="alert" data-testid="container-lost">
          {followed.error}
        </div>
      ) : null}
      {quick && followed.exitCode !== 0 ? (
        <div className="error-box" role="alert">
          The container stopped right after starting, with exit code {followed.exitCode}
          {followed.error ? ` (${followed.error})` : ''}. Its last output is below.
        </div>
      ) : null}
      <div ref={scrollRef} className="output-lines" data-testid="container-output">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = lines[item.index]!;
            return (
              <div
                key={item.key}
                className={`log-line ${line.stream}`}
                data-stream={line.stream}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: LINE_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                <span className="stream-mark">{line.stream === 'stderr' ? 'err' : 'out'}</span>
                <AnsiLine text={line.text} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** Starts following a container's output when shown; stops when hidden. */
export function useFollow(store: ContainerStore, id: string): void {
  useEffect(() => {
    // A container started from the Run form is followed from its first byte already; an
    // auto-removed one may be gone by now, so following again would lose its output.
    if (store.get(id)) return;
    store.reset(id);
    void invoke('containers:follow', { id }).catch(() => undefined);
    return () => {
      void invoke('containers:unfollow', { id }).catch(() => undefined);
    };
  }, [store, id]);
}
