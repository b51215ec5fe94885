import { useMemo } from 'react';
import { logLine } from '@shared/operations/log-lines';
import { LogPanel } from '../../components/log-panel';
import { logSource } from '../../components/log-source';
import { useShownLines } from '../../components/use-shown-lines';
import { useFollowedContainer, useStopRequest } from './use-live-container';
import { explainExit } from './explain-exit';

/**
 * A container's live output (stdout and stderr apart, ANSI colours), status and exit code, and why
 * it ended when the code alone does not say. While a stop is under way it says so and offers to
 * kill at once instead of waiting out the timeout.
 */
export function ContainerOutput({
  id,
  stopping = false,
  onStop,
  onKill,
}: {
  id: string;
  stopping?: boolean;
  onStop?: () => void;
  onKill?: () => void;
}) {
  const followed = useFollowedContainer(id);
  const { shownLines, setShownLines } = useShownLines();
  const stop = useStopRequest(id);
  const output = followed?.output;
  const source = useMemo(() => logSource(output, false), [output]);

  const exited = followed && followed.state !== 'running' && followed.exitCode !== null;
  const running = followed?.state === 'running';
  const explanation = exited
    ? explainExit({
        exitCode: followed.exitCode!,
        error: followed.error,
        ranMs:
          followed.ranMs ??
          (followed.runningSince !== null && followed.endedAt !== null
            ? followed.endedAt - followed.runningSince
            : null),
        printedNothing: (output?.count ?? 0) === 0,
        command: followed.command,
        stop: stop ?? null,
      })
    : null;

  return (
    <div className="container-output">
      <div
        className="output-status"
        data-testid="container-state"
        data-state={followed?.state ?? 'unknown'}
        data-stopping={running && stopping ? 'true' : undefined}
      >
        <span
          className={`status-pill ${running ? 'running' : exited && followed.exitCode === 0 ? 'succeeded' : exited ? 'failed' : ''}`}
        >
          {running && stopping ? 'stopping…' : (followed?.state ?? 'connecting')}
        </span>
        {exited ? <span data-testid="exit-code"> exit code {followed.exitCode}</span> : null}
        {running && !stopping && onStop ? (
          <button type="button" className="small danger" onClick={onStop}>
            Stop
          </button>
        ) : null}
        {running && stopping && onKill && stop?.timeoutSeconds !== 0 ? (
          <button type="button" className="small danger" onClick={onKill}>
            Kill now
          </button>
        ) : null}
      </div>
      {running && stopping && stop ? (
        <div className="callout" role="status" data-testid="stopping-note">
          {stop.timeoutSeconds === 0
            ? 'Killing it (SIGKILL)…'
            : `Asked it to stop (SIGTERM). A process that ignores SIGTERM is killed after ${stop.timeoutSeconds} s; “Kill now” skips the wait.`}
        </div>
      ) : null}
      {followed?.state === 'unknown' && followed.error ? (
        <div className="warning-box" role="alert" data-testid="container-lost">
          {followed.error}
        </div>
      ) : null}
      {explanation ? (
        <div
          className={explanation.tone === 'error' ? 'error-box' : 'callout'}
          role={explanation.tone === 'error' ? 'alert' : 'status'}
          data-testid="exit-explanation"
        >
          {explanation.text}
        </div>
      ) : null}
      <LogPanel
        source={source}
        limit={shownLines}
        onLimitChange={setShownLines}
        gutter="stream"
        className="raw-log container-log"
        linesClassName="output-lines"
        testId="container-output"
        copyText={() => {
          // What the container printed, stdout and stderr interleaved as they came.
          const lines: string[] = [];
          for (let index = 0; output && index < output.count; index++) lines.push(logLine(output, index));
          return lines.length ? `${lines.join('\n')}\n` : '';
        }}
        foldNote={(folded) => `… ${folded.toLocaleString()} lines folded — Copy log gives all of it`}
      />
    </div>
  );
}
