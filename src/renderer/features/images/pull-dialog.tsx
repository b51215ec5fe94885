import { useState } from 'react';
import { formatSize } from '@shared/format-size';
import { parseImageReference } from '@shared/image-reference';
import { errorMessage } from '../../lib/invoke';
import { FieldError } from '../../components/field-error';
import { cancelPull, useStartPull } from './api/pull';
import { useOperation } from '../../lib/operations/operations-context';

/** Pull an image by name with a bar per layer (download, then extract); cancel stops it on the engine. */
export function PullDialog({ onClose }: { onClose(): void }) {
  const [reference, setReference] = useState('');
  const [id, setId] = useState<string | null>(null);
  const parsed = reference.trim() ? parseImageReference(reference) : null;
  const start = useStartPull();

  // The operations store keeps every pull's events by id from the first one: a quick pull can
  // finish before `pull:start` has even answered with its id.
  const pull = useOperation('pull', id);
  const layers = pull?.layers ?? [];
  const finished = pull?.finished ?? null;
  const stalledForMs = pull?.stalledForMs ?? null;
  const running = id !== null && finished === null;
  return (
    <div className="modal-backdrop" onKeyDown={(event) => event.key === 'Escape' && !running && onClose()}>
      <div className="modal wide" role="dialog" aria-modal="true" aria-label="Pull an image">
        <h2>Pull an image</h2>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            start.mutate(reference.trim(), { onSuccess: (result) => setId(result.id) });
          }}
        >
          <div className="field">
            <input
              aria-label="Image to pull"
              value={reference}
              autoFocus
              placeholder="registry.example.com/team/app:1.0"
              onChange={(event) => setReference(event.target.value)}
            />
            <FieldError message={parsed && !parsed.ok ? parsed.message : null} />
            {parsed?.ok ? (
              <p className="hint">
                From {parsed.reference.dockerHub ? 'Docker Hub' : parsed.reference.domain}:{' '}
                {parsed.reference.canonical}
              </p>
            ) : null}
            <FieldError message={errorMessage(start.error)} />
          </div>
          {layers.length > 0 ? (
            <ul className="layer-bars" data-testid="pull-layers">
              {layers.map((layer) => {
                const percent =
                  layer.phase === 'done'
                    ? 100
                    : layer.total
                      ? Math.round((layer.current / layer.total) * 100)
                      : 0;
                return (
                  <li key={layer.id}>
                    <code>{layer.id}</code>
                    <span className="bar">
                      <span style={{ width: `${percent}%` }} />
                    </span>
                    <span className="muted">
                      {layer.status}
                      {layer.total && layer.phase !== 'done'
                        ? ` ${formatSize(layer.current)} / ${formatSize(layer.total)}`
                        : ''}
                    </span>
                  </li>
                );
              })}
            </ul>
          ) : null}
          {running && stalledForMs !== null ? (
            <div className="warning-box" role="status" data-testid="pull-stalled">
              Nothing has come back from the registry for {Math.round(stalledForMs / 1000)} s. It may be hung
              or the network down, and the engine waits without a time limit. Cancel to stop this pull.
            </div>
          ) : null}
          {finished ? (
            <p
              className={finished.status === 'succeeded' ? 'notice' : 'error-text'}
              role="status"
              data-testid="pull-result"
            >
              {finished.message}
            </p>
          ) : null}
          <div className="modal-actions">
            {running ? (
              <button type="button" className="danger" onClick={() => void cancelPull(id!)}>
                Cancel pull
              </button>
            ) : (
              <button type="button" onClick={onClose}>
                Close
              </button>
            )}
            <button type="submit" className="primary" disabled={!parsed?.ok || running || start.isPending}>
              Pull
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
