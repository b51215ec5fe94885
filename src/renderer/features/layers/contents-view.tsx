import { useState } from 'react';
import { formatSize } from '@shared/format-size';
import type { FileTreeNode } from '@shared/layers/file-tree';
import type { LayerContents } from '@shared/layers/image-contents';
import type { ImageDetails } from '@shared/layers/layer-history';
import { historySizeKind, layerSizeText } from '@shared/layers/size-kinds';
import { cancelAnalysis, startAnalysis } from './api/layers-queries';
import { useOperation } from '../../lib/operations/operations-context';
import type { AnalysisState as LiveAnalysis } from '@shared/operations/fold-analysis';

type AnalysisState = LiveAnalysis | { state: 'idle' };

/**
 * Runs the contents analysis (docker save, streamed) with progress and cancel. The operations
 * store keeps its events from the first one: an image analysed before (after its build) answers
 * `done` before the request returns.
 */
function useAnalysis(ref: string) {
  const [id, setId] = useState<string | null>(null);
  const live = useOperation('analysis', id);
  const analysis: AnalysisState =
    live ?? (id ? { state: 'running', bytesRead: 0, totalBytes: 0 } : { state: 'idle' });
  return {
    analysis,
    start: async () => setId((await startAnalysis(ref)).id),
    cancel: () => (id && analysis.state === 'running' ? cancelAnalysis(id) : Promise.resolve(null)),
  };
}

/** Wasted space, efficiency, hints, and a file tree per layer or for the final image. */
export function ContentsView({
  refName,
  focusLayer,
  details,
}: {
  refName: string;
  focusLayer: number | null;
  /** The image's history, for the engine's own layer sizes beside the content counted here. */
  details: ImageDetails | null;
}) {
  const { analysis, start, cancel } = useAnalysis(refName);
  const [chosenLayer, setLayer] = useState<number | 'final' | null>(null);
  // Until the user picks one, show the layer selected on the Layers tab (or the final image).
  const layer = chosenLayer ?? focusLayer ?? 'final';
  const [onlyChanges, setOnlyChanges] = useState(true);

  if (analysis.state === 'idle' || analysis.state === 'cancelled' || analysis.state === 'failed') {
    return (
      <div className="contents" data-testid="contents">
        <p className="muted">
          Reads every layer of the image (like <code>docker save</code>, streamed, nothing unpacked) to find
          the files each layer adds, changes or removes, and the bytes stored but never visible.
        </p>
        {analysis.state === 'failed' ? <p className="error-text">{analysis.message}</p> : null}
        {analysis.state === 'cancelled' ? <p className="muted">Analysis cancelled.</p> : null}
        <button type="button" className="primary" onClick={() => void start()}>
          Analyse contents
        </button>
      </div>
    );
  }
  if (analysis.state === 'running') {
    const percent = analysis.totalBytes
      ? Math.min(100, Math.round((analysis.bytesRead / analysis.totalBytes) * 100))
      : 0;
    return (
      <div className="contents" data-testid="contents">
        <p data-testid="contents-progress">
          {/* Until the engine has said how big the image is, a "0B / 0B" would only look stuck. */}
          {analysis.totalBytes > 0
            ? `Reading layers… ${formatSize(analysis.bytesRead)} / ${formatSize(analysis.totalBytes)}`
            : 'Reading layers…'}
        </p>
        <div
          className={analysis.totalBytes > 0 ? 'bar overall' : 'bar overall indeterminate'}
          role="progressbar"
          aria-valuenow={analysis.totalBytes > 0 ? percent : undefined}
          aria-valuemin={0}
          aria-valuemax={100}
        >
          <span style={analysis.totalBytes > 0 ? { width: `${percent}%` } : undefined} />
        </div>
        <button type="button" className="small danger" onClick={() => void cancel()}>
          Cancel
        </button>
      </div>
    );
  }
  const { contents } = analysis;
  const sizeKind = historySizeKind(details?.imageStore ?? 'storage-driver');
  // Content is what this analysis counts; the engine's number is shown beside it where it differs.
  const layerSize = (item: LayerContents): string => {
    const entry = item.historyIndex === null ? undefined : details?.history[item.historyIndex];
    if (!item.readable) return 'unreadable';
    return entry ? layerSizeText(item.sizeBytes, entry.sizeBytes, sizeKind) : formatSize(item.sizeBytes);
  };
  const tree = layer === 'final' ? contents.finalTree : contents.layers[layer]?.tree;
  return (
    <div className="contents" data-testid="contents">
      <div className="efficiency">
        <div>
          <div className="big" data-testid="efficiency">
            {(contents.efficiency * 100).toFixed(1)}%
          </div>
          efficiency
        </div>
        <div>
          <div className="big" data-testid="wasted">
            {formatSize(contents.wastedBytes)}
          </div>
          stored but not visible
        </div>
        <div>
          <div className="big">{formatSize(contents.visibleBytes)}</div>
          of content in the final filesystem ({contents.fileCount.toLocaleString()} files)
        </div>
      </div>
      {contents.hints.length > 0 ? (
        <ul className="hints" data-testid="hints">
          {contents.hints.map((hint, index) => (
            <li key={index}>
              <strong>{formatSize(hint.bytes)}</strong> — {hint.message}
            </li>
          ))}
        </ul>
      ) : null}
      {contents.topWasted.length > 0 ? (
        <>
          <h3>Biggest wasted paths</h3>
          <table className="wasted-table">
            <tbody>
              {contents.topWasted.slice(0, 10).map((path) => (
                <tr key={path.path}>
                  <td>
                    <code>{path.path}</code>
                  </td>
                  <td className="num">{formatSize(path.wastedBytes)}</td>
                  <td className="muted">
                    {path.versions
                      .map(
                        (version) =>
                          `written by layer ${version.layerIndex + 1}, ${version.how} by layer ${version.removedBy + 1}`,
                      )
                      .join('; ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <div className="toolbar">
        <label>
          Files of{' '}
          <select
            aria-label="Files of"
            value={String(layer)}
            onChange={(event) =>
              setLayer(event.target.value === 'final' ? 'final' : Number(event.target.value))
            }
          >
            <option value="final">the final image</option>
            {contents.layers.map((item) => (
              <option key={item.index} value={item.index}>
                layer {item.index + 1}: {item.instruction.slice(0, 50)} ({layerSize(item)})
              </option>
            ))}
          </select>
        </label>
        {layer !== 'final' ? (
          <label className="check">
            <input
              type="checkbox"
              checked={onlyChanges}
              onChange={(event) => setOnlyChanges(event.target.checked)}
            />{' '}
            only this layer’s changes
          </label>
        ) : null}
      </div>
      {layer !== 'final' && contents.layers[layer] ? (
        <p className="muted small" data-testid="layer-sizes">
          {layerSize(contents.layers[layer])}
          {contents.layers[layer].blob && contents.layers[layer].blob.compression !== 'none'
            ? ` · saved as a ${formatSize(contents.layers[layer].blob.bytes)} ${contents.layers[layer].blob.compression} blob`
            : ''}
          {!contents.layers[layer].readable
            ? ' — this layer is compressed in a way Dockwright cannot read yet, so its files are not listed'
            : ''}
        </p>
      ) : null}
      {tree ? <FileTree node={tree} depth={0} onlyChanges={layer !== 'final' && onlyChanges} /> : null}
    </div>
  );
}

function FileTree({ node, depth, onlyChanges }: { node: FileTreeNode; depth: number; onlyChanges: boolean }) {
  const [open, setOpen] = useState(depth < 1);
  const children = [...node.children]
    .filter((child) => !onlyChanges || child.change !== null || child.children.length > 0)
    .sort((a, b) => b.sizeBytes - a.sizeBytes);
  return (
    <div className="tree-node" style={{ paddingLeft: depth ? 16 : 0 }}>
      <button
        type="button"
        className="tree-row"
        onClick={() => setOpen(!open)}
        aria-expanded={node.children.length ? open : undefined}
      >
        <span className="tree-name">
          {node.children.length ? (open ? '▾ ' : '▸ ') : '  '}
          {node.name || '/'}
        </span>
        {node.change ? <span className={`change ${node.change}`}>{node.change}</span> : <span />}
        <span className="num">{formatSize(node.sizeBytes)}</span>
      </button>
      {open
        ? children.map((child) => (
            <FileTree key={child.path} node={child} depth={depth + 1} onlyChanges={onlyChanges} />
          ))
        : null}
      {open && node.omittedChildren > 0 ? (
        <div className="muted small" style={{ paddingLeft: 16 }}>
          …and {node.omittedChildren} smaller entries ({formatSize(node.omittedBytes)})
        </div>
      ) : null}
    </div>
  );
}
