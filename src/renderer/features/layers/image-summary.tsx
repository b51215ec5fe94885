import { describeEntrypointAndCmd } from '@shared/describe-command';
import { formatAge } from '@shared/format-age';
import { formatSize } from '@shared/format-size';
import { shortImageId } from '@shared/images';
import type { ImageDetails } from '@shared/layers/layer-history';
import { formatSizeOf, historySizeKind, imageSizeKind } from '@shared/layers/size-kinds';
import { useNow } from '../../components/use-now';

/** Id, tags, size, platform, command, env, ports, workdir, user, labels — what `docker inspect` tells, readable. */
export function ImageSummaryPanel({ details }: { details: ImageDetails }) {
  const now = useNow(60_000);
  const command = [...(details.entrypoint ?? []), ...(details.cmd ?? [])];
  const layersKind = historySizeKind(details.imageStore);
  const imageKind = imageSizeKind(details.imageStore);
  const layerTotal = details.history.reduce((sum, entry) => sum + entry.sizeBytes, 0);
  const rows: [string, string][] = [
    ['Image ID', shortImageId(details.id)],
    ['Tags', details.tags.join(', ') || '(none)'],
    // The containerd store's image size is its compressed blobs, its layers' sizes are on disk: both, named.
    [
      'Size',
      imageKind === layersKind
        ? formatSize(details.sizeBytes)
        : `${formatSizeOf(details.sizeBytes, imageKind)} · ${formatSizeOf(layerTotal, layersKind)}`,
    ],
    ['Created', formatAge(details.created, now)],
    ['Platform', `${details.os}/${details.architecture}${details.variant ? `/${details.variant}` : ''}`],
    ['Starts with', command.length ? command.join(' ') : '(no command)'],
    ['Entrypoint / Cmd', describeEntrypointAndCmd(details.entrypoint, details.cmd)],
    ['Exposed ports', details.exposedPorts.join(', ') || '(none)'],
    ['Working dir', details.workdir || '/'],
    ['User', details.user || 'root (default)'],
    ['Environment', details.env.join('  ') || '(none)'],
    [
      'Labels',
      Object.entries(details.labels)
        .map(([key, value]) => `${key}=${value}`)
        .join('  ') || '(none)',
    ],
    ['Digests', details.digests.join(', ') || '(not pushed or pulled)'],
  ];
  return (
    <dl className="facts compact" data-testid="image-summary">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
