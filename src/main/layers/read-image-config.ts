import type Docker from 'dockerode';
import type { ConfigHistoryEntry } from '../../shared/layers/layer-history';
import { openImageArchive, walkImageArchive } from './walk-image-archive';

/** The parts of an image config (the JSON the image id is the digest of) that the engine API leaves out. */
export interface ImageConfigJson {
  history?: ConfigHistoryEntry[];
  rootfs?: { type?: string; diff_ids?: string[] };
}

/** True when `value` is the config of the image with these layers. */
export function isImageConfig(value: unknown, diffIds: string[]): value is ImageConfigJson {
  if (!value || typeof value !== 'object') return false;
  const rootfs = (value as ImageConfigJson).rootfs;
  const ids = rootfs?.diff_ids;
  return (
    Array.isArray(ids) && ids.length === diffIds.length && ids.every((id, index) => id === diffIds[index])
  );
}

/**
 * Reads an image's config from `docker save`, stopping as soon as it has passed by.
 *
 * With the classic image store the engine API has no per-history `empty_layer`; the config blob
 * in the save stream does. It is `<hex>.json` (engine ≤ 24) or `blobs/sha256/<hex>` (25+),
 * `<hex>` being the image id; any JSON whose `rootfs.diff_ids` are the image's layers will do
 * when the id is not the config digest (containerd image store).
 */
export async function readImageConfig(
  docker: Docker,
  imageId: string,
  diffIds: string[],
  signal?: AbortSignal,
): Promise<ImageConfigJson | null> {
  const hex = imageId.replace(/^sha256:/, '');
  let config: ImageConfigJson | null = null;
  const archive = await openImageArchive(docker, imageId, signal);
  await walkImageArchive(
    archive,
    {
      json(path, value) {
        const named = path === `${hex}.json` || path === `blobs/sha256/${hex}`;
        if ((named && value && typeof value === 'object') || isImageConfig(value, diffIds)) {
          config = value as ImageConfigJson;
          return true;
        }
        return false;
      },
    },
    signal,
  );
  return config;
}
