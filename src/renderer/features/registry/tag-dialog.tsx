import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { parseImageReference } from '@shared/image-reference';
import { shortImageId } from '@shared/images';
import { ApiError, invoke } from '../../app/invoke';
import { imagesKeys } from '../images/api/images-keys';
import { FieldError } from '../../components/field-error';

/**
 * Adds a tag to an image, explaining as you type what the name resolves to and whose Docker Hub
 * namespace it is; optionally pushes right after.
 */
export function TagDialog({
  source,
  suggestion,
  hubUser,
  onDone,
  onPush,
}: {
  source: string;
  suggestion: string;
  /** The Docker Hub user logged in, to warn when a tag's namespace is someone else's. */
  hubUser: string | null;
  onDone(): void;
  onPush(reference: string): void;
}) {
  const queryClient = useQueryClient();
  const [target, setTarget] = useState(suggestion);
  const parsed = target.trim() ? parseImageReference(target) : null;
  const tag = useMutation({
    mutationFn: () => invoke('images:tag', { source, target: target.trim() }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: imagesKeys.all }),
  });
  const serverError = tag.error instanceof ApiError ? tag.error.error.message : null;
  const reference = parsed?.ok ? parsed.reference : null;
  const foreignNamespace =
    reference?.dockerHub &&
    hubUser &&
    reference.hubNamespace !== 'library' &&
    reference.hubNamespace !== hubUser;

  return (
    <div className="modal-backdrop" onKeyDown={(event) => event.key === 'Escape' && onDone()}>
      <div className="modal wide" role="dialog" aria-modal="true" aria-label={`Tag ${source}`}>
        {/* A bare image id is shown short, as in the image list; the full one is in the tooltip. */}
        <h2 title={source}>
          Tag {/^(sha256:)?[0-9a-f]{64}$/.test(source) ? `image ${shortImageId(source)}` : source}
        </h2>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            tag.mutate();
          }}
        >
          <div className="field">
            <div className="field-label">New tag</div>
            <input
              aria-label="New tag"
              value={target}
              autoFocus
              placeholder="yourname/app:1.0"
              onChange={(event) => setTarget(event.target.value)}
            />
            <FieldError message={parsed && !parsed.ok ? parsed.message : null} />
            <FieldError message={serverError} />
            {reference ? (
              <p className="hint" data-testid="tag-resolution">
                Resolves to <code>{reference.canonical}</code>
                {reference.dockerHub
                  ? reference.hubNamespace === 'library'
                    ? ' — an official Docker Hub name: you cannot push it; use yourname/… to publish.'
                    : ` — Docker Hub, user or organisation “${reference.hubNamespace}”.`
                  : ` — registry ${reference.domain}.`}
              </p>
            ) : null}
            {foreignNamespace ? (
              <p className="warning-text">
                You are logged in to Docker Hub as “{hubUser}”; pushing to “{reference?.hubNamespace}” needs
                access to that namespace.
              </p>
            ) : null}
          </div>
          {tag.isSuccess ? (
            <p className="notice" role="status">
              Tagged {tag.data.reference}.
            </p>
          ) : null}
          <div className="modal-actions">
            <button type="button" onClick={onDone}>
              {tag.isSuccess ? 'Close' : 'Cancel'}
            </button>
            {tag.isSuccess && !(reference?.dockerHub && reference.hubNamespace === 'library') ? (
              <button type="button" className="primary" onClick={() => onPush(tag.data.reference)}>
                Push {tag.data.reference}
              </button>
            ) : (
              <button type="submit" className="primary" disabled={!reference || tag.isPending}>
                Add tag
              </button>
            )}
          </div>
        </form>
      </div>
    </div>
  );
}
