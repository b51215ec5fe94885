import { useState } from 'react';
import { parseImageReference } from '@shared/image-reference';
import type { RegistryLogin } from '@shared/registry';
import { DOCKER_HUB_KEY, isOfficialImage } from '@shared/registry/registry-name';
import { useLogins, useStartPush } from './api/registry-queries';
import { keptText } from './keep-options';
import { LoginForm } from './login-form';
import { PushPreflightView } from './push-preflight-view';

/**
 * Push one tag (or all tags of its repository). Says where it goes, and offers a login for that
 * registry right here when there is none.
 */
export function PushDialog({
  tags,
  onStarted,
  onCancel,
}: {
  tags: string[];
  onStarted(id: string): void;
  onCancel(): void;
}) {
  const pushable = tags.filter((tag) => {
    const parsed = parseImageReference(tag);
    return parsed.ok && !isOfficialImage(parsed.reference);
  });
  const [reference, setReference] = useState(pushable[0] ?? '');
  const [allTags, setAllTags] = useState(false);
  const logins = useLogins();
  const parsed = reference ? parseImageReference(reference) : null;
  const registry = parsed?.ok ? parsed.reference.domain : null;
  const key = registry === 'docker.io' ? DOCKER_HUB_KEY : registry;
  const login = logins.data?.logins.find((entry) => entry.registry === key);
  /** The login made here, to say where it is kept once the form has gone. */
  const [madeHere, setMadeHere] = useState<RegistryLogin | null>(null);
  const start = useStartPush();

  return (
    <div className="modal-backdrop" onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <div className="modal wide" role="dialog" aria-modal="true" aria-label="Push">
        <h2>Push</h2>
        {pushable.length === 0 ? (
          <p>
            None of this image’s tags can be pushed: official names like <code>{tags[0] ?? 'app'}</code>{' '}
            belong to Docker Hub’s library. Add a tag in your own namespace first (Tag…).
          </p>
        ) : (
          <>
            <div className="field">
              <div className="field-label">Tag to push</div>
              <select
                aria-label="Tag to push"
                value={reference}
                onChange={(event) => setReference(event.target.value)}
              >
                {pushable.map((tag) => (
                  <option key={tag} value={tag}>
                    {tag}
                  </option>
                ))}
              </select>
              <label className="check">
                <input
                  type="checkbox"
                  checked={allTags}
                  onChange={(event) => setAllTags(event.target.checked)}
                />{' '}
                Push every tag of this repository
              </label>
              {parsed?.ok ? (
                <p className="hint">
                  Goes to{' '}
                  {parsed.reference.dockerHub
                    ? `Docker Hub, account “${parsed.reference.hubNamespace}”`
                    : registry}{' '}
                  as <code>{parsed.reference.canonical}</code>.
                </p>
              ) : null}
            </div>
            {logins.data && !login ? (
              <div className="callout">
                <p>
                  You are not logged in to {registry === 'docker.io' ? 'Docker Hub' : registry}. Log in to
                  push there:
                </p>
                <LoginForm
                  initialRegistry={registry === 'docker.io' ? '' : (registry ?? '')}
                  onDone={setMadeHere}
                />
              </div>
            ) : login && madeHere?.registry === login.registry ? (
              <div className="notice" role="status" data-testid="login-done">
                <p>
                  Logged in as {madeHere.username}. {keptText(madeHere)}
                </p>
                {madeHere.notSaved ? (
                  <p className="warning-text">
                    It could not be saved: {madeHere.notSaved} Dockwright keeps it until it quits.
                  </p>
                ) : null}
              </div>
            ) : login ? (
              <p className="muted">
                Logged in as {login.username ?? '(token)'}
                {login.source === 'session' ? ' for this session only (not saved)' : ''}.
              </p>
            ) : null}
            {reference && !allTags ? (
              <PushPreflightView reference={reference} />
            ) : reference ? (
              <p className="hint">
                The check before pushing looks at one tag: untick “Push every tag” to see it.
              </p>
            ) : null}
          </>
        )}
        {start.error ? (
          <p className="error-text" role="alert">
            {start.error.message}
          </p>
        ) : null}
        <div className="modal-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={!reference || start.isPending}
            onClick={() => start.mutate({ reference, allTags }, { onSuccess: ({ id }) => onStarted(id) })}
          >
            Push
          </button>
        </div>
      </div>
    </div>
  );
}
