import { placeName } from '@shared/layers/waste-report';
import { cancelWaste, rerunWaste, useWaste } from './api/layers-queries';

/**
 * Under a build result: the wasted bytes the background analysis found, told by Dockerfile line
 * ("12MB wasted: files written by line 3 and deleted by line 4"), or that it is still looking.
 */
export function WasteSummary({ imageId, onOpenLayers }: { imageId: string; onOpenLayers?: () => void }) {
  const waste = useWaste(imageId);
  const status = waste.data;
  if (waste.error) return null;
  if (!status || status.state === 'running' || status.state === 'waiting') {
    return (
      <p className="muted small waste-summary" data-testid="waste-summary" data-state="running">
        {status?.state === 'waiting'
          ? 'Will look for wasted space once the running build is done…'
          : 'Looking for wasted space (reading the layers)…'}{' '}
        {status ? (
          <button type="button" className="link small" onClick={() => void cancelWaste(imageId)}>
            Stop
          </button>
        ) : null}
      </p>
    );
  }
  if (status.state === 'failed' || status.state === 'cancelled') {
    return (
      <p className="muted small waste-summary" data-testid="waste-summary" data-state={status.state}>
        {status.state === 'failed'
          ? `Could not look for wasted space: ${status.message}`
          : 'Stopped looking for wasted space.'}{' '}
        <button type="button" className="link small" onClick={() => void rerunWaste(imageId)}>
          Look again
        </button>
      </p>
    );
  }
  const { report } = status;
  if (!report.headline) {
    return (
      <p className="muted small waste-summary" data-testid="waste-summary" data-state="clean">
        No wasted space: no instruction deletes or rewrites what an earlier one wrote.
      </p>
    );
  }
  const biggest = report.findings[0]!;
  return (
    <div className="waste-callout" role="status" data-testid="waste-summary" data-state="wasted">
      <strong data-testid="waste-headline">{report.headline}.</strong>
      <div className="small">
        A later instruction cannot take bytes out of an earlier layer: delete files in the same RUN that
        creates them
        {biggest.writer.line !== null ? ` (move the cleanup into ${placeName(biggest.writer)})` : ''}.{' '}
        {biggest.paths.length > 0 ? (
          <span className="muted">
            For example <code>{biggest.paths[0]}</code>.
          </span>
        ) : null}
        {onOpenLayers ? (
          <>
            {' '}
            <button type="button" className="link small" onClick={onOpenLayers}>
              See the layers
            </button>
          </>
        ) : null}
      </div>
    </div>
  );
}
