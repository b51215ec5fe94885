import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatSize } from '@shared/format-size';
import { formatSizeDelta, shorten } from '@shared/layers/layer-model';
import type { LayersComparison } from '@shared/layers/layers-view';

/** Two images side by side: shared base once, then instruction by instruction with deltas. */
export function CompareView({
  data,
  labelA,
  labelB,
}: {
  data: LayersComparison;
  labelA: string;
  labelB: string;
}) {
  const { comparison } = data;
  const rows = comparison.rows.filter((row) => row.match !== 'shared');
  const chart = [
    ...(comparison.sharedCount > 0
      ? [
          {
            name: 'shared base',
            a: comparison.sharedBytes,
            b: comparison.sharedBytes,
            instruction: `${comparison.sharedCount} shared entries`,
          },
        ]
      : []),
    ...rows
      .filter((row) => row.aBytes > 0 || row.bBytes > 0)
      .map((row) => ({
        name: shorten(row.instruction, 18),
        a: row.aBytes,
        b: row.bBytes,
        instruction: row.instruction,
      })),
  ];
  return (
    <div className="compare" data-testid="comparison">
      <p className="headline" data-testid="comparison-headline">
        {comparison.headline}
      </p>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={chart} margin={{ top: 10, right: 20, bottom: 10, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} />
          <YAxis tickFormatter={(value: number) => formatSize(value)} tick={{ fontSize: 11 }} width={64} />
          <Tooltip
            formatter={(value) => formatSize(Number(value))}
            labelFormatter={(_label, payload) => String(payload?.[0]?.payload?.instruction ?? '')}
          />
          {/* By dataKey (a, b): the default sorts by label, which can put B before A. */}
          <Legend itemSorter="dataKey" />
          <Bar dataKey="a" name={labelA} fill="#8fb4f0" isAnimationActive={false} />
          <Bar dataKey="b" name={labelB} fill="#f0883e" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <table data-testid="comparison-table">
        <thead>
          <tr>
            <th>Instruction</th>
            <th className="num">{labelA}</th>
            <th className="num">{labelB}</th>
            <th className="num">Change</th>
          </tr>
        </thead>
        <tbody>
          {comparison.sharedCount > 0 ? (
            <tr className="group-row">
              <td>Shared base ({comparison.sharedCount} entries, same layers)</td>
              <td className="num">{formatSize(comparison.sharedBytes)}</td>
              <td className="num">{formatSize(comparison.sharedBytes)}</td>
              <td className="num muted">same</td>
            </tr>
          ) : null}
          {rows.map((row, index) => (
            <tr
              key={index}
              data-testid="comparison-row"
              className={row === comparison.grewMost ? 'grew' : row === comparison.shrankMost ? 'shrank' : ''}
            >
              <td>
                <code className="instruction">{row.instruction}</code>
                {row.match === 'only-a' ? <span className="badge-soft">only in {labelA}</span> : null}
                {row.match === 'only-b' ? <span className="badge-soft">only in {labelB}</span> : null}
              </td>
              <td className="num">{row.a ? formatSize(row.aBytes) : '—'}</td>
              <td className="num">{row.b ? formatSize(row.bBytes) : '—'}</td>
              <td className={`num ${row.deltaBytes > 0 ? 'worse' : row.deltaBytes < 0 ? 'better' : 'muted'}`}>
                {formatSizeDelta(row.deltaBytes)}
                {row.deltaPercent !== null && row.deltaBytes !== 0
                  ? ` (${row.deltaPercent > 0 ? '+' : ''}${row.deltaPercent.toFixed(0)}%)`
                  : ''}
              </td>
            </tr>
          ))}
          <tr className="total-row">
            <td>Total</td>
            <td className="num">{formatSize(comparison.totals.aBytes)}</td>
            <td className="num">{formatSize(comparison.totals.bBytes)}</td>
            <td className="num" data-testid="comparison-total">
              {formatSizeDelta(comparison.totals.deltaBytes)}
              {comparison.totals.deltaPercent !== null
                ? ` (${comparison.totals.deltaPercent > 0 ? '+' : ''}${comparison.totals.deltaPercent.toFixed(1)}%)`
                : ''}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
