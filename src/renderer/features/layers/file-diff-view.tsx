import { useEffect, useRef, useState } from 'react';
import { formatSize } from '@shared/format-size';
import { formatSizeDelta } from '@shared/layers/compare-images';
import type { FileDiff, FileDiffChange, FileDiffEntry, FileDiffTally } from '@shared/layers/file-diff';
import type { FileDiffSideProgress, FileDiffState } from '@shared/layers/file-diff-view';
import { useOperation } from '../../lib/operations/operations-context';
import { cancelFileDiff, startFileDiff } from './api/layers-queries';
import { FileDiffTree } from './file-diff-tree';

type Shown = 'all' | FileDiffChange;

/**
 * Starts the file diff as soon as the view opens (choosing the Files view is the request) and
 * follows it in the operations store, which keeps events from the first one: two images read
 * before answer `done` before the request returns.
 */
function useFileDiff(a: string, b: string) {
  const [id, setId] = useState<string | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const live = useOperation('fileDiff', id);
  const start = async (): Promise<void> => {
    setStartError(null);
    try {
      setId((await startFileDiff(a, b)).id);
    } catch (error) {
      setStartError(error instanceof Error ? error.message : String(error));
    }
  };
  const started = useRef(false);
  useEffect(() => {
    // Once per mount (React's dev double effect would otherwise read both images twice).
    if (started.current) return;
    started.current = true;
    void start();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the parent keys this view by both images
  }, []);
  const zero = { bytesRead: 0, totalBytes: 0 };
  const state: FileDiffState = startError
    ? { state: 'failed', message: startError }
    : (live ?? { state: 'running', a: zero, b: zero });
  return {
    state,
    start,
    cancel: () => (id && state.state === 'running' ? cancelFileDiff(id) : Promise.resolve(null)),
  };
}

/** Files added, removed and modified from the older image to the newer, by folder or as a tree. */
export function FileDiffView({ a, b, labels }: { a: string; b: string; labels: { a: string; b: string } }) {
  const { state, start, cancel } = useFileDiff(a, b);
  if (state.state === 'running') {
    return (
      <div className="file-diff" data-testid="file-diff">
        <p className="muted">
          Reading both images’ files (like <code>docker save</code>, streamed, nothing unpacked) to compare
          them by content…
        </p>
        <SideProgress label={`${labels.a} (older)`} progress={state.a} />
        <SideProgress label={`${labels.b} (newer)`} progress={state.b} />
        <button type="button" className="small danger" onClick={() => void cancel()}>
          Cancel
        </button>
      </div>
    );
  }
  if (state.state !== 'done') {
    return (
      <div className="file-diff" data-testid="file-diff">
        {state.state === 'failed' ? (
          <p className="error-text" data-testid="file-diff-error">
            Could not compare the files: {state.message}
          </p>
        ) : (
          <p className="muted">File comparison cancelled.</p>
        )}
        <button type="button" className="primary" onClick={() => void start()}>
          Compare files
        </button>
      </div>
    );
  }
  return <FileDiffResult diff={state.view.diff} labels={state.view.labels} />;
}

function SideProgress({ label, progress }: { label: string; progress: FileDiffSideProgress }) {
  const known = progress.totalBytes > 0;
  const percent = known ? Math.min(100, Math.round((progress.bytesRead / progress.totalBytes) * 100)) : 0;
  return (
    <div className="file-diff-progress" data-testid="file-diff-progress">
      <span className="small">
        {label}:{' '}
        {known ? `${formatSize(progress.bytesRead)} / ${formatSize(progress.totalBytes)}` : 'waiting…'}
      </span>
      <div
        className={known ? 'bar overall' : 'bar overall indeterminate'}
        role="progressbar"
        aria-label={`Reading ${label}`}
        aria-valuenow={known ? percent : undefined}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <span style={known ? { width: `${percent}%` } : undefined} />
      </div>
    </div>
  );
}

function tallyText(tally: FileDiffTally): string {
  const parts = [`${tally.files.toLocaleString()} ${tally.files === 1 ? 'file' : 'files'}`];
  if (tally.folders > 0)
    parts.push(`${tally.folders.toLocaleString()} ${tally.folders === 1 ? 'folder' : 'folders'}`);
  return `${parts.join(', ')} · ${formatSize(tally.bytes)}`;
}

function FileDiffResult({ diff, labels }: { diff: FileDiff; labels: { a: string; b: string } }) {
  const [filter, setFilter] = useState('');
  const [shown, setShown] = useState<Shown>('all');
  const [layout, setLayout] = useState<'folders' | 'tree'>('folders');
  const changed = diff.entries.length + diff.omittedEntries;
  const needle = filter.trim().toLowerCase();
  const entries = diff.entries.filter(
    (entry) =>
      (shown === 'all' || entry.change === shown) && (!needle || entry.path.toLowerCase().includes(needle)),
  );
  return (
    <div className="file-diff" data-testid="file-diff">
      <p className="muted small">
        From {labels.a} (older) to {labels.b} (newer), by content digest: a file counts as modified when its
        bytes, its kind or its link target differ.
      </p>
      <div className="efficiency file-diff-totals" data-testid="file-diff-totals">
        <div>
          <div className="big change added">{diff.added.files + diff.added.folders}</div>
          added — {tallyText(diff.added)}
        </div>
        <div>
          <div className="big change removed">{diff.removed.files + diff.removed.folders}</div>
          removed — {tallyText(diff.removed)}
        </div>
        <div>
          <div className="big change modified">{diff.modified.files + diff.modified.folders}</div>
          modified — {formatSize(diff.modified.bytesBefore)} → {formatSize(diff.modified.bytes)}
        </div>
        <div>
          <div className="big">{(diff.unchanged.files + diff.unchanged.folders).toLocaleString()}</div>
          unchanged
        </div>
      </div>
      {diff.unreadableLayers.a.length + diff.unreadableLayers.b.length > 0 ? (
        <p className="warning-text" data-testid="file-diff-unreadable">
          Some layers are compressed in a way Dockwright cannot read yet (zstd), so their files are missing
          here: {sideLayers(labels.a, diff.unreadableLayers.a)}
          {sideLayers(labels.b, diff.unreadableLayers.b)}
        </p>
      ) : null}
      {changed === 0 ? (
        <p className="muted" data-testid="file-diff-empty">
          No files differ: both images hold the same paths with the same content.
        </p>
      ) : (
        <>
          <div className="toolbar">
            <input
              type="search"
              aria-label="Filter files"
              placeholder="Filter by path…"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
            />
            <label>
              Show{' '}
              <select
                aria-label="Show"
                value={shown}
                onChange={(event) => setShown(event.target.value as Shown)}
              >
                <option value="all">all changes</option>
                <option value="added">added</option>
                <option value="removed">removed</option>
                <option value="modified">modified</option>
              </select>
            </label>
            <div className="tabs file-diff-layout" role="tablist" aria-label="Layout">
              {(['folders', 'tree'] as const).map((name) => (
                <button
                  key={name}
                  type="button"
                  role="tab"
                  aria-selected={layout === name}
                  className={layout === name ? 'tab active' : 'tab'}
                  onClick={() => setLayout(name)}
                >
                  {name === 'folders' ? 'By folder' : 'Tree'}
                </button>
              ))}
            </div>
          </div>
          {diff.omittedEntries > 0 ? (
            <p className="muted small" data-testid="file-diff-capped">
              Listing the {diff.entries.length.toLocaleString()} biggest of {changed.toLocaleString()} changed
              paths; the totals above count them all.
            </p>
          ) : null}
          {layout === 'folders' ? (
            <FolderGroups entries={entries} diff={diff} />
          ) : (
            <FileDiffTree tree={diff.tree} truncated={diff.treeTruncated} filter={needle} shown={shown} />
          )}
        </>
      )}
    </div>
  );
}

function sideLayers(label: string, layers: number[]): string {
  return layers.length ? `${label}: layer ${layers.map((layer) => layer + 1).join(', ')}. ` : '';
}

/** The listed changes under the folder that holds them, folders with the most bytes first. */
function FolderGroups({ entries, diff }: { entries: FileDiffEntry[]; diff: FileDiff }) {
  const byFolder = new Map<string, FileDiffEntry[]>();
  for (const entry of entries) {
    const slash = entry.path.lastIndexOf('/');
    const folder = slash <= 0 ? '/' : entry.path.slice(0, slash);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), entry]);
  }
  const order = new Map(diff.folders.map((folder, index) => [folder.path, index]));
  const folders = [...byFolder.keys()].sort(
    (x, y) => (order.get(x) ?? Infinity) - (order.get(y) ?? Infinity) || x.localeCompare(y),
  );
  if (folders.length === 0) return <p className="muted">No listed change matches the filter.</p>;
  return (
    <div className="file-diff-folders" data-testid="file-diff-folders">
      {folders.map((path) => {
        const totals = diff.folders.find((folder) => folder.path === path);
        return (
          <section key={path} className="file-diff-folder" data-testid="file-diff-folder">
            <h3>
              <code>{path}</code>
              {totals ? (
                <span className="muted small">
                  {' '}
                  {[
                    totals.added.files + totals.added.folders
                      ? `${totals.added.files + totals.added.folders} added`
                      : '',
                    totals.removed.files + totals.removed.folders
                      ? `${totals.removed.files + totals.removed.folders} removed`
                      : '',
                    totals.modified.files + totals.modified.folders
                      ? `${totals.modified.files + totals.modified.folders} modified`
                      : '',
                  ]
                    .filter(Boolean)
                    .join(', ')}{' '}
                  · {formatSize(totals.bytes)}
                </span>
              ) : null}
            </h3>
            <table className="file-diff-table">
              <tbody>
                {byFolder.get(path)!.map((entry) => (
                  <EntryRow key={entry.path} entry={entry} />
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}

const BECAUSE = { content: 'other content', kind: 'other kind', link: 'new link target' } as const;

function EntryRow({ entry }: { entry: FileDiffEntry }) {
  const name = entry.path.slice(entry.path.lastIndexOf('/') + 1);
  const sizes =
    entry.change === 'added'
      ? formatSize(entry.bytesAfter ?? 0)
      : entry.change === 'removed'
        ? formatSize(entry.bytesBefore ?? 0)
        : `${formatSize(entry.bytesBefore ?? 0)} → ${formatSize(entry.bytesAfter ?? 0)}`;
  const delta = (entry.bytesAfter ?? 0) - (entry.bytesBefore ?? 0);
  return (
    <tr data-testid="file-diff-entry" title={entry.path}>
      <td className={`change ${entry.change}`}>{entry.change}</td>
      <td>
        <code>
          {name}
          {entry.kind === 'directory' ? '/' : ''}
        </code>
        {entry.because ? <span className="muted small"> ({BECAUSE[entry.because]})</span> : null}
      </td>
      <td className="num">{sizes}</td>
      <td className="num muted">
        {entry.change === 'modified' && delta !== 0 ? formatSizeDelta(delta) : ''}
      </td>
      <td className="muted small">{entry.layerIndex !== null ? `layer ${entry.layerIndex + 1}` : ''}</td>
    </tr>
  );
}
