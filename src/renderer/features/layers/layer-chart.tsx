import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatSize } from '@shared/format-size';
import type { LayerEntry } from '@shared/layers/layer-history';
import { shorten } from '@shared/layers/layer-history';
import { sizeKindWords, type SizeKind } from '@shared/layers/size-kinds';

export interface ChartRow {
  key: string;
  label: string;
  instruction: string;
  bytes: number;
  cumulative: number;
  line: number | null;
  entry: LayerEntry | null;
}

/** Bars per instruction with the base image as one bar, and the running total as a line. */
export function chartRows(history: LayerEntry[]): ChartRow[] {
  const base = history.filter((entry) => entry.fromBaseImage);
  const own = history.filter((entry) => !entry.fromBaseImage && (!entry.emptyLayer || entry.sizeBytes > 0));
  const rows: ChartRow[] = [];
  let cumulative = 0;
  if (base.length > 0) {
    const bytes = base.reduce((sum, entry) => sum + entry.sizeBytes, 0);
    cumulative += bytes;
    rows.push({
      key: 'base',
      label: 'base image',
      instruction: `${base.length} entries of the base image`,
      bytes,
      cumulative,
      line: null,
      entry: null,
    });
  }
  for (const entry of own) {
    cumulative += entry.sizeBytes;
    rows.push({
      key: String(entry.index),
      label: entry.dockerfileLine !== null ? `L${entry.dockerfileLine}` : shorten(entry.instruction, 14),
      instruction: entry.instruction,
      bytes: entry.sizeBytes,
      cumulative,
      line: entry.dockerfileLine,
      entry,
    });
  }
  return rows;
}

/** The size chart; hovering shows the whole command, clicking selects the instruction. */
export function LayerChart({
  history,
  sizeKind,
  onSelect,
}: {
  history: LayerEntry[];
  sizeKind: SizeKind;
  onSelect(row: ChartRow): void;
}) {
  const rows = chartRows(history);
  const kind = sizeKind === 'content' ? '' : ` ${sizeKindWords(sizeKind)}`;
  return (
    <div className="layer-chart" data-testid="layer-chart">
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={rows} margin={{ top: 10, right: 20, bottom: 10, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
          <YAxis tickFormatter={(value: number) => formatSize(value)} tick={{ fontSize: 11 }} width={64} />
          <Tooltip
            content={({ active, payload }) => {
              const row = active ? (payload?.[0]?.payload as ChartRow | undefined) : undefined;
              if (!row) return null;
              return (
                <div className="chart-tooltip">
                  <code>{row.instruction}</code>
                  <div>
                    {formatSize(row.bytes)}
                    {kind} · total so far {formatSize(row.cumulative)}
                    {kind}
                    {row.line !== null ? ` · Dockerfile line ${row.line}` : ''}
                  </div>
                </div>
              );
            }}
          />
          <Bar
            dataKey="bytes"
            name={`Layer size${kind}`}
            fill="#5b8def"
            isAnimationActive={false}
            onClick={(data) => onSelect(data.payload as ChartRow)}
            cursor="pointer"
          />
          <Line
            dataKey="cumulative"
            name={`Image size so far${kind}`}
            stroke="#f0883e"
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
