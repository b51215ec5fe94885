import type { EngineStatus } from '@shared/engine-status';
import { useNow } from '../../components/use-now';
import { useReconnect } from './api/engine-queries';

type Unavailable = Extract<EngineStatus, { state: 'unavailable' }>;

/** Every place we looked for an engine, the exact error at each, and what to do. */
export function NoEngineScreen({ status, onOpenSettings }: { status: Unavailable; onOpenSettings(): void }) {
  const retry = useReconnect();
  const seconds = Math.max(0, Math.ceil((status.nextRetryAt - useNow(500)) / 1000));

  return (
    <section className="no-engine" data-testid="no-engine">
      <h1>No Docker engine answers</h1>
      <p>
        Dockwright needs a running Docker engine (Docker Engine, Docker Desktop, Colima, Rancher Desktop,
        OrbStack or Podman). It keeps looking and picks the engine up as soon as it answers.
      </p>
      {status.problems.length > 0 ? (
        <div className="problems" role="alert">
          <h2>Configuration problems</h2>
          <ul>
            {status.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <h2>Places tried{status.exclusive ? ' (chosen explicitly, so nothing else was tried)' : ''}</h2>
      <table className="tried" data-testid="places-tried">
        <thead>
          <tr>
            <th>Where</th>
            <th>Address</th>
            <th>What happened</th>
          </tr>
        </thead>
        <tbody>
          {status.tried.map((place) => (
            <tr key={`${place.source}:${place.address}`}>
              <td>{place.label}</td>
              <td>
                <code>{place.address}</code>
              </td>
              <td>
                <code className="error-text">{place.error}</code>
                {place.hint ? <div className="hint">{place.hint}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" className="primary" onClick={() => retry.mutate()} disabled={retry.isPending}>
          {retry.isPending ? 'Trying…' : 'Try again now'}
        </button>
        <button type="button" onClick={onOpenSettings}>
          Choose an engine…
        </button>
        <span className="muted" aria-live="polite">
          {seconds > 0 ? `Next try in ${seconds} s` : 'Trying…'}
        </span>
      </div>
    </section>
  );
}
