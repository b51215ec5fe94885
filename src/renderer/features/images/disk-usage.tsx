import { formatSize } from '@shared/format-size';
import { useDiskUsage, usePruneBuildCache } from './api/disk-usage';

/** `docker system df` at a glance, with the build cache prune one click away. */
export function DiskUsagePanel() {
  const usage = useDiskUsage();
  const prune = usePruneBuildCache();
  if (!usage.data) return null;
  const { images, containers, volumes, buildCache } = usage.data;
  return (
    <div className="disk-usage" data-testid="disk-usage">
      <span>
        Images <strong>{formatSize(images.bytes)}</strong> ({images.count},{' '}
        {formatSize(images.reclaimableBytes)} unused)
      </span>
      <span>
        Containers <strong>{formatSize(containers.bytes)}</strong> ({containers.count})
      </span>
      <span>
        Volumes <strong>{formatSize(volumes.bytes)}</strong> ({volumes.count})
      </span>
      <span>
        Build cache <strong data-testid="build-cache-size">{formatSize(buildCache.bytes)}</strong> (
        {formatSize(buildCache.reclaimableBytes)} reclaimable){' '}
        <button
          type="button"
          className="small"
          onClick={() => prune.mutate()}
          disabled={prune.isPending || buildCache.count === 0}
        >
          {prune.isPending ? 'Pruning…' : 'Prune build cache'}
        </button>
      </span>
      {prune.data ? <span className="muted">Reclaimed {formatSize(prune.data.reclaimedBytes)}.</span> : null}
      {prune.error ? <span className="error-text">{prune.error.message}</span> : null}
    </div>
  );
}
