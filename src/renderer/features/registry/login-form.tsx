import { useState } from 'react';
import { ApiError } from '../../app/invoke';
import { useLogin, useLoginPlace } from './api/registry-queries';
import { FieldError } from '../../components/field-error';

/**
 * Log in to Docker Hub or any `host[:port]` registry. The engine checks the credentials first;
 * the form says before submitting where they will be kept and whether the docker CLI sees them.
 */
export function LoginForm({
  initialRegistry = '',
  onDone,
}: {
  initialRegistry?: string;
  onDone?: () => void;
}) {
  const [registry, setRegistry] = useState(initialRegistry);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const place = useLoginPlace(registry.trim());
  const login = useLogin();
  const error = login.error instanceof ApiError ? login.error.error : null;
  const at = (field: string): string | null => (error?.field === field ? error.message : null);

  return (
    <form
      className="login-form"
      aria-label="Log in to a registry"
      onSubmit={(event) => {
        event.preventDefault();
        login.mutate(
          { registry: registry.trim(), username: username.trim(), password },
          {
            onSuccess: () => {
              setPassword('');
              onDone?.();
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
          onChange={(event) => setRegistry(event.target.value)}
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
      {place.data ? (
        <p className="hint" data-testid="login-place">
          {place.data.cliSees
            ? `Saved where the docker CLI keeps it (${place.data.helper ? `docker-credential-${place.data.helper}` : 'its configuration'}): \`docker\` commands will use this login too.`
            : 'No credential helper is configured, so Dockwright keeps this login encrypted in its own data: `docker` commands in a terminal will not see it.'}
        </p>
      ) : null}
      {error && !error.field ? (
        <p className="error-text" role="alert">
          {error.message}
        </p>
      ) : null}
      {login.isSuccess ? (
        <p className="notice" role="status">
          Logged in to {login.data.displayName} as {login.data.username}.
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={login.isPending || !username.trim() || !password}>
          {login.isPending ? 'Checking…' : 'Log in'}
        </button>
      </div>
    </form>
  );
}
