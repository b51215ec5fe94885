import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatSize } from '@shared/format-size';
import { shorten } from '@shared/layers/layer-history';
import type { ComparedStep } from './compare-builds';
import { formatDuration } from './step-list';

interface Series {
  name: string;
  instruction: string;
  before: number;
  now: number;
}

/** One bar pair per step: the build before (left) and this one (right), as the table's columns. */
function PairChart({
  title,
  data,
  format,
  testId,
}: {
  title: string;
  data: Series[];
  format: (value: number) => string;
  testId: string;
}) {
  return (
    <figure className="comparison-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={data} margin={{ top: 6, right: 16, bottom: 6, left: 6 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} />
          <YAxis tickFormatter={format} tick={{ fontSize: 11 }} width={64} />
          <Tooltip
            formatter={(value) => format(Number(value))}
            labelFormatter={(_label, payload) => String(payload?.[0]?.payload?.instruction ?? '')}
          />
          <Legend itemSorter="dataKey" />
          <Bar dataKey="before" name="before" fill="#8fb4f0" isAnimationActive={false} />
          <Bar dataKey="now" name="now" fill="#f0883e" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/**
 * Time and layer size per step, before and now: the step that made a build slower or bigger
 * stands out. Steps with neither a time nor a size in both builds are left out of a chart.
 */
export function BuildComparisonChart({ rows }: { rows: readonly ComparedStep[] }) {
  const named = rows.map((row, index) => ({
    row,
    name: row.line === null ? `#${index + 1}` : `line ${row.line}`,
  }));
  const times: Series[] = named
    .filter(({ row }) => (row.durationMs ?? 0) > 0 || (row.previousMs ?? 0) > 0)
    .map(({ row, name }) => ({
      name,
      instruction: shorten(row.instruction, 60),
      before: row.previousMs ?? 0,
      now: row.durationMs ?? 0,
    }));
  const sizes: Series[] = named
    .filter(({ row }) => (row.sizeBytes ?? 0) > 0 || (row.previousSizeBytes ?? 0) > 0)
    .map(({ row, name }) => ({
      name,
      instruction: shorten(row.instruction, 60),
      before: row.previousSizeBytes ?? 0,
      now: row.sizeBytes ?? 0,
    }));
  if (times.length === 0 && sizes.length === 0) return null;
  return (
    <div className="comparison-charts">
      {times.length > 0 ? (
        <PairChart
          title="Time per step"
          data={times}
          format={formatDuration}
          testId="comparison-time-chart"
        />
      ) : null}
      {sizes.length > 0 ? (
        <PairChart
          title="Layer size per step"
          data={sizes}
          format={formatSize}
          testId="comparison-size-chart"
        />
      ) : null}
    </div>
  );
}
