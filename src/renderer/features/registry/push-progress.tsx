import { formatSize } from '@shared/format-size';
import { parseImageReference } from '@shared/image-reference';
import { isLayerDone, overallProgress } from '@shared/push/push-model';
import { useHost } from '../../lib/host';
import { useCancelPush } from './api/registry-queries';
import type { PushState } from '@shared/operations/fold-push';

const STATUS_TEXT = {
  running: 'Pushing…',
  succeeded: 'Pushed',
  failed: 'Push failed',
  cancelled: 'Push cancelled',
} as const;

/** One push: a bar per layer, one overall, cancel; the digest (and Docker Hub link) when done. */
export function PushProgress({ push, onLogin }: { push: PushState; onLogin(registry: string): void }) {
  const host = useHost();
  const cancel = useCancelPush(push.id);
  const overall = overallProgress(push.layers);
  const percent = push.status === 'succeeded' ? 100 : Math.floor(overall.fraction * 100);
  const retrying =
    push.status === 'running' ? push.layers.find((layer) => layer.status === 'Retrying') : undefined;
  const parsed = parseImageReference(push.reference);
  const hubLink =
    parsed.ok && parsed.reference.dockerHub ? `https://hub.docker.com/r/${parsed.reference.path}/tags` : null;

  return (
    <section className="push" data-testid="push" data-status={push.status}>
      <header className="push-header">
        <span className={`status-pill ${push.status}`} data-testid="push-status">
          {STATUS_TEXT[push.status]}
        </span>
        <code>{push.reference}</code>
        <span className="muted">
          {overall.done}/{push.layers.length} layers
          {/* The containerd store polls its pushes: a quick layer can be Pushed before any size was
          reported, and "0B / 0B" would be wrong. */}
          {overall.total > 0 ? ` · ${formatSize(overall.current)} / ${formatSize(overall.total)}` : ''}
        </span>
        {push.status === 'running' ? (
          <button
            type="button"
            className="small danger"
            onClick={() => cancel.mutate()}
            disabled={cancel.isPending}
          >
            Cancel
          </button>
        ) : null}
      </header>
      <div
        className="bar overall"
        role="progressbar"
        aria-label="Overall"
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      <ul className="layer-bars">
        {push.layers.map((layer) => {
          // A push that ended leaves unfinished layers at their last word ("Preparing"): they were not sent.
          const stopped = push.status !== 'running' && !isLayerDone(layer);
          const layerPercent = isLayerDone(layer)
            ? 100
            : layer.total
              ? Math.round((layer.current / layer.total) * 100)
              : 0;
          return (
            <li key={layer.id} data-testid="push-layer" data-status={stopped ? 'Not pushed' : layer.status}>
              <code>{layer.id}</code>
              <span className="bar">
                <span style={{ width: `${layerPercent}%` }} />
              </span>
              <span className="muted">
                {stopped
                  ? 'Not pushed'
                  : layer.status === 'Mounted' || layer.status === 'Retrying'
                    ? (layer.detail ?? layer.status)
                    : layer.status}
                {layer.status === 'Pushing' && layer.total
                  ? ` ${formatSize(layer.current)} / ${formatSize(layer.total)}`
                  : ''}
              </span>
            </li>
          );
        })}
      </ul>
      {push.status === 'running' && push.stalledForMs !== null ? (
        <div className="warning-box" role="status" data-testid="push-stalled">
          Nothing has come back from the registry for {Math.round(push.stalledForMs / 1000)} s. Verifying a
          large layer can take that long, but the registry may also be hung or the network down, and the
          engine waits without a time limit. Cancel to stop this push.
        </div>
      ) : null}
      {retrying ? (
        <div className="warning-box" role="status" data-testid="push-retrying">
          The registry stopped answering, so the engine is retrying ({retrying.detail ?? 'Retrying'}). It
          tries each layer up to 5 times by default, about a minute, then gives up with the reason. Cancel to
          stop now.
        </div>
      ) : null}
      {push.tags.map((tag) => (
        <p key={tag.tag} className="notice" data-testid="push-digest">
          {/* The engine's digest for the tag: its manifest's, or its image index's when the image has
          one (the containerd store keeps and pushes indexes); the registry serves this one. */}
          {tag.tag}: <code>{tag.digest}</code> ({formatSize(tag.size)})
          {hubLink ? (
            <>
              {' '}
              <button type="button" className="link" onClick={() => void host.openExternal(hubLink)}>
                Open on Docker Hub
              </button>
            </>
          ) : null}
        </p>
      ))}
      {push.error ? (
        <div className="error-box" role="alert" data-testid="push-error">
          {push.error.message}
          {push.error.reason === 'unauthorized' && push.error.registry ? (
            <>
              {' '}
              <button type="button" className="small primary" onClick={() => onLogin(push.error!.registry!)}>
                Log in to {push.error.registry}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
