import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatSize } from '@shared/format-size';
import type { ImagePackage } from '@shared/packages/list-image-packages';
import { installedBy } from '@shared/packages/sbom-input';

const TOP = 15;

interface Row {
  label: string;
  bytes: number;
  entry: ImagePackage;
}

/** The biggest packages as bars, one per package, with where each was installed on hover. */
export function PackagesChart({ packages }: { packages: readonly ImagePackage[] }) {
  const rows: Row[] = packages
    .filter((entry) => (entry.sizeBytes ?? 0) > 0)
    .slice(0, TOP)
    .map((entry) => ({ label: entry.name, bytes: entry.sizeBytes ?? 0, entry }));
  if (rows.length === 0) return null;
  return (
    <div className="packages-chart" data-testid="packages-chart">
      <ResponsiveContainer width="100%" height={Math.max(120, rows.length * 22 + 40)}>
        <BarChart data={rows} layout="vertical" margin={{ top: 6, right: 20, bottom: 6, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(value: number) => formatSize(value)} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="label" width={170} tick={{ fontSize: 11 }} interval={0} />
          <Tooltip
            content={({ active, payload }) => {
              const row = active ? (payload?.[0]?.payload as Row | undefined) : undefined;
              if (!row) return null;
              return (
                <div className="chart-tooltip">
                  <code>
                    {row.entry.name} {row.entry.version}
                  </code>
                  <div>
                    {formatSize(row.bytes)} · {row.entry.kind} · installed by {installedBy(row.entry)}
                  </div>
                </div>
              );
            }}
          />
          <Bar dataKey="bytes" name="Installed size" fill="#5b8def" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
