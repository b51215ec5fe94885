import { useEffect, useRef } from 'react';
import { formatSize } from '@shared/format-size';
import type { ImageSummary } from '@shared/images';
import { useImagePlatforms } from './api/image-platforms';

/** What a multi-platform image holds, platform by platform, and what its listed size counts. */
export function PlatformsDialog({
  image,
  label,
  onClose,
}: {
  image: ImageSummary;
  /** The tag (or short id) the user opened it from. */
  label: string;
  onClose(): void;
}) {
  const platforms = useImagePlatforms(image.id);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const data = platforms.data;
  return (
    <div className="modal-backdrop" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <div className="modal wide" role="dialog" aria-modal="true" aria-label={`Platforms of ${label}`}>
        <h2>Platforms of {label}</h2>
        {platforms.isPending ? <p className="muted">Reading the image from the engine…</p> : null}
        {platforms.error ? (
          <p className="error-text" role="alert">
            {platforms.error.message}
          </p>
        ) : null}
        {data ? (
          <>
            <table className="images" data-testid="image-platforms">
              <thead>
                <tr>
                  <th>Platform</th>
                  <th className="num">Stored content</th>
                </tr>
              </thead>
              <tbody>
                {data.platforms.map((entry) => (
                  <tr key={entry.platform}>
                    <td>
                      <code>{entry.platform}</code>
                    </td>
                    <td className="num">{formatSize(entry.contentBytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {data.missing.length > 0 ? (
              <p className="muted" data-testid="missing-platforms">
                Also named by the image, but not on this engine: {data.missing.join(', ')}. Pulling with{' '}
                <code>--platform</code> brings one in.
              </p>
            ) : null}
            <p className="hint" data-testid="platforms-size-note">
              Stored content of the whole image: {formatSize(data.contentBytes)}, a layer several platforms
              share counts once. The list shows {formatSize(image.sizeBytes)}, as <code>docker images</code>{' '}
              does: every platform's content plus its unpacked files, added up.
            </p>
          </>
        ) : null}
        <div className="modal-actions">
          <button ref={closeRef} type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
