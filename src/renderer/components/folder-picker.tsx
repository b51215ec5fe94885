import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useHost } from '../lib/host';

/** What the picker chooses: a folder (the build context) or a file (a Dockerfile). */
export type PickKind = 'folder' | 'file';

export interface FolderPickerProps {
  kind: PickKind;
  title: string;
  /** Where to start; null starts at the home folder (one that cannot be opened says why; Home is a click away). */
  startPath: string | null;
  onChoose(path: string): void;
  onCancel(): void;
}

/**
 * Browser mode's stand-in for the OS file dialog: browses the server's filesystem (where the
 * engine's build context lives) through `fs:list-folders`, with breadcrumbs and a path field.
 */
export function FolderPicker({ kind, title, startPath, onChoose, onCancel }: FolderPickerProps) {
  const [path, setPath] = useState<string | null>(startPath);
  /** What the user is typing in the path field; null shows the open folder. */
  const [typed, setTyped] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [showHidden, setShowHidden] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  useEffect(() => dialogRef.current?.focus(), []);

  const host = useHost();
  const listing = useQuery({ ...host.foldersQuery(path), placeholderData: keepPreviousData });
  const folder = listing.data;
  const failed = listing.isError && !listing.isFetching;
  const entries = (folder?.entries ?? []).filter((entry) => showHidden || !entry.name.startsWith('.'));

  const go = (next: string | null): void => {
    setPath(next);
    setTyped(null);
    setSelected(null);
  };
  const chosen = kind === 'folder' ? (failed ? null : (folder?.path ?? null)) : selected;

  // A portal keeps the picker's buttons and Enter key out of any form that opened it.
  return createPortal(
    <div className="modal-backdrop" onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <div
        ref={dialogRef}
        className="modal wide folder-picker"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        data-testid="folder-picker"
      >
        <h2>{title}</h2>
        <nav className="picker-crumbs" aria-label="Breadcrumbs">
          <button type="button" className="small" onClick={() => go(null)}>
            Home
          </button>
          {(folder?.crumbs ?? []).map((crumb, index) => (
            <span key={crumb.path} className="picker-crumb">
              {/* The root crumb is itself "/", so separators start after the second crumb. */}
              {index > 1 ? <span aria-hidden="true">/</span> : null}
              <button
                type="button"
                className="link"
                aria-current={crumb.path === folder?.path ? 'location' : undefined}
                onClick={() => go(crumb.path)}
              >
                {crumb.name}
              </button>
            </span>
          ))}
        </nav>
        <form
          className="row"
          onSubmit={(event) => {
            event.preventDefault();
            // React bubbles events through portals: the form that opened the picker must not submit.
            event.stopPropagation();
            if (typed?.trim()) go(typed.trim());
          }}
        >
          <input
            aria-label="Path"
            value={typed ?? folder?.path ?? ''}
            spellCheck={false}
            onChange={(event) => setTyped(event.target.value)}
          />
          <button type="submit" disabled={!typed?.trim()}>
            Go
          </button>
        </form>
        {failed ? (
          <p className="error-text" role="alert">
            {listing.error.message}
          </p>
        ) : null}
        <ul className="picker-entries" aria-label="Contents" aria-busy={listing.isFetching}>
          {folder?.parent ? (
            <li>
              <button type="button" className="picker-entry folder" onClick={() => go(folder.parent)}>
                <FolderMark />
                ..
              </button>
            </li>
          ) : null}
          {entries.map((entry) =>
            entry.kind === 'folder' ? (
              <li key={entry.path}>
                <button type="button" className="picker-entry folder" onClick={() => go(entry.path)}>
                  <FolderMark />
                  {entry.name}
                </button>
              </li>
            ) : kind === 'file' ? (
              <li key={entry.path}>
                <button
                  type="button"
                  className={selected === entry.path ? 'picker-entry file selected' : 'picker-entry file'}
                  aria-pressed={selected === entry.path}
                  onClick={() => setSelected(entry.path)}
                  onDoubleClick={() => onChoose(entry.path)}
                >
                  {entry.name}
                </button>
              </li>
            ) : (
              <li key={entry.path} className="picker-entry file muted">
                {entry.name}
              </li>
            ),
          )}
          {folder && entries.length === 0 ? <li className="muted picker-empty">Nothing here</li> : null}
          {!folder && listing.isFetching ? <li className="muted picker-empty">Loading…</li> : null}
        </ul>
        <div className="modal-actions picker-actions">
          <label className="check">
            <input
              type="checkbox"
              checked={showHidden}
              onChange={(event) => setShowHidden(event.target.checked)}
            />{' '}
            Show hidden
          </label>
          <span className="picker-choice muted" data-testid="picker-choice">
            {chosen ?? (kind === 'file' ? 'Select a file' : '')}
          </span>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={!chosen}
            onClick={() => chosen && onChoose(chosen)}
          >
            {kind === 'folder' ? 'Choose this folder' : 'Choose this file'}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}

function FolderMark() {
  return (
    <span className="picker-mark" aria-hidden="true">
      ▸
    </span>
  );
}
