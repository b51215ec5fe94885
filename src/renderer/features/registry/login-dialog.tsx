import type { RegistryLogin } from '@shared/registry';
import { LoginForm } from './login-form';

/**
 * The login a failed push asks for: the registry filled in, and once the registry accepts the
 * login, `onLoggedIn` runs (the caller pushes again).
 */
export function LoginDialog({
  registry,
  retrying,
  onLoggedIn,
  onCancel,
}: {
  /** As the push named it: `docker.io` or `host[:port]`. */
  registry: string;
  /** The reference that will be pushed again. */
  retrying: string;
  onLoggedIn(login: RegistryLogin): void;
  onCancel(): void;
}) {
  const hub = registry === 'docker.io';
  const name = hub ? 'Docker Hub' : registry;
  return (
    <div className="modal-backdrop" onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <div className="modal wide" role="dialog" aria-modal="true" aria-label={`Log in to ${name}`}>
        <h2>Log in to {name}</h2>
        <p className="hint">
          Once {name} accepts the login, <code>{retrying}</code> is pushed again.
        </p>
        <LoginForm initialRegistry={hub ? '' : registry} onDone={onLoggedIn} />
        <div className="modal-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
