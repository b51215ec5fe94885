import { useState } from 'react';
import { startPush } from './api/registry-queries';
import { useLogins, useLogout } from './api/registry-queries';
import { LoginDialog } from './login-dialog';
import { LoginForm } from './login-form';
import { PushProgress } from './push-progress';
import type { PushState } from '@shared/operations/fold-push';
import { usePushes } from './use-pushes';

const SOURCE_TEXT = {
  credsStore: 'credential store',
  credHelper: 'credential helper',
  'config-auths': 'docker config.json',
  'dockwright-encrypted': 'Dockwright (encrypted)',
  session: 'this session only (not saved)',
} as const;

/** Logins (shared with the docker CLI where possible) and every push of this session. */
export function RegistriesPage() {
  const logins = useLogins();
  const logout = useLogout();
  const pushes = usePushes();
  /** A push refused for want of a login: log in to its registry, then push it again. */
  const [loginFor, setLoginFor] = useState<{ registry: string; push: PushState } | null>(null);
  const [retryError, setRetryError] = useState<string | null>(null);

  return (
    <section className="page" data-testid="registries">
      <h1>Registries</h1>
      {logins.error ? <p className="error-text">{logins.error.message}</p> : null}
      {logins.data?.problems.map((problem) => (
        <p key={problem} className="warning-text">
          {problem}
        </p>
      ))}
      {logins.data && logins.data.logins.length > 0 ? (
        <table data-testid="logins">
          <thead>
            <tr>
              <th>Registry</th>
              <th>User</th>
              <th>Kept in</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {logins.data.logins.map((login) => (
              <tr key={login.registry} data-testid="login-row">
                <td>{login.displayName}</td>
                <td>{login.username ?? '(token)'}</td>
                <td>
                  {SOURCE_TEXT[login.source]}
                  {login.helper ? ` (docker-credential-${login.helper})` : ''}
                  {login.cliSees ? '' : ' — not visible to the docker CLI'}
                </td>
                <td className="row-actions">
                  <button type="button" className="small" onClick={() => logout.mutate(login.registry)}>
                    Log out
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : logins.data ? (
        <p className="muted">
          Not logged in anywhere yet. A `docker login` done in a terminal shows up here too.
        </p>
      ) : null}
      <h2>Log in</h2>
      <LoginForm />
      {pushes.length > 0 ? <h2>Pushes</h2> : null}
      {retryError ? (
        <p className="error-text" role="alert">
          {retryError}
        </p>
      ) : null}
      {pushes.map((push) => (
        <PushProgress
          key={push.id}
          push={push}
          onLogin={(registry) => {
            setRetryError(null);
            setLoginFor({ registry, push });
          }}
        />
      ))}
      {loginFor ? (
        <LoginDialog
          registry={loginFor.registry}
          retrying={loginFor.push.reference}
          onCancel={() => setLoginFor(null)}
          onLoggedIn={() => {
            const { reference, allTags } = loginFor.push;
            setLoginFor(null);
            // The new push shows up above the failed one through its `started` event.
            startPush(reference, allTags).catch((error: unknown) =>
              setRetryError(`Pushing ${reference} again failed: ${(error as Error).message}`),
            );
          }}
        />
      ) : null}
    </section>
  );
}
