import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatSize } from '@shared/format-size';
import { sourceName, type BuildOnlyItem } from '@shared/layers/build-only-content';
import { useBuildOnly } from './api/build-only-queries';
import { BuildOnlyTrial } from './build-only-trial';

const TOP = 12;
/** Rows in the table (a node_modules tree can bring hundreds of devDependencies). */
const SHOWN_ROWS = 200;

const CATEGORY_NAMES: Record<BuildOnlyItem['category'], string> = {
  compiler: 'compiler',
  'build-tool': 'build tool',
  'dev-package': '-dev package',
  toolchain: 'toolchain',
  cache: 'cache',
  'dev-dependency': 'devDependency',
  git: '.git',
};

const where = (item: BuildOnlyItem): string =>
  item.places
    .map((place) => (place.line !== null ? `line ${place.line}` : sourceName(place)))
    .filter((name, index, all) => all.indexOf(name) === index)
    .join(', ');

/** The biggest items as bars, with what each is and where it came from on hover. */
function BuildOnlyChart({ items }: { items: readonly BuildOnlyItem[] }) {
  const rows = items
    .filter((item) => item.bytes > 0)
    .slice(0, TOP)
    .map((item) => ({ label: item.name, bytes: item.bytes, item }));
  if (rows.length === 0) return null;
  return (
    <div className="build-only-chart" data-testid="build-only-chart">
      <ResponsiveContainer width="100%" height={Math.max(120, rows.length * 22 + 40)}>
        <BarChart data={rows} layout="vertical" margin={{ top: 6, right: 20, bottom: 6, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(value: number) => formatSize(value)} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="label" width={190} tick={{ fontSize: 11 }} interval={0} />
          <Tooltip
            content={({ active, payload }) => {
              const row = active ? (payload?.[0]?.payload as (typeof rows)[number] | undefined) : undefined;
              if (!row) return null;
              return (
                <div className="chart-tooltip">
                  <code>{row.item.name}</code>
                  <div>
                    {formatSize(row.bytes)} · {row.item.what} · from {where(row.item)}
                  </div>
                </div>
              );
            }}
          />
          <Bar dataKey="bytes" name="Bytes" fill="#d9822b" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/**
 * Build-only content in an image: compilers, toolchains, `-dev` packages, caches, devDependencies
 * and `.git` folders that ship in the final image, with bytes and the lines that brought them, the
 * multi-stage suggestion, and (for a build Dockwright ran of a stack the wizard knows) the
 * multi-stage Dockerfile to look at and try.
 */
export function BuildOnlyView({ refName, label }: { refName: string; label: string }) {
  const answer = useBuildOnly(refName);
  if (answer.isPending)
    return (
      <div className="loading" role="status" data-testid="build-only-loading">
        <p className="muted">Looking for build-only content in {label} (one pass over its layers)…</p>
        <div className="bar indeterminate" aria-hidden="true">
          <span />
        </div>
      </div>
    );
  if (answer.error) return <p className="error-text">{answer.error.message}</p>;
  const { report, offer, offerNote } = answer.data;
  return (
    <section className="build-only" data-testid="build-only-view" aria-label="Build-only content">
      <h2>Build-only content</h2>
      {report.items.length === 0 ? (
        <p className="muted" data-testid="build-only-none">
          No compilers, build tools, -dev packages, toolchains, build caches, devDependencies or .git folders
          were found in this image’s final files.
        </p>
      ) : (
        <>
          <p className={report.worthSplitting ? 'callout' : 'muted'} data-testid="build-only-suggestion">
            {report.suggestion}
          </p>
          {offer ? <BuildOnlyTrial offer={offer} /> : null}
          {offerNote ? (
            <p className="muted" data-testid="build-only-offer-note">
              {offerNote}
            </p>
          ) : null}
          <BuildOnlyChart items={report.items} />
          <table className="build-only-table" data-testid="build-only-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>What</th>
                <th className="num">Size</th>
                <th>Brought by</th>
              </tr>
            </thead>
            <tbody>
              {report.items.slice(0, SHOWN_ROWS).map((item) => (
                <tr key={item.key}>
                  <td>
                    <code>{item.name}</code>
                    {item.version ? <span className="muted"> {item.version}</span> : null}
                  </td>
                  <td>
                    {item.what} <span className="muted">({CATEGORY_NAMES[item.category]})</span>
                  </td>
                  <td className="num">{formatSize(item.bytes)}</td>
                  <td title={item.places.map((place) => place.lineText ?? place.instruction).join('\n')}>
                    {where(item)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.items.length > SHOWN_ROWS ? (
            <p className="muted small">
              {report.items.length - SHOWN_ROWS} smaller items not shown; the total counts them all.
            </p>
          ) : null}
        </>
      )}
      {report.notes.map((note) => (
        <p key={note} className="muted small">
          {note}
        </p>
      ))}
    </section>
  );
}
