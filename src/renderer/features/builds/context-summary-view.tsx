/**
 * What the build will send, before it is sent: file count and size, links and sockets handled as
 * the docker CLI handles them, and for a large context its biggest folders with one-click ignores.
 */
import type { ContextSummary } from '@shared/builds/build-record';
import { formatSize } from '@shared/format-size';
import { plural } from '@shared/plural';

export function ContextSummaryView({
  summary,
  onIgnore,
}: {
  summary: ContextSummary;
  onIgnore: (patterns: string[]) => void;
}) {
  return (
    <div className="context-summary" data-testid="context-summary">
      Sends <strong>{summary.fileCount.toLocaleString()} files</strong>, {formatSize(summary.totalBytes)}
      {summary.hasDockerignore ? ' (after .dockerignore)' : ' — no .dockerignore'}
      <ContextNotesHint notes={summary.notes} />
      {summary.totalBytes > 50_000_000 && summary.biggestFolders.length > 0 ? (
        <div className="suggestions">
          The context is large. Biggest folders:
          <ul>
            {summary.biggestFolders.slice(0, 5).map((folder) => (
              <li key={folder.path}>
                <code>{folder.path}</code> {formatSize(folder.bytes)} ({folder.files.toLocaleString()} files){' '}
                <button type="button" className="small" onClick={() => onIgnore([folder.pattern])}>
                  Add “{folder.pattern}” to .dockerignore
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** One line on links and sockets, sent (or left out) as the docker CLI does, so nothing surprises. */
function ContextNotesHint({ notes }: { notes: ContextSummary['notes'] }) {
  const parts: string[] = [];
  if (notes.danglingLinks > 0) {
    parts.push(
      `${plural(notes.danglingLinks, 'symbolic link')} to nothing here (sent as links, as docker build does)`,
    );
  }
  if (notes.linksLeavingContext > 0) {
    parts.push(
      `${plural(notes.linksLeavingContext, 'link')} pointing outside the folder (in the image they point into the image)`,
    );
  }
  if (notes.socketsLeftOut.length > 0) {
    parts.push(
      `${plural(notes.socketsLeftOut.length, 'socket')} left out (${notes.socketsLeftOut.slice(0, 3).join(', ')})`,
    );
  }
  if (parts.length === 0) return null;
  return (
    <div className="hint" data-testid="context-notes">
      {parts.join('; ')}.
    </div>
  );
}
