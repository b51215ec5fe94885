import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { BuildStatus } from '@shared/builds/build-record';
import { formatAge } from '@shared/format-age';
import { formatSize } from '@shared/format-size';
import { summarizeBuildError } from '@shared/builds/summarize-build-error';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useNow } from '../../components/use-now';
import { historyQuery, useDeleteBuild } from './api/build-queries';
import { formatDuration } from './step-list';
import { CodeSpans } from './code-spans';
import { BuildComparison } from './build-comparison';

/** Every past build, newest first; filter, open, delete one or all. */
export function HistoryList({ onOpen }: { onOpen(id: string): void }) {
  const history = useQuery(historyQuery);
  const remove = useDeleteBuild();
  const [status, setStatus] = useState<BuildStatus | 'all'>('all');
  const [text, setText] = useState('');
  const [confirmClear, setConfirmClear] = useState(false);
  const [comparing, setComparing] = useState<{ buildId: string; previousId: string } | null>(null);
  const now = useNow(30_000);
  const needle = text.trim().toLowerCase();
  const builds = (history.data?.builds ?? []).filter(
    (build) =>
      (status === 'all' || build.status === status) &&
      (!needle ||
        build.request.contextDir.toLowerCase().includes(needle) ||
        build.request.tags.some((tag) => tag.toLowerCase().includes(needle)) ||
        (build.imageId ?? '').includes(needle)),
  );
  // Newest first: the build before one is the next older of the same Dockerfile and folder.
  const all = history.data?.builds ?? [];
  const previousOf = (id: string): string | null => {
    const at = all.findIndex((build) => build.id === id);
    const build = all[at];
    const before = all
      .slice(at + 1)
      .find(
        (older) =>
          older.status !== 'running' &&
          older.dockerfilePath === build?.dockerfilePath &&
          older.request.contextDir === build?.request.contextDir,
      );
    return before?.id ?? null;
  };

  return (
    <section className="page" data-testid="history">
      <header className="page-header">
        <h1>Build history</h1>
        <div className="toolbar">
          <input
            type="search"
            aria-label="Filter builds"
            placeholder="Filter by image or folder"
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <select
            aria-label="Status"
            value={status}
            onChange={(event) => setStatus(event.target.value as BuildStatus | 'all')}
          >
            <option value="all">all</option>
            <option value="succeeded">succeeded</option>
            <option value="failed">failed</option>
            <option value="cancelled">cancelled</option>
            <option value="running">running</option>
          </select>
          <button type="button" onClick={() => setConfirmClear(true)} disabled={!history.data?.builds.length}>
            Delete all…
          </button>
        </div>
      </header>
      {history.data?.skipped.length ? (
        <p className="warning-text" role="status">
          {history.data.skipped.length} damaged record{history.data.skipped.length > 1 ? 's were' : ' was'}{' '}
          skipped: {history.data.skipped.join('; ')}
        </p>
      ) : null}
      {remove.error ? <p className="error-text">{remove.error.message}</p> : null}
      {comparing ? (
        <BuildComparison key={comparing.buildId} {...comparing} onClose={() => setComparing(null)} />
      ) : null}
      {history.data && builds.length === 0 ? (
        <p className="muted">No builds{needle || status !== 'all' ? ' match' : ' yet'}.</p>
      ) : null}
      {builds.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th>Status</th>
              <th>Image</th>
              <th>Folder</th>
              <th>Started</th>
              <th className="num">Took</th>
              <th className="num">Size</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {builds.map((build) => (
              <tr key={build.id} data-testid="history-row">
                <td>
                  <span className={`status-pill ${build.status}`}>{build.status}</span>
                </td>
                <td>
                  <button type="button" className="link" onClick={() => onOpen(build.id)}>
                    {build.request.tags[0] ?? (build.imageId ? build.imageId.slice(7, 19) : 'untagged build')}
                  </button>
                  {build.error ? (
                    <div className="history-error" data-testid="history-error" title={build.error.message}>
                      {build.error.line !== null ? `Line ${build.error.line}: ` : ''}
                      <CodeSpans text={build.error.explanation ?? summarizeBuildError(build.error.message)} />
                    </div>
                  ) : null}
                </td>
                <td>
                  <code>{build.request.contextDir}</code>
                </td>
                <td>{formatAge(build.startedAt / 1000, now)}</td>
                <td className="num">
                  {build.endedAt ? formatDuration(build.endedAt - build.startedAt) : '…'}
                </td>
                <td className="num">
                  {build.imageSizeBytes !== null ? formatSize(build.imageSizeBytes) : '—'}
                </td>
                <td className="row-actions">
                  {build.status !== 'running' && previousOf(build.id) ? (
                    <button
                      type="button"
                      className="small"
                      aria-label="Compare with previous build"
                      title="Compare step by step with the previous build of this Dockerfile"
                      onClick={() => setComparing({ buildId: build.id, previousId: previousOf(build.id)! })}
                    >
                      Compare
                    </button>
                  ) : null}{' '}
                  <button
                    type="button"
                    className="small"
                    aria-label={`Delete build ${build.id}`}
                    onClick={() => remove.mutate(build.id)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {confirmClear ? (
        <ConfirmDialog
          title="Delete the whole build history?"
          confirmLabel="Delete all"
          danger
          busy={remove.isPending}
          onCancel={() => setConfirmClear(false)}
          onConfirm={() => remove.mutate(null, { onSuccess: () => setConfirmClear(false) })}
        >
          <p>Images stay on the engine; only Dockwright’s records and logs go.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
