import type Docker from 'dockerode';
import type { EngineInfo, ImageStore } from '../../shared/engine-status';
import { engineInfo, engineVersion } from './abortable-calls';

/** BuildKit arrived in Docker 18.09 (API 1.39), Linux daemons only. */
const BUILDKIT_MIN_API = [1, 39] as const;

/**
 * What the engine says about itself: product, versions, platform, storage, BuildKit.
 *
 * Podman's Docker-compatible API reports itself as Docker in `/version`; `/libpod/_ping` is the
 * reliable tell (Docker answers 404).
 */
export async function readEngineInfo(docker: Docker, signal?: AbortSignal): Promise<EngineInfo> {
  const [version, info, podman] = await Promise.all([
    engineVersion(docker, signal),
    engineInfo(docker, signal),
    answersPath(docker, '/libpod/_ping', signal),
  ]);
  const apiVersion = String(version.ApiVersion ?? '');
  const os = String(version.Os ?? info.OSType ?? '');
  return {
    product: podman ? 'Podman' : 'Docker',
    version: String(version.Version ?? ''),
    apiVersion,
    os,
    arch: String(version.Arch ?? info.Architecture ?? ''),
    kernelVersion: String(version.KernelVersion ?? info.KernelVersion ?? ''),
    operatingSystem: String(info.OperatingSystem ?? ''),
    storageDriver: String(info.Driver ?? ''),
    imageStore: imageStoreOf(info.DriverStatus),
    buildkit: supportsBuildKit({ podman, apiVersion, os }),
    cpus: Number(info.NCPU ?? 0),
    memoryBytes: Number(info.MemTotal ?? 0),
    name: String(info.Name ?? ''),
  };
}

/** BuildKit decision from what the engine told us; pure so it can be table-tested. */
export function supportsBuildKit(facts: { podman: boolean; apiVersion: string; os: string }): boolean {
  // Podman's compat /build runs Buildah and speaks only the classic stream format.
  if (facts.podman) return false;
  const [major = 0, minor = 0] = facts.apiVersion.split('.').map(Number);
  const [minMajor, minMinor] = BUILDKIT_MIN_API;
  return facts.os === 'linux' && (major > minMajor || (major === minMajor && minor >= minMinor));
}

/** The snapshotter plugin type `docker info` reports as `driver-type` on the containerd image store. */
const CONTAINERD_SNAPSHOTTER = 'io.containerd.snapshotter.v1';

/**
 * Which image store `docker info` describes. `Driver` alone cannot tell: on the containerd store it
 * names the snapshotter (`overlayfs`), which looks like just another storage driver.
 */
export function imageStoreOf(driverStatus: unknown): ImageStore {
  if (!Array.isArray(driverStatus)) return 'storage-driver';
  const driverType = driverStatus.find(
    (pair): pair is [string, string] => Array.isArray(pair) && pair[0] === 'driver-type',
  );
  return driverType?.[1] === CONTAINERD_SNAPSHOTTER ? 'containerd' : 'storage-driver';
}

function answersPath(docker: Docker, path: string, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    docker.modem.dial(
      { path, method: 'GET', statusCodes: { 200: true }, abortSignal: signal } as never,
      (error: unknown) => resolve(!error),
    );
  });
}
