import { useMemo, useState, type ReactNode } from 'react';
import { formatSize } from '@shared/format-size';
import { plural } from '@shared/plural';
import { shortImageId } from '@shared/images';
import { buildProgress, buildStateOfRecord, type BuildState } from '@shared/operations/fold-build';
import { useNow } from '../../components/use-now';
import { findPreviousBuild, useBuildRecord, useCancelBuild } from './api/build-queries';
import { useOperation } from '../../lib/operations/operations-context';
import { errorMessage } from '../../lib/invoke';
import { DockerfilePanel } from './dockerfile-panel';
import { RawLog } from './raw-log';
import { formatDuration, StepList } from './step-list';
import { CodeSpans } from './code-spans';
import { DebugShellButton } from './debug-shell-panel';
import { cacheReasonsOf, CacheSummaryLine } from './cache-explanation-view';
import { commandOutputTail } from '@shared/builds/step-output';
import type { BuildRequest } from '@shared/builds/build-request';
import type { ImageActions } from '../../lib/image-actions';

/** Lines of the failing step's output shown with the error; the rest is in the log. */
const FAILED_OUTPUT_LINES = 8;

const STATUS_TEXT = {
  running: 'Building…',
  succeeded: 'Built',
  failed: 'Failed',
  cancelled: 'Cancelled',
} as const;

/** One build, live or from the history: header, steps, the Dockerfile beside them, the raw log. */
export function BuildView({
  id,
  onRebuild,
  actions,
  wasteSummary,
}: {
  id: string;
  onRebuild(request: BuildRequest): void;
  actions: ImageActions;
  /** What the background analysis found wasted in the built image (another feature draws it). */
  wasteSummary(imageId: string): ReactNode;
}) {
  const live = useOperation('build', id);
  const liveStatus = live?.summary.status;
  const record = useBuildRecord(id, true);
  const cancel = useCancelBuild();
  // Said on the click itself, not when the mutation's state reaches the page (a task later): while
  // a long log streams that is a frame or two, and the button must answer in the next one.
  const [cancelClicked, setCancelClicked] = useState<string | null>(null);
  const cancelling = (cancelClicked === id && !cancel.isError) || cancel.isPending;
  const now = useNow(liveStatus === 'running' ? 250 : 60_000);
  const [focusLine, setFocusLine] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const saved = record.data;
  const liveLog = live?.summary.status === 'running' ? undefined : live?.log;
  const fromRecord = useMemo(() => (saved ? buildStateOfRecord(saved, liveLog) : null), [saved, liveLog]);
  const running = liveStatus === 'running';
  // One shape for both: the live fold until the saved record is complete, then the record.
  const build = live && (running || !saved || saved.status === 'running') ? live : fromRecord;
  if (!build) {
    return <p className="muted page">{record.error ? record.error.message : 'Loading build…'}</p>;
  }
  const { summary, steps, stepLogs, error, warnings } = build;
  // What the failing command printed last is usually the real reason (a missing package, a typo).
  const failedStep = steps.find((step) => step.status === 'error');
  const failedOutput = commandOutputTail(
    failedStep ? (stepLogs[failedStep.id] ?? []) : [],
    FAILED_OUTPUT_LINES,
  );
  const explanation = error?.explanation ?? null;
  const progress = buildProgress(steps);
  const elapsed = (summary.endedAt ?? now) - summary.startedAt;
  // Explained when the build ended; the live fold never has it, the saved record does.
  const cacheExplanation = !running && build === fromRecord ? (saved?.cacheExplanation ?? null) : null;

  return (
    <section className="build-view" data-testid="build-view" data-status={summary.status}>
      <header className="build-header">
        <div>
          <h1>
            <span className={`status-pill ${summary.status}`} data-testid="build-status">
              {STATUS_TEXT[summary.status]}
            </span>{' '}
            {summary.request.tags[0] ?? summary.request.contextDir}
          </h1>
          <div className="muted">
            {summary.builder === 'buildkit' ? 'BuildKit' : 'Classic builder'} · {summary.dockerfilePath} ·{' '}
            {progress.total > 0 || running ? (
              <>
                <span data-testid="build-progress" className="nowrap">
                  {summary.status === 'failed' || summary.status === 'cancelled'
                    ? `${progress.ran} of ${progress.total} steps ran`
                    : `${progress.ran}/${progress.total} steps`}
                </span>{' '}
                ·{' '}
              </>
            ) : null}
            {formatDuration(elapsed)}
            {summary.status !== 'running' ? ` · ${summary.cachedSteps} from cache` : ''}
          </div>
          {summary.builder === 'buildkit' && summary.contextTransfer === 'tar' ? (
            <div className="warning-text" data-testid="context-transfer">
              Context sent as a tar: this engine has no BuildKit session support
            </div>
          ) : null}
          {build.context && running ? <ContextProgressLine context={build.context} /> : null}
        </div>
        <div className="actions">
          {running ? (
            <button
              type="button"
              className="danger"
              onClick={() => {
                setCancelClicked(id);
                cancel.mutate(id);
              }}
              disabled={cancelling}
            >
              {cancelling ? 'Cancelling…' : 'Cancel build'}
            </button>
          ) : (
            <>
              {summary.status === 'succeeded' && summary.imageId ? (
                <>
                  <button
                    type="button"
                    className="primary"
                    onClick={() => actions.run(summary.request.tags[0] ?? summary.imageId!)}
                  >
                    Run
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      summary.request.tags.length > 0
                        ? actions.push(summary.request.tags)
                        : actions.tag(summary.imageId!, 'yourname/app:1.0')
                    }
                  >
                    {summary.request.tags.length > 0 ? 'Push…' : 'Tag…'}
                  </button>
                  <button type="button" onClick={() => actions.layers(summary.imageId!)}>
                    Layers
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      void findPreviousBuild(summary.id).then((previous) =>
                        previous
                          ? actions.layers(previous.imageId, summary.imageId!)
                          : setNotice('No earlier successful build of this Dockerfile to compare with.'),
                      )
                    }
                  >
                    Compare with previous build
                  </button>
                </>
              ) : null}
              <button type="button" onClick={() => actions.edit(summary.dockerfilePath, warnings)}>
                Edit Dockerfile
              </button>
              <button type="button" onClick={() => onRebuild(summary.request)}>
                Build again…
              </button>
            </>
          )}
        </div>
      </header>

      {notice ? <p className="muted">{notice}</p> : null}
      {running && cancel.isError ? (
        <p className="error-text" role="alert">
          The build could not be cancelled: {errorMessage(cancel.error) ?? 'no answer from the app'}
        </p>
      ) : null}
      {summary.status === 'succeeded' && summary.imageId ? (
        <div className="notice" data-testid="build-result">
          Image <code>{shortImageId(summary.imageId)}</code>
          {summary.imageSizeBytes !== null ? `, ${formatSize(summary.imageSizeBytes)}` : ''}
          {summary.request.tags.length ? ` tagged ${summary.request.tags.join(', ')}` : ' (untagged)'}, built
          in {formatDuration(elapsed)} with {summary.cachedSteps} of {summary.stepCount} steps from cache.
        </div>
      ) : null}
      {summary.status === 'succeeded' && summary.imageId ? wasteSummary(summary.imageId) : null}
      {error && summary.status !== 'running' ? (
        <div className="error-box" role="alert" data-testid="build-error">
          <div className="error-headline" data-testid="build-error-headline">
            {error.line !== null ? <strong>Line {error.line}: </strong> : null}
            {explanation ? <CodeSpans text={explanation} /> : error.message}
          </div>
          {explanation && explanation !== error.message ? (
            <div className="error-raw" data-testid="build-error-raw">
              The engine said: <code>{error.message}</code>
            </div>
          ) : null}
          {failedOutput.length > 0 ? (
            <>
              <div className="error-output-title">What the command printed last:</div>
              <pre className="error-output" data-testid="build-error-output">
                {failedOutput.join('\n')}
              </pre>
            </>
          ) : null}
          {summary.status === 'failed' && error.line !== null && !running ? (
            <DebugShellButton
              buildId={summary.id}
              line={error.line}
              at="before"
              label="Open a shell at the last good step"
              onShell={actions.shell}
            />
          ) : null}
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <ul className="warnings">
          {warnings.map((warning, index) => (
            <li key={index}>
              {warning.line !== null ? `Line ${warning.line}: ` : ''}
              {warning.message}
            </li>
          ))}
        </ul>
      ) : null}

      {cacheExplanation ? <CacheSummaryLine explanation={cacheExplanation} steps={steps} now={now} /> : null}
      <div className="build-columns">
        <StepList
          steps={steps}
          stepLogs={stepLogs}
          now={now}
          onSelectLine={setFocusLine}
          cacheReason={
            cacheExplanation
              ? cacheReasonsOf(cacheExplanation, steps, saved?.dockerfileText ?? '', now, (advice) =>
                  actions.edit(summary.dockerfilePath, warnings, advice.dockerfileText),
                )
              : undefined
          }
          stepAction={
            running || !saved
              ? undefined
              : (step) =>
                  (step.status === 'done' || step.status === 'cached') &&
                  step.line !== null &&
                  !/^(\[[^\]]*\]\s*)?FROM\b/i.test(step.instruction) ? (
                    <div className="step-action">
                      <DebugShellButton
                        buildId={summary.id}
                        line={step.line}
                        at="after"
                        label="Open a shell after this step"
                        onShell={actions.shell}
                      />
                    </div>
                  ) : null
          }
        />
        <DockerfilePanel
          text={saved?.dockerfileText ?? ''}
          steps={steps}
          error={error}
          explanation={explanation}
          focusLine={focusLine}
        />
      </div>
      <h2>Log</h2>
      <RawLog
        log={build.log}
        // Once ended, the saved record on disk holds the whole log (what Save log… writes).
        saved={!running && build === fromRecord ? { buildId: id, folder: summary.request.contextDir } : null}
      />
    </section>
  );
}

/**
 * How far the context has gone: a tar's bytes while it uploads; through a session, what the
 * engine asked for (only files changed since the last build of this folder), once it has.
 */
function ContextProgressLine({ context }: { context: NonNullable<BuildState['context']> }) {
  if (context.files !== undefined) {
    return (
      <div className="muted" data-testid="context-sent">
        Context: sent {formatSize(context.sentBytes)} in {plural(context.files, 'file')} of{' '}
        {formatSize(context.totalBytes)} (only what the build reads and what changed since the last build)
      </div>
    );
  }
  if (context.sentBytes >= context.totalBytes) return null;
  return (
    <div className="muted">
      Sending context {formatSize(context.sentBytes)} / {formatSize(context.totalBytes)}
    </div>
  );
}
