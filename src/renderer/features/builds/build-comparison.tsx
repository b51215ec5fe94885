import { useMemo } from 'react';
import { useNow } from '../../components/use-now';
import { useBuildRecord } from './api/build-queries';
import { cacheReasonText, clockTime, type ReasonContext } from './cache-reason-text';
import { stepNamer } from './cache-explanation-view';
import { compareBuildSteps, deltaText } from './compare-builds';
import { CodeSpans } from './code-spans';
import { formatDuration } from './step-list';

/** Two builds of one Dockerfile step by step: cached or ran, run time and its change, and why. */
export function BuildComparison({
  buildId,
  previousId,
  onClose,
}: {
  buildId: string;
  previousId: string;
  onClose(): void;
}) {
  const current = useBuildRecord(buildId, true);
  const previous = useBuildRecord(previousId, true);
  const now = useNow(60_000);
  const rows = useMemo(() => {
    if (!current.data || !previous.data) return null;
    const explanation = current.data.cacheExplanation;
    return compareBuildSteps(
      current.data.steps,
      previous.data.steps,
      (line) => explanation?.steps.find((step) => step.line === line)?.reason ?? null,
    );
  }, [current.data, previous.data]);

  const failed = current.error ?? previous.error;
  return (
    <section className="build-comparison" data-testid="build-comparison">
      <header className="page-header">
        <h2>
          {current.data && previous.data
            ? `The build of ${clockTime(current.data.startedAt, now)} against the one of ${clockTime(previous.data.startedAt, now)}`
            : 'Comparing builds…'}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      {failed ? <p className="error-text">{failed.message}</p> : null}
      {rows && current.data && previous.data ? (
        <table className="cache-steps">
          <thead>
            <tr>
              <th>Step</th>
              <th>Now</th>
              <th className="num">Took</th>
              <th className="num">Before</th>
              <th className="num">Change</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const context: ReasonContext = {
                previousStartedAt: previous.data.startedAt,
                tense: 'past',
                stepName: stepNamer(current.data.steps),
                timeOf: (ms) => clockTime(ms, now),
              };
              return (
                <tr
                  key={index}
                  data-testid="compared-step"
                  data-cached={row.cached}
                  data-instruction={row.instruction}
                >
                  <td>
                    <code>{row.instruction}</code>
                  </td>
                  <td>
                    <span className={`status-pill ${row.cached ? 'cache-hit' : 'cache-miss'}`}>
                      {row.cached ? 'cached' : 'ran'}
                    </span>
                  </td>
                  <td className="num">{row.durationMs === null ? '—' : formatDuration(row.durationMs)}</td>
                  <td className="num">{row.previousMs === null ? '—' : formatDuration(row.previousMs)}</td>
                  <td className="num">{row.deltaMs === null ? '' : deltaText(row.deltaMs)}</td>
                  <td className="cache-why">
                    {row.reason && !row.cached ? (
                      <CodeSpans text={cacheReasonText(row.reason, context, current.data.dockerfileText)} />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
