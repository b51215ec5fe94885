import { useEffect, useRef, useState } from 'react';
import type { DebugBuild } from '@shared/builds/debug-dockerfile';
import { errorMessage } from '../../lib/invoke';
import { openDebugShell, useDebugBuildRecord, useStartDebugBuild } from './api/build-queries';

/**
 * "Open a shell at the last good step" (issue #18): builds the Dockerfile cut before the failing
 * step (from cache, seconds), then opens a terminal in a container of that image, where the step
 * is shown and not run. `onShell` takes the container to the terminal.
 */
export function DebugShellButton({
  buildId,
  line,
  at,
  label,
  onShell,
}: {
  buildId: string;
  line: number;
  at: 'before' | 'after';
  label: string;
  onShell(containerId: string): void;
}) {
  const start = useStartDebugBuild();
  const [debug, setDebug] = useState<DebugBuild | null>(null);
  const [error, setError] = useState<string | null>(null);
  const record = useDebugBuildRecord(debug?.build.id ?? null);
  const opened = useRef(false);
  const status = record.data?.status ?? (debug ? 'running' : null);

  useEffect(() => {
    if (!debug || status !== 'succeeded' || opened.current) return;
    opened.current = true;
    openDebugShell({ image: debug.image, pending: debug.pending, pendingCommand: debug.pendingCommand }).then(
      ({ containerId }) => onShell(containerId),
      (failure: unknown) => setError(errorMessage(failure) ?? 'The shell could not start.'),
    );
  }, [debug, status, onShell]);

  const begin = (): void => {
    setError(null);
    opened.current = false;
    start.mutate(
      { buildId, line, at },
      {
        onSuccess: setDebug,
        onError: (failure) => setError(errorMessage(failure) ?? 'The debug build could not start.'),
      },
    );
  };

  const busy = start.isPending || status === 'running';
  return (
    <div className="debug-shell" data-testid="debug-shell">
      <button type="button" onClick={begin} disabled={busy}>
        {label}
      </button>{' '}
      {busy ? (
        <span className="muted" data-testid="debug-shell-status">
          Building up to line {line} from the cache…
        </span>
      ) : null}
      {status === 'succeeded' && !error ? (
        <span className="muted" data-testid="debug-shell-status">
          Shell opened in Containers (image <code>{debug?.image}</code>).
        </span>
      ) : null}
      {status === 'failed' || status === 'cancelled' ? (
        <span className="error-text" role="alert">
          The build up to line {line} {status === 'failed' ? 'failed' : 'was cancelled'}:{' '}
          {record.data?.error?.message ?? 'see the build in History'}
        </span>
      ) : null}
      {error ? (
        <span className="error-text" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
