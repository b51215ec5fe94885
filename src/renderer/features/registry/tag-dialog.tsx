import { useState } from 'react';
import { parseImageReference } from '@shared/image-reference';
import { isOfficialImage } from '@shared/registry/registry-name';
import { shortImageId } from '@shared/images';
import { errorMessage } from '../../lib/invoke';
import { useTagImage } from './api/registry-queries';
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
  onTagged,
}: {
  source: string;
  suggestion: string;
  /** The Docker Hub user logged in, to warn when a tag's namespace is someone else's. */
  hubUser: string | null;
  onDone(): void;
  onPush(reference: string): void;
  /** The image has its new tag: whatever lists images should read them again. */
  onTagged(): void;
}) {
  const [target, setTarget] = useState(suggestion);
  const parsed = target.trim() ? parseImageReference(target) : null;
  const tag = useTagImage(onTagged);
  const serverError = errorMessage(tag.error);
  const reference = parsed?.ok ? parsed.reference : null;
  const foreignNamespace =
    reference?.dockerHub && hubUser && !isOfficialImage(reference) && reference.hubNamespace !== hubUser;

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
            tag.mutate({ source, target: target.trim() });
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
                  ? isOfficialImage(reference)
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
            {tag.isSuccess && !(reference && isOfficialImage(reference)) ? (
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
