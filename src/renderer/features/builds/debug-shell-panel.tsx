import { useEffect, useRef, useState } from 'react';
import type { DebugBuild } from '@shared/builds/debug-dockerfile';
import { errorMessage } from '../../lib/invoke';
import { ConfirmDialog } from '../../components/confirm-dialog';
import {
  openDebugShell,
  removeDebugImage,
  useDebugBuildRecord,
  useStartDebugBuild,
} from './api/build-queries';

/** Debug images made in this window, by build, line and side: their shells were opened already. */
const made = new Map<string, DebugBuild>();

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
  onShell(containerId: string, title: string): void;
}) {
  const start = useStartDebugBuild();
  const key = `${buildId}:${line}:${at}`;
  // The shell opens on another page: coming back here still offers to remove its image.
  const [debug, setDebugState] = useState<DebugBuild | null>(() => made.get(key) ?? null);
  const setDebug = (value: DebugBuild | null): void => {
    if (value) made.set(key, value);
    else made.delete(key);
    setDebugState(value);
  };
  const opened = useRef(made.has(key));
  const [error, setError] = useState<string | null>(null);
  const record = useDebugBuildRecord(debug?.build.id ?? null);
  const [removing, setRemoving] = useState<'asking' | 'busy' | 'done' | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const remove = (): void => {
    if (!debug) return;
    setRemoving('busy');
    removeDebugImage(debug.image).then(
      () => {
        made.delete(key);
        setRemoving('done');
      },
      (failure: unknown) => {
        setRemoving('asking');
        const message = errorMessage(failure) ?? 'The engine refused.';
        setRemoveError(
          /conflict|in use|being used/i.test(message)
            ? `The shell is still open in it: exit the shell (its container then goes), then remove the image. (${message})`
            : message,
        );
      },
    );
  };
  const status = record.data?.status ?? (debug ? 'running' : null);

  useEffect(() => {
    if (!debug || status !== 'succeeded' || opened.current) return;
    opened.current = true;
    openDebugShell({ image: debug.image, pending: debug.pending, pendingCommand: debug.pendingCommand }).then(
      ({ containerId }) => onShell(containerId, `Shell ${at} line ${line}`),
      (failure: unknown) => setError(errorMessage(failure) ?? 'The shell could not start.'),
    );
  }, [debug, status, onShell, at, line]);

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
      {status === 'succeeded' && !error && removing !== 'done' ? (
        <span className="muted" data-testid="debug-shell-status">
          Shell opened in Containers (image <code>{debug?.image}</code>; its container goes when the shell
          exits).{' '}
          <button type="button" className="small" onClick={() => setRemoving('asking')}>
            Remove the debug image…
          </button>
        </span>
      ) : null}
      {removing === 'done' ? (
        <span className="muted" data-testid="debug-shell-status">
          Debug image removed.
        </span>
      ) : null}
      {removing === 'asking' || removing === 'busy' ? (
        <ConfirmDialog
          title="Remove the debug image?"
          confirmLabel="Remove"
          danger
          busy={removing === 'busy'}
          error={removeError}
          onConfirm={remove}
          onCancel={() => {
            setRemoving(null);
            setRemoveError(null);
          }}
        >
          <p>
            <code>{debug?.image}</code> was built for the shell only; your build and its cache stay. Open the
            shell again any time: it is rebuilt from the cache in seconds.
          </p>
        </ConfirmDialog>
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
