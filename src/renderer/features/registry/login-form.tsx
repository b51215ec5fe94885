import { useState } from 'react';
import type { KeepLogin, RegistryLogin } from '@shared/registry';
import { appErrorOf, fieldErrorOf } from '../../lib/invoke';
import { useLogin, useLoginPlace } from './api/registry-queries';
import { FieldError } from '../../components/field-error';
import { KeepChoice } from './keep-choice';
import { defaultKeep, keptText } from './keep-options';

/**
 * Log in to Docker Hub or any `host[:port]` registry. The engine checks the credentials first; a
 * login it accepted is kept for this session, and the form says before submitting where it can be
 * saved (and whether the docker CLI will see it), offering only the places that really exist here.
 */
export function LoginForm({
  initialRegistry = '',
  onDone,
}: {
  initialRegistry?: string;
  onDone?: (login: RegistryLogin) => void;
}) {
  const [registry, setRegistry] = useState(initialRegistry);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  /** null until the user picks: then the place's own default applies. */
  const [keep, setKeep] = useState<KeepLogin | null>(null);
  const place = useLoginPlace(registry.trim());
  const login = useLogin();
  const error = appErrorOf(login.error);
  const at = (field: string): string | null => fieldErrorOf(login.error, field);
  const chosen = keep ?? defaultKeep(place.data);

  return (
    <form
      className="login-form"
      aria-label="Log in to a registry"
      onSubmit={(event) => {
        event.preventDefault();
        login.mutate(
          { registry: registry.trim(), username: username.trim(), password, keep: chosen },
          {
            onSuccess: (done) => {
              setPassword('');
              onDone?.(done);
            },
          },
        );
      }}
    >
      <div className="field">
        <div className="field-label">Registry</div>
        <input
          aria-label="Registry"
          value={registry}
          placeholder="Docker Hub (or host:port, e.g. ghcr.io, localhost:5000)"
          onChange={(event) => {
            setRegistry(event.target.value);
            // Another registry may have other places to keep a login in.
            setKeep(null);
          }}
        />
        <FieldError message={at('registry')} />
      </div>
      <div className="grid-2">
        <div className="field">
          <div className="field-label">User name</div>
          <input
            aria-label="User name"
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
          <FieldError message={at('username')} />
        </div>
        <div className="field">
          <div className="field-label">Password or access token</div>
          <input
            aria-label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <FieldError message={at('password')} />
        </div>
      </div>
      {place.data ? <KeepChoice place={place.data} value={chosen} onChange={setKeep} /> : null}
      {error && !error.field ? (
        <p className="error-text" role="alert">
          {error.message}
        </p>
      ) : null}
      {login.isSuccess ? (
        <div className="notice" role="status" data-testid="login-done">
          <p>
            Logged in to {login.data.displayName} as {login.data.username}. {keptText(login.data)}
          </p>
          {login.data.notSaved ? (
            <p className="warning-text">
              It could not be saved: {login.data.notSaved} Dockwright keeps it until it quits.
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={login.isPending || !username.trim() || !password}>
          {login.isPending ? 'Checking…' : 'Log in'}
        </button>
      </div>
    </form>
  );
}
