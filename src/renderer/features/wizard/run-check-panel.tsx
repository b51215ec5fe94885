import { useEffect, useMemo, useRef, useState } from 'react';
import type { BuildRequest } from '@shared/builds/build-request';
import { buildProgress } from '@shared/operations/fold-build';
import { logLines } from '@shared/operations/log-lines';
import { likelyCause } from '@shared/wizard/likely-cause';
import { describeRunCheck, planRunCheck } from '@shared/wizard/run-check';
import type { WizardAnswers } from '@shared/wizard/wizard-answers';
import { useHost } from '../../lib/host';
import { errorMessage } from '../../lib/invoke';
import { useOperation } from '../../lib/operations/operations-context';
import { WizardMarkdown } from './wizard-markdown';
import {
  cancelCheckBuild,
  removeCheckedContainer,
  useRunCheck,
  useStartCheckBuild,
} from './api/run-check-api';

/** Lines of the container's output shown under a failed check (the whole of it is in Containers). */
const SHOWN_LOG_LINES = 40;

/**
 * "Run & check" (issue #19): after the files are written, one button builds the image, runs it
 * and says whether it works — a server answers on its port, a script exits 0 — with the output and
 * the likely cause when it does not. The beginner's flow ends with a running container.
 */
export function RunCheckPanel({
  request,
  answers,
  written,
}: {
  /** The build the Files step would start ("Build it"), whose first tag is the image checked. */
  request: BuildRequest;
  answers: WizardAnswers;
  /** Whether the files on disk are the ones shown: checking anything else would check the wrong file. */
  written: boolean;
}) {
  const plan = useMemo(() => planRunCheck(answers), [answers]);
  const image = request.tags[0] ?? 'app:dev';
  const [buildId, setBuildId] = useState<string | null>(null);
  const startBuild = useStartCheckBuild();
  const runCheck = useRunCheck();
  const build = useOperation('build', buildId);
  const host = useHost();
  // The build whose image was handed to the check: each build is checked once.
  const checkedBuild = useRef<string | null>(null);

  const start = (): void => {
    runCheck.reset();
    setBuildId(null);
    startBuild.mutate(request, { onSuccess: (summary) => setBuildId(summary.id) });
  };

  const status = build?.summary.status;
  useEffect(() => {
    if (!buildId || status !== 'succeeded' || checkedBuild.current === buildId) return;
    checkedBuild.current = buildId;
    // Run under a name of our own, so "Stop" can reach the container before the check answers.
    const base = image.replace(/[^a-zA-Z0-9_.-]+/g, '-').replace(/^[^a-zA-Z0-9]+/, '') || 'app';
    runCheck.mutate({ image, name: `${base}-check-${buildId.slice(-8)}`, plan });
  }, [buildId, status, image, plan, runCheck]);

  const building = buildId !== null && (status === undefined || status === 'running');
  const buildEnded = status === 'failed' || status === 'cancelled' ? build : undefined;
  const checkingName = runCheck.isPending ? runCheck.variables.name : null;
  const busy = startBuild.isPending || building || runCheck.isPending;
  const progress = build ? buildProgress(build.steps) : null;
  const result = runCheck.data ?? null;
  const cause =
    result && !result.passed && !result.stopped
      ? likelyCause(answers, { log: result.log, plan, exitCode: result.exitCode })
      : null;

  return (
    <section className="run-check" aria-label="Run & check" data-testid="run-check">
      <h3>Run &amp; check</h3>
      <p className="muted">
        Builds <code>{image}</code>, starts it, and checks that {describeRunCheck(plan)}.
      </p>
      <div className="row">
        <button type="button" className="primary" disabled={!written || busy} onClick={start}>
          Run &amp; check
        </button>
        {building && buildId ? (
          <button type="button" onClick={() => void cancelCheckBuild(buildId)}>
            Cancel
          </button>
        ) : null}
        {checkingName ? (
          <button type="button" onClick={() => void removeCheckedContainer(checkingName)}>
            Stop
          </button>
        ) : null}
      </div>
      {!written ? (
        <p className="muted small">Write the files first: the check builds what is on disk.</p>
      ) : null}
      <p role="status" className="run-check-status">
        {building
          ? `Building ${image}${progress && progress.total > 0 ? `: step ${Math.min(progress.ran + 1, progress.total)} of ${progress.total}` : '…'}`
          : checkingName
            ? `Started ${checkingName}; checking that ${describeRunCheck(plan)}…`
            : ''}
      </p>
      {building && progress && progress.total > 0 ? (
        <progress max={progress.total} value={progress.ran} aria-label="Build progress" />
      ) : null}
      {startBuild.error || runCheck.error ? (
        <p className="error-text" role="alert">
          {errorMessage(startBuild.error ?? runCheck.error)}
        </p>
      ) : null}
      {buildEnded ? (
        <div className="run-check-result failed" data-testid="run-check-result">
          <p>
            <strong>
              {buildEnded.summary.status === 'cancelled' ? 'Build cancelled.' : 'The build failed.'}
            </strong>{' '}
            {buildEnded.summary.error?.message ?? ''}
          </p>
          <pre className="file-preview">{logLines(buildEnded.log).slice(-SHOWN_LOG_LINES).join('\n')}</pre>
        </div>
      ) : null}
      {result ? (
        <div
          className={`run-check-result ${result.passed ? 'passed' : 'failed'}`}
          data-testid="run-check-result"
        >
          <p>
            <strong>{result.passed ? '✓ It works.' : '✗ It does not work yet.'}</strong> {result.summary}
          </p>
          {result.url ? (
            <p>
              <button type="button" className="link" onClick={() => void host.openExternal(result.url!)}>
                Open {result.url}
              </button>
            </p>
          ) : null}
          {result.kept ? (
            <p className="muted">
              It keeps running as <code>{result.containerName}</code>: stop or remove it under Containers.
            </p>
          ) : null}
          {cause ? (
            <p data-testid="run-check-cause">
              <strong>Likely cause:</strong> <WizardMarkdown text={cause} inline />
            </p>
          ) : null}
          {!result.passed && result.log.trim() ? (
            <>
              <div className="field-label">What it printed</div>
              <pre className="file-preview">
                {result.log.trimEnd().split('\n').slice(-SHOWN_LOG_LINES).join('\n')}
              </pre>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
