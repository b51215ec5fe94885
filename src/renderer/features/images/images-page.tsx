import { useState } from 'react';
import { formatAge } from '@shared/format-age';
import { formatSize } from '@shared/format-size';
import type { ImageStore } from '@shared/engine-status';
import { shortImageId } from '@shared/images';
import { appErrorOf } from '../../lib/invoke';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useNow } from '../../components/use-now';
import { DiskUsagePanel } from './disk-usage';
import { PullDialog } from './pull-dialog';
import { ArchiveDialog } from './archive-dialog';
import { PlatformsDialog } from './platforms-dialog';
import type { ImageActions } from '../../lib/image-actions';
import { useImages } from './api/list-images';
import { usePruneImages, useRemoveImage } from './api/remove-image';
import { imageRows, type ImageRow, type SortKey } from './image-rows';

/** The first screen: local images with filter, sort, remove and prune. */
export function ImagesPage({ actions, imageStore }: { actions: ImageActions; imageStore: ImageStore }) {
  const images = useImages(true);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortKey>('created');
  const [removing, setRemoving] = useState<ImageRow | null>(null);
  const [pruning, setPruning] = useState(false);
  const [pulling, setPulling] = useState(false);
  const [archive, setArchive] = useState<{ mode: 'save' | 'load'; image: string | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [platformsOf, setPlatformsOf] = useState<ImageRow | null>(null);
  // Only the containerd store keeps several platforms under one image.
  const multiPlatformStore = imageStore === 'containerd';

  const rows = images.data ? imageRows(images.data, filter, sort) : [];
  const now = useNow(30_000);

  return (
    <section className="page">
      <header className="page-header">
        <h1>Images</h1>
        <div className="toolbar">
          <input
            type="search"
            placeholder="Filter by name, tag or id"
            aria-label="Filter images"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
          <label>
            Sort by{' '}
            <select
              aria-label="Sort images"
              value={sort}
              onChange={(event) => setSort(event.target.value as SortKey)}
            >
              <option value="created">newest</option>
              <option value="repository">name</option>
              <option value="size">size</option>
            </select>
          </label>
          <button type="button" onClick={() => setPulling(true)}>
            Pull…
          </button>
          <button type="button" onClick={() => setArchive({ mode: 'load', image: null })}>
            Load…
          </button>
          <button type="button" onClick={() => setPruning(true)}>
            Prune dangling…
          </button>
        </div>
      </header>
      <DiskUsagePanel />
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {images.error ? (
        <p className="error-text" role="alert">
          {images.error.message}
        </p>
      ) : null}
      {images.isPending ? <p className="muted">Loading images…</p> : null}
      {images.data && rows.length === 0 ? (
        <p className="muted">{filter ? 'No image matches the filter.' : 'No images yet.'}</p>
      ) : null}
      {rows.length > 0 ? (
        <table className="images" data-testid="images-table">
          <thead>
            <tr>
              <th>Repository</th>
              <th>Tag</th>
              <th>Image ID</th>
              <th>Created</th>
              <th className="num">Size</th>
              <th className="num">Used by</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-testid="image-row" data-ref={row.removeRef}>
                <td className={row.image.dangling ? 'muted' : ''}>{row.repository}</td>
                <td className={row.image.dangling ? 'muted' : ''}>
                  {row.tag}
                  {row.image.platforms && row.image.platforms.length > 1 ? (
                    <div className="muted" data-testid="row-platforms">
                      {row.image.platforms.join(', ')}
                    </div>
                  ) : null}
                </td>
                <td>
                  <code>{shortImageId(row.image.id)}</code>
                </td>
                <td>{formatAge(row.image.created, now)}</td>
                <td className="num">{formatSize(row.image.sizeBytes)}</td>
                <td className="num">
                  {row.image.containers > 0
                    ? `${row.image.containers} container${row.image.containers > 1 ? 's' : ''}`
                    : '—'}
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="small"
                    aria-label={`Run ${row.removeRef}`}
                    onClick={() => actions.run(row.image.dangling ? row.image.id : row.removeRef)}
                  >
                    Run
                  </button>{' '}
                  <button
                    type="button"
                    className="small"
                    aria-label={`Tag ${row.removeRef}`}
                    onClick={() =>
                      actions.tag(row.image.id, row.image.dangling ? 'yourname/app:1.0' : row.removeRef)
                    }
                  >
                    Tag…
                  </button>{' '}
                  <button
                    type="button"
                    className="small"
                    aria-label={`Layers of ${row.removeRef}`}
                    onClick={() => actions.layers(row.image.dangling ? row.image.id : row.removeRef)}
                  >
                    Layers
                  </button>{' '}
                  {multiPlatformStore ? (
                    <>
                      <button
                        type="button"
                        className="small"
                        aria-label={`Platforms of ${row.removeRef}`}
                        onClick={() => setPlatformsOf(row)}
                      >
                        Platforms
                      </button>{' '}
                    </>
                  ) : null}
                  <button
                    type="button"
                    className="small"
                    aria-label={`Save ${row.removeRef}`}
                    onClick={() =>
                      setArchive({ mode: 'save', image: row.image.dangling ? row.image.id : row.removeRef })
                    }
                  >
                    Save…
                  </button>{' '}
                  {row.image.dangling ? null : (
                    <>
                      <button
                        type="button"
                        className="small"
                        aria-label={`Push ${row.removeRef}`}
                        onClick={() => actions.push([row.removeRef])}
                      >
                        Push…
                      </button>{' '}
                    </>
                  )}
                  <button
                    type="button"
                    className="small"
                    aria-label={`Remove ${row.removeRef}`}
                    onClick={() => setRemoving(row)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {removing ? (
        <RemoveDialog
          row={removing}
          onDone={(message) => {
            setRemoving(null);
            if (message) setNotice(message);
          }}
        />
      ) : null}
      {platformsOf ? (
        <PlatformsDialog
          image={platformsOf.image}
          label={platformsOf.image.dangling ? shortImageId(platformsOf.image.id) : platformsOf.removeRef}
          onClose={() => setPlatformsOf(null)}
        />
      ) : null}
      {pulling ? <PullDialog onClose={() => setPulling(false)} /> : null}
      {archive ? (
        <ArchiveDialog mode={archive.mode} image={archive.image} onClose={() => setArchive(null)} />
      ) : null}
      {pruning ? (
        <PruneDialog
          onDone={(message) => {
            setPruning(false);
            if (message) setNotice(message);
          }}
        />
      ) : null}
    </section>
  );
}

function RemoveDialog({ row, onDone }: { row: ImageRow; onDone(message: string | null): void }) {
  const remove = useRemoveImage();
  const refused = appErrorOf(remove.error)?.code === 'IMAGE_IN_USE';
  const otherTags = row.image.tags.length - 1;
  const run = (ref: string, force: boolean): void =>
    remove.mutate(
      { ref, force },
      {
        onSuccess: (result) =>
          onDone(
            result.removed.length > 0
              ? `Removed ${row.image.dangling ? shortImageId(row.image.id) : row.removeRef}: ${result.removed.length} layer${result.removed.length > 1 ? 's' : ''} deleted.`
              : `Untagged ${result.untagged.join(', ')}.`,
          ),
      },
    );
  return (
    <ConfirmDialog
      title={row.image.dangling ? 'Remove this untagged image?' : `Remove ${row.removeRef}?`}
      confirmLabel="Remove"
      danger
      busy={remove.isPending}
      error={remove.error ? `The engine refused: ${remove.error.message}` : null}
      secondary={
        refused
          ? { label: 'Force remove', onClick: () => run(row.removeRef, true) }
          : otherTags > 0
            ? { label: `Remove image and all ${otherTags + 1} tags`, onClick: () => run(row.image.id, true) }
            : null
      }
      onCancel={() => onDone(null)}
      onConfirm={() => run(row.removeRef, false)}
    >
      {row.image.dangling ? (
        <p>The image {shortImageId(row.image.id)} has no tag; removing it deletes its layers.</p>
      ) : otherTags > 0 ? (
        <p>
          Only the tag goes: the image keeps its {otherTags} other tag{otherTags > 1 ? 's' : ''}.
        </p>
      ) : (
        <p>
          This is the image's last tag: removing it deletes the image ({formatSize(row.image.sizeBytes)}).
        </p>
      )}
      {row.image.containers > 0 ? (
        <p className="warning-text">
          {row.image.containers} container{row.image.containers > 1 ? 's use' : ' uses'} this image.
        </p>
      ) : null}
    </ConfirmDialog>
  );
}

function PruneDialog({ onDone }: { onDone(message: string | null): void }) {
  const prune = usePruneImages();
  return (
    <ConfirmDialog
      title="Remove all dangling images?"
      confirmLabel="Prune"
      danger
      busy={prune.isPending}
      error={prune.error?.message ?? null}
      onCancel={() => onDone(null)}
      onConfirm={() =>
        prune.mutate(undefined, {
          onSuccess: (result) =>
            onDone(
              `Pruned ${result.deleted} image${result.deleted === 1 ? '' : 's'}, reclaimed ${formatSize(result.reclaimedBytes)}.`,
            ),
        })
      }
    >
      <p>Dangling images are untagged and not used by any container — usually leftovers of rebuilds.</p>
    </ConfirmDialog>
  );
}
