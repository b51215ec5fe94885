import type Docker from 'dockerode';
import type { ImageStore } from '../../shared/engine-status';
import { engineInfo } from '../engine/abortable-calls';
import { imageStoreOf } from '../engine/read-engine-info';

/** Which store the engine keeps images in, asked for with the image (the engine may have changed). */
export async function readImageStore(docker: Docker, signal?: AbortSignal): Promise<ImageStore> {
  return imageStoreOf((await engineInfo(docker, signal)).DriverStatus);
}
