import { useMemo } from 'react';
import { formatSize } from '@shared/format-size';
import { useNow } from '../../components/use-now';
import { BuildComparisonChart } from './build-comparison-chart';
import { useBuildRecord, useImageLayers } from './api/build-queries';
import { cacheReasonText, clockTime, type ReasonContext } from '../../components/cache-reason-text';
import { stepNamer } from './cache-explanation-view';
import { compareBuildSteps, deltaText, layerSizesByLine, sizeDeltaText } from './compare-builds';
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
  // Layer sizes come from the engine's images; a build whose image is gone shows none.
  const currentLayers = useImageLayers(current.data?.imageId ?? null);
  const previousLayers = useImageLayers(previous.data?.imageId ?? null);
  const rows = useMemo(() => {
    if (!current.data || !previous.data) return null;
    const explanation = current.data.cacheExplanation;
    return compareBuildSteps(
      current.data.steps,
      previous.data.steps,
      (line) => explanation?.steps.find((step) => step.line === line)?.reason ?? null,
      {
        current: layerSizesByLine(currentLayers.data?.details),
        previous: layerSizesByLine(previousLayers.data?.details),
      },
    );
  }, [current.data, previous.data, currentLayers.data, previousLayers.data]);
  // Two builds in one minute read the same to the minute: then the seconds tell them apart.
  const times = (seconds: boolean) =>
    current.data && previous.data
      ? [clockTime(current.data.startedAt, now, seconds), clockTime(previous.data.startedAt, now, seconds)]
      : null;
  const minutes = times(false);
  const heading = minutes && minutes[0] === minutes[1] ? times(true) : minutes;
  const sizesMissing = [
    currentLayers.isError ? 'this build’s image' : null,
    previousLayers.isError ? 'the earlier build’s image' : null,
  ].filter(Boolean);

  const failed = current.error ?? previous.error;
  return (
    <section className="build-comparison" data-testid="build-comparison">
      <header className="page-header">
        <h2>
          {heading ? `The build of ${heading[0]} against the one of ${heading[1]}` : 'Comparing builds…'}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      {failed ? <p className="error-text">{failed.message}</p> : null}
      {sizesMissing.length > 0 ? (
        <p className="muted small" data-testid="comparison-sizes-missing">
          No layer sizes for {sizesMissing.join(' or ')}: it is no longer on the engine.
        </p>
      ) : null}
      {rows ? <BuildComparisonChart rows={rows} /> : null}
      {rows && current.data && previous.data ? (
        <table className="cache-steps">
          <thead>
            <tr>
              <th>Step</th>
              <th>Now</th>
              <th className="num">Took</th>
              <th className="num">Before</th>
              <th className="num">Change</th>
              <th className="num">Size</th>
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
                  <td className="num" data-testid="compared-size">
                    {row.sizeBytes === null ? '—' : formatSize(row.sizeBytes)}
                  </td>
                  <td className="num">
                    {row.previousSizeBytes === null ? '—' : formatSize(row.previousSizeBytes)}
                  </td>
                  <td className="num">
                    {row.sizeDeltaBytes === null ? '' : sizeDeltaText(row.sizeDeltaBytes, formatSize)}
                  </td>
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
