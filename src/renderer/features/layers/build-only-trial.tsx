import { useEffect, useRef, useState } from 'react';
import { formatSize } from '@shared/format-size';
import type { MultiStageEvent, MultiStageOffer } from '@shared/layers/build-only-content-offer';
import { DiffView } from '../../components/diff-view';
import { errorMessage } from '../../lib/invoke';
import { cancelMultiStage, onMultiStageEvent, tryMultiStage } from './api/build-only-queries';

/**
 * The offered multi-stage Dockerfile: "Show multi-stage Dockerfile" (a diff against the one the
 * image was built from) and "Try it" (built in the same context, started and checked like the
 * wizard's Run & check, and compared by size), with its progress, Cancel and the result.
 */
export function BuildOnlyTrial({ offer }: { offer: MultiStageOffer }) {
  const [shown, setShown] = useState(false);
  const [keepImage, setKeepImage] = useState(false);
  const [id, setId] = useState<string | null>(null);
  const [event, setEvent] = useState<MultiStageEvent | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Events can arrive before `layers:try-multi-stage` has answered with the id: the latest per id waits here.
  const latest = useRef(new Map<string, MultiStageEvent>());
  const idRef = useRef<string | null>(null);

  useEffect(
    () =>
      onMultiStageEvent(({ id: from, event: next }) => {
        latest.current.set(from, next);
        if (from === idRef.current) setEvent(next);
      }),
    [],
  );

  const running = id !== null && (event === null || event.kind === 'step');
  const start = async (): Promise<void> => {
    setProblem(null);
    setEvent(null);
    try {
      const started = await tryMultiStage(offer.buildId, keepImage);
      idRef.current = started.id;
      setId(started.id);
      const early = latest.current.get(started.id);
      if (early) setEvent(early);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };
  const cancel = async (): Promise<void> => {
    if (id === null) return;
    await cancelMultiStage(id).catch(() => undefined);
  };

  return (
    <div className="build-only-offer" data-testid="build-only-offer">
      <p>
        The wizard recognises this project ({offer.stack.length > 0 ? offer.stack.join(', ') : offer.template}
        ) in <code>{offer.contextDir}</code> and writes a multi-stage Dockerfile for it: the build runs in a
        stage of its own and only its output reaches the final image.
      </p>
      <div className="toolbar">
        <button type="button" className="small" aria-expanded={shown} onClick={() => setShown(!shown)}>
          {shown ? 'Hide multi-stage Dockerfile' : 'Show multi-stage Dockerfile'}
        </button>
        <button type="button" className="small primary" disabled={running} onClick={() => void start()}>
          Try it
        </button>
        {running ? (
          <button type="button" className="small" onClick={() => void cancel()}>
            Cancel
          </button>
        ) : null}
        <label className="small">
          <input type="checkbox" checked={keepImage} onChange={(e) => setKeepImage(e.target.checked)} /> keep
          the new image
        </label>
      </div>
      <p className="muted small">
        Try it builds this file in the same folder with the same arguments (the build shows in the history),
        then starts the new image: it passes when {offer.checkText}. Your Dockerfile is not changed.
      </p>
      {shown ? (
        <div data-testid="build-only-diff">
          <p className="muted small">
            {offer.dockerfilePath} as built (−) and the wizard’s multi-stage Dockerfile (+):
          </p>
          <DiffView before={offer.currentText} after={offer.proposedText} />
        </div>
      ) : null}
      {problem ? <p className="error-text">{problem}</p> : null}
      {running ? (
        <div className="loading" role="status" data-testid="build-only-trial-progress">
          <p className="muted">{event?.kind === 'step' ? event.message : 'Starting…'}</p>
          <div className="bar indeterminate" aria-hidden="true">
            <span />
          </div>
        </div>
      ) : null}
      {event?.kind === 'failed' ? <p className="error-text">{event.message}</p> : null}
      {event?.kind === 'cancelled' ? <p className="muted">Cancelled: nothing was kept.</p> : null}
      {event?.kind === 'done' ? (
        <div
          className={event.trial.check.passed ? 'notice' : 'notice error-text'}
          data-testid="build-only-trial-result"
        >
          <p>{event.trial.summary}</p>
          <p className="muted small">
            Build-only content: {formatSize(event.trial.before.buildOnlyBytes)} →{' '}
            {formatSize(event.trial.after.buildOnlyBytes)}.{' '}
            {event.trial.kept
              ? 'The new image is kept (tagged dockwright-multi-stage/…:trial).'
              : 'The new image was removed; its build stays in the history.'}
          </p>
        </div>
      ) : null}
    </div>
  );
}
