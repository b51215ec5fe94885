import { useState } from 'react';
import { formatSize } from '@shared/format-size';
import type { LayerEntry } from '@shared/layers/layer-history';
import { sizeKindWords, type SizeKind } from '@shared/layers/size-kinds';

/**
 * Every history entry: the cleaned instruction, build args apart, size, whether it made a layer
 * (from the config's empty_layer, not its size), and its Dockerfile line. Base entries fold away.
 */
export function LayerTable({
  history,
  sizeKind,
  selected,
  onSelect,
}: {
  history: LayerEntry[];
  /** What the engine's history sizes count (on disk with the containerd store). */
  sizeKind: SizeKind;
  selected: number | null;
  onSelect(entry: LayerEntry): void;
}) {
  const [showBase, setShowBase] = useState(false);
  const base = history.filter((entry) => entry.fromBaseImage);
  const own = history.filter((entry) => !entry.fromBaseImage);
  const baseBytes = base.reduce((sum, entry) => sum + entry.sizeBytes, 0);
  const row = (entry: LayerEntry) => (
    <tr
      key={entry.index}
      data-testid="layer-row"
      className={`${selected === entry.index ? 'selected' : ''}${entry.fromBaseImage ? ' base-row' : ''}`}
      onClick={() => onSelect(entry)}
    >
      <td className="num">{entry.dockerfileLine ?? ''}</td>
      <td>
        <code className="instruction">{entry.instruction || '(imported)'}</code>
        {Object.keys(entry.buildArgs).length > 0 ? (
          <div className="muted small">
            build args:{' '}
            {Object.entries(entry.buildArgs)
              .map(([key, value]) => `${key}=${value}`)
              .join(' ')}
          </div>
        ) : null}
      </td>
      <td className="num">{formatSize(entry.sizeBytes)}</td>
      <td>{entry.emptyLayer ? <span className="muted">no layer</span> : 'layer'}</td>
    </tr>
  );
  return (
    <table className="layer-table" data-testid="layer-table">
      <thead>
        <tr>
          <th className="num">Line</th>
          <th>Instruction</th>
          <th className="num" title={`The engine's history size (${sizeKindWords(sizeKind)})`}>
            {sizeKind === 'content' ? 'Size' : `Size ${sizeKindWords(sizeKind)}`}
          </th>
          <th>Makes</th>
        </tr>
      </thead>
      <tbody>
        {base.length > 0 ? (
          <tr className="group-row" onClick={() => setShowBase(!showBase)}>
            <td />
            <td>
              <button type="button" className="link" aria-expanded={showBase}>
                {showBase ? '▾' : '▸'} Base image ({base.length} entries)
              </button>
            </td>
            <td className="num">{formatSize(baseBytes)}</td>
            <td />
          </tr>
        ) : null}
        {showBase ? base.map(row) : null}
        {own.map(row)}
      </tbody>
    </table>
  );
}
