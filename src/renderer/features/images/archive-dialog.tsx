import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { formatSize } from '@shared/format-size';
import { errorMessage } from '../../lib/invoke';
import { useHost } from '../../lib/host';
import { usePickPath } from '../../components/use-pick-path';
import { useArchive } from './api/archive';
import { FieldError } from '../../components/field-error';

/** Save an image to a .tar (docker save) or load one (docker load). */
export function ArchiveDialog({
  mode,
  image,
  onClose,
}: {
  mode: 'save' | 'load';
  image: string | null;
  onClose(): void;
}) {
  const info = useQuery(useHost().appInfoQuery);
  const suggested =
    info.data && image ? `${info.data.homeDir}/${image.replace(/[^a-zA-Z0-9._-]+/g, '_')}.tar` : '';
  const [path, setPath] = useState<string | null>(null);
  const current = path ?? (mode === 'save' ? suggested : '');
  const { pick, picker } = usePickPath();
  const run = useArchive(mode, image);
  const browse = async (): Promise<void> => {
    const chosen = await pick(
      mode === 'save'
        ? {
            kind: 'save',
            title: `Save ${image} as`,
            defaultPath: current || null,
            // The page cannot name a new file on the server: pick the folder, keep the file name.
            inPage: {
              kind: 'folder',
              title: 'Choose the folder to save into',
              startPath: splitPath(current).folder || null,
              toPath: (folder) => joinPath(folder, splitPath(current).name || 'image.tar'),
            },
          }
        : { kind: 'file', title: 'Choose an image archive', defaultPath: null },
    );
    if (chosen) setPath(chosen);
  };
  const error = errorMessage(run.error);

  return (
    <div
      className="modal-backdrop"
      onKeyDown={(event) => event.key === 'Escape' && !run.isPending && onClose()}
    >
      <div
        className="modal wide"
        role="dialog"
        aria-modal="true"
        aria-label={mode === 'save' ? `Save ${image}` : 'Load images'}
      >
        <h2>{mode === 'save' ? `Save ${image} to a file` : 'Load images from a file'}</h2>
        <p className="muted">
          {mode === 'save'
            ? 'A .tar archive (what `docker save` writes) that `docker load` or Dockwright can load on another machine.'
            : 'An archive made by `docker save` (or Dockwright); its images and tags come back as they were.'}
        </p>
        <div className="field">
          <div className="row">
            <input
              aria-label="Archive file"
              value={current}
              placeholder="/home/me/app.tar"
              onChange={(event) => setPath(event.target.value)}
            />
            <button type="button" onClick={() => void browse()}>
              Browse…
            </button>
          </div>
          <FieldError message={error} />
        </div>
        {run.data?.kind === 'saved' ? (
          <p className="notice" role="status">
            Saved {formatSize(run.data.bytes)} to {current}.
          </p>
        ) : null}
        {run.data?.kind === 'loaded' ? (
          <p className="notice" role="status">
            Loaded {run.data.loaded.join(', ') || 'the archive'}.
          </p>
        ) : null}
        <div className="modal-actions">
          <button type="button" onClick={onClose} disabled={run.isPending}>
            Close
          </button>
          <button
            type="button"
            className="primary"
            disabled={!current || run.isPending}
            onClick={() => run.mutate(current)}
          >
            {run.isPending ? (mode === 'save' ? 'Saving…' : 'Loading…') : mode === 'save' ? 'Save' : 'Load'}
          </button>
        </div>
      </div>
      {picker}
    </div>
  );
}

/** `/a/b/app.tar` → folder `/a/b`, name `app.tar`; either separator, as the server's OS writes it. */
function splitPath(path: string): { folder: string; name: string } {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0
    ? { folder: '', name: path }
    : { folder: path.slice(0, cut) || '/', name: path.slice(cut + 1) };
}

function joinPath(folder: string, name: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(separator) ? `${folder}${name}` : `${folder}${separator}${name}`;
}
