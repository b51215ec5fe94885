import type Docker from 'dockerode';
import type { ImageStore } from '../../shared/layers/size-kinds';
import { engineInfo } from '../engine/abortable-calls';

/**
 * Which store the engine keeps images in. `docker info` is the only place that says so: with
 * the containerd image store its `DriverStatus` holds `driver-type: io.containerd.snapshotter.v1`
 * (26.1); a classic graph driver lists its own facts there. The driver name alone cannot tell
 * (btrfs, zfs and fuse-overlayfs exist as both).
 */
export async function readImageStore(docker: Docker, signal?: AbortSignal): Promise<ImageStore> {
  return imageStoreOf(await engineInfo(docker, signal));
}

/** The store named by a `GET /info` answer. */
export function imageStoreOf(info: Record<string, unknown>): ImageStore {
  const status = Array.isArray(info['DriverStatus']) ? (info['DriverStatus'] as unknown[]) : [];
  const containerd = status.some(
    (pair) =>
      Array.isArray(pair) &&
      pair[0] === 'driver-type' &&
      typeof pair[1] === 'string' &&
      pair[1].startsWith('io.containerd.snapshotter'),
  );
  return containerd ? 'containerd' : 'classic';
}
