import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatSize } from '@shared/format-size';
import { formatSizeDelta, type ComparisonRow } from '@shared/layers/compare-images';
import { shorten } from '@shared/layers/layer-history';
import type { LayersComparison, WasteStatus } from '@shared/layers/layers-view';
import { sizeKindWords } from '@shared/layers/size-kinds';
import { wasteNotes, type WasteNote } from '@shared/layers/waste-report';
import { FileDiffView } from './file-diff-view';

/**
 * Two images side by side, older left, newer right: by layer (shared base once, then instruction
 * by instruction with deltas, newer − older, and what each row wastes) or by file.
 */
export function CompareView({
  data,
  waste,
}: {
  data: LayersComparison;
  waste: { a: WasteStatus | undefined; b: WasteStatus | undefined };
}) {
  const [view, setView] = useState<'layers' | 'files'>('layers');
  const switcher = (
    <div className="tabs compare-views" role="tablist" aria-label="Compare by">
      {(['layers', 'files'] as const).map((name) => (
        <button
          key={name}
          type="button"
          role="tab"
          aria-selected={view === name}
          className={view === name ? 'tab active' : 'tab'}
          onClick={() => setView(name)}
        >
          {name === 'layers' ? 'By layer' : 'Files changed'}
        </button>
      ))}
    </div>
  );
  if (view === 'files') {
    const { a, b } = { a: data.a.details.id, b: data.b.details.id };
    return (
      <div className="compare" data-testid="comparison">
        {switcher}
        <FileDiffView key={`${a} ${b}`} a={a} b={b} labels={data.labels} />
      </div>
    );
  }
  return <LayerComparison data={data} waste={waste} switcher={switcher} />;
}

function LayerComparison({
  data,
  waste,
  switcher,
}: {
  data: LayersComparison;
  waste: { a: WasteStatus | undefined; b: WasteStatus | undefined };
  switcher: React.ReactNode;
}) {
  const { comparison, labels } = data;
  // Named on the column heads and the total when the engine's sizes are not content (containerd store).
  const kind = comparison.sizeKind === 'content' ? '' : sizeKindWords(comparison.sizeKind);
  const notesA = waste.a?.state === 'done' ? wasteNotes(waste.a.report) : null;
  const notesB = waste.b?.state === 'done' ? wasteNotes(waste.b.report) : null;
  const notesOf = (row: ComparisonRow): WasteNote[] =>
    row.b ? (notesB?.get(row.b.index) ?? []) : row.a ? (notesA?.get(row.a.index) ?? []) : [];
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
  const wasteLine = (status: WasteStatus | undefined, label: string) => {
    if (status?.state === 'running' || status?.state === 'waiting')
      return `${label}: looking for wasted space…`;
    if (status?.state !== 'done') return null;
    return `${label}: ${status.report.headline ?? 'no wasted space'}`;
  };
  const wasteLines = [wasteLine(waste.a, labels.a), wasteLine(waste.b, labels.b)].filter(Boolean);
  return (
    <div className="compare" data-testid="comparison">
      {switcher}
      <p className="headline" data-testid="comparison-headline">
        {comparison.headline}
      </p>
      <p className="muted small">
        Older on the left, newer on the right; every change is newer − older
        {data.swapped ? ` (${labels.a} is the older image, so it is on the left)` : ''}.
      </p>
      {wasteLines.length > 0 ? (
        <ul className="muted small compare-waste" data-testid="comparison-waste">
          {wasteLines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={chart} margin={{ top: 10, right: 20, bottom: 10, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} />
          <YAxis tickFormatter={(value: number) => formatSize(value)} tick={{ fontSize: 11 }} width={64} />
          <Tooltip
            formatter={(value) => formatSize(Number(value))}
            labelFormatter={(_label, payload) => String(payload?.[0]?.payload?.instruction ?? '')}
          />
          {/* By dataKey (a, b): older then newer, as the table's columns (the default sorts by label). */}
          <Legend itemSorter="dataKey" />
          <Bar dataKey="a" name={`${labels.a} (older)`} fill="#8fb4f0" isAnimationActive={false} />
          <Bar dataKey="b" name={`${labels.b} (newer)`} fill="#f0883e" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <table data-testid="comparison-table">
        <thead>
          <tr>
            <th>Instruction</th>
            <th className="num" title={data.a.details.id}>
              <span className="side-label">{labels.a}</span>
              <div className="muted small">older{kind ? `, ${kind}` : ''}</div>
            </th>
            <th className="num" title={data.b.details.id}>
              <span className="side-label">{labels.b}</span>
              <div className="muted small">newer{kind ? `, ${kind}` : ''}</div>
            </th>
            <th className="num">
              Change
              <div className="muted small">newer − older</div>
            </th>
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
                {row.match === 'only-a' ? <span className="badge-soft">only in {labels.a}</span> : null}
                {row.match === 'only-b' ? <span className="badge-soft">only in {labels.b}</span> : null}
                {notesOf(row).map((note, noteIndex) => (
                  <div key={noteIndex} className="waste-note" data-testid="comparison-row-waste">
                    {note.message}
                  </div>
                ))}
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
            <td>Total{kind ? ` (${kind})` : ''}</td>
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
