import type { EngineStatus } from '@shared/engine-status';

/** The connected engine in one line, for the sidebar footer. */
export function EngineBadge({ status }: { status: EngineStatus | undefined }) {
  if (!status || status.state === 'connecting') {
    return <div className="engine-badge connecting">Looking for an engine…</div>;
  }
  if (status.state === 'unavailable') {
    return (
      <div className="engine-badge down" data-testid="engine-badge">
        <span className="dot" /> No engine
      </div>
    );
  }
  const { info, endpoint } = status;
  return (
    <div className="engine-badge up" data-testid="engine-badge" title={endpoint.address}>
      <span className="dot" />
      <span>
        <strong data-testid="engine-product">{info.product}</strong>{' '}
        <span data-testid="engine-version">{info.version}</span>
        <br />
        <small>
          API {info.apiVersion} · {info.os}/{info.arch}
        </small>
      </span>
    </div>
  );
}
