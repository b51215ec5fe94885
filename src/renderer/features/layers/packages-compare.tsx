import { formatSize } from '@shared/format-size';
import { formatSizeDelta } from '@shared/layers/compare-images';
import type { PackageChange, PackageSide } from '@shared/packages/compare-packages';
import { usePackageComparison } from './api/packages-queries';

const CHANGE_NAMES: Record<PackageChange['change'], string> = {
  added: 'added',
  removed: 'removed',
  changed: 'version changed',
};

const versions = (side: PackageSide | null): string => (side ? side.versions.join(', ') : '—');

/** Image a's packages against image b's: added, removed, version changed, with size deltas (b − a). */
export function PackagesCompare({
  a,
  b,
  labels,
}: {
  a: string;
  b: string;
  labels: { a: string; b: string };
}) {
  const comparison = usePackageComparison(a, b);
  if (comparison.isPending)
    return (
      <div className="loading" role="status" data-testid="packages-comparison-loading">
        <p className="muted">
          Reading the packages of {labels.a} and {labels.b}…
        </p>
        <div className="bar indeterminate" aria-hidden="true">
          <span />
        </div>
      </div>
    );
  if (comparison.error) return <p className="error-text">{comparison.error.message}</p>;
  const data = comparison.data;
  return (
    <div className="packages-compare" data-testid="packages-comparison">
      <p data-testid="packages-comparison-summary">
        {labels.a} → {labels.b}: {data.added} added, {data.removed} removed, {data.changed} changed,{' '}
        {data.unchanged} the same; packages {formatSize(data.a.sizeBytes)} → {formatSize(data.b.sizeBytes)} (
        {formatSizeDelta(data.b.sizeBytes - data.a.sizeBytes)})
      </p>
      {data.notes.map((note) => (
        <p key={note} className="muted small">
          {note}
        </p>
      ))}
      {data.changes.length > 0 ? (
        <table className="packages-table">
          <thead>
            <tr>
              <th>Change</th>
              <th>Name</th>
              <th>Kind</th>
              <th>{labels.a}</th>
              <th>{labels.b}</th>
              <th className="num">Size change</th>
            </tr>
          </thead>
          <tbody>
            {data.changes.map((change) => (
              <tr
                key={`${change.kind} ${change.name} ${change.arch ?? ''}`}
                className={`package-${change.change}`}
                data-testid="package-change"
              >
                <td>{CHANGE_NAMES[change.change]}</td>
                <td>
                  <code>{change.name}</code>
                  {change.arch && change.arch !== 'all' ? (
                    <span className="muted small"> {change.arch}</span>
                  ) : null}
                </td>
                <td>{change.kind}</td>
                <td className="version">{versions(change.a)}</td>
                <td className="version">{versions(change.b)}</td>
                <td className="num">{formatSizeDelta(change.sizeDeltaBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">Both images have the same packages.</p>
      )}
    </div>
  );
}
