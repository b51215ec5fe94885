import type { EngineInfo } from '@shared/engine-status';

/** The store by the name `docker info` users know it by. */
export function imageStoreLabel(info: Pick<EngineInfo, 'imageStore' | 'storageDriver'>): string {
  return info.imageStore === 'containerd'
    ? `containerd image store (${info.storageDriver || 'unknown snapshotter'})`
    : `${info.storageDriver || 'unknown'} storage driver`;
}

/** What the store means for someone reading the image list. */
export function imageStoreMeaning(info: Pick<EngineInfo, 'imageStore'>): string {
  return info.imageStore === 'containerd'
    ? 'An image here can hold several platforms (for example linux/amd64 and linux/arm64) under one name. ' +
        'Image sizes count the downloaded, compressed content and the unpacked files together, so the same image looks bigger here than on an overlay2 engine.'
    : 'Each image holds one platform, the one pulled or built for this engine. ' +
        'Image sizes count the unpacked files on disk; the compressed download is not kept.';
}
