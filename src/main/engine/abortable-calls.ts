import type Docker from 'dockerode';

type WithSignal = { abortSignal?: AbortSignal | undefined };

/*
 * docker-modem honours `abortSignal` on every request (apocas/dockerode#630), but
 * @types/dockerode declares no options argument for ping, info and version (and the class is an
 * `export =`, which module augmentation cannot extend), so these three are typed here once.
 */

/** `GET /_ping`, abandoned when `signal` aborts. */
export function pingEngine(docker: Docker, signal?: AbortSignal): Promise<unknown> {
  return (docker.ping as (options: WithSignal) => Promise<unknown>).call(docker, { abortSignal: signal });
}

/** `GET /info`. */
export function engineInfo(docker: Docker, signal?: AbortSignal): Promise<Record<string, unknown>> {
  return (docker.info as (options: WithSignal) => Promise<Record<string, unknown>>).call(docker, {
    abortSignal: signal,
  });
}

/** `GET /version`. */
export function engineVersion(docker: Docker, signal?: AbortSignal): Promise<Docker.DockerVersion> {
  return (docker.version as (options: WithSignal) => Promise<Docker.DockerVersion>).call(docker, {
    abortSignal: signal,
  });
}
