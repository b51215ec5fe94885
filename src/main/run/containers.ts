import type Docker from 'dockerode';
import type {
  ContainerDetails,
  ContainerEvent,
  ContainerSummary,
  PortMapping,
  RunDefaults,
} from '../../shared/containers';
import type { RunRequest } from '../../shared/run-request';
import { suggestHostPort } from './host-ports';
import { readJsonLines } from '../engine/read-json-lines';
import { StringDecoder } from 'node:string_decoder';
import { coalesceContainerOutput } from '../operations/coalesce-log-events';

/** Label on every container Dockwright starts, so the Containers view can show just those. */
export const STARTED_LABEL = 'dev.dockwright.started';

/** The Run form's prefill: EXPOSEd ports with free host ports, the image's env and command. */
export async function runDefaults(docker: Docker, image: string): Promise<RunDefaults> {
  const info = await docker.getImage(image).inspect();
  const config = info.Config;
  const taken = new Set<number>();
  const exposedPorts: RunDefaults['exposedPorts'] = [];
  for (const key of Object.keys(config.ExposedPorts ?? {})) {
    const [port, protocol = 'tcp'] = key.split('/');
    const containerPort = Number(port);
    const suggestedHostPort = await suggestHostPort(containerPort, taken);
    taken.add(suggestedHostPort);
    exposedPorts.push({ containerPort, protocol: protocol === 'udp' ? 'udp' : 'tcp', suggestedHostPort });
  }
  return {
    image,
    exposedPorts,
    env: config.Env ?? [],
    cmd: config.Cmd ?? null,
    entrypoint: typeof config.Entrypoint === 'string' ? [config.Entrypoint] : (config.Entrypoint ?? null),
    workingDir: config.WorkingDir ?? '',
    user: config.User ?? '',
  };
}

/** Creates the container (not started yet) so output can be followed from its first byte. */
export async function createContainer(docker: Docker, request: RunRequest): Promise<Docker.Container> {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostPort: string }[]> = {};
  for (const mapping of request.ports) {
    const key = `${mapping.containerPort}/${mapping.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostPort: String(mapping.hostPort) });
  }
  return docker.createContainer({
    Image: request.image,
    ...(request.name ? { name: request.name } : {}),
    ...(request.command ? { Cmd: request.command } : {}),
    Env: Object.entries(request.env).map(([key, value]) => `${key}=${value}`),
    ExposedPorts: exposed,
    Labels: { [STARTED_LABEL]: '1' },
    AttachStdout: true,
    AttachStderr: true,
    // docker run -it: a TTY, and stdin kept open for the terminal that attaches to it.
    ...(request.interactive ? { Tty: true, OpenStdin: true, AttachStdin: true, StdinOnce: false } : {}),
    HostConfig: {
      PortBindings: bindings,
      AutoRemove: request.removeWhenStopped,
      Mounts: request.mounts.map((mount) => ({
        Type: mount.type,
        Source: mount.source,
        Target: mount.target,
        ReadOnly: mount.readOnly,
      })),
    },
  });
}

/** Containers, newest first; only Dockwright's unless `all`. */
export async function listContainers(docker: Docker, all: boolean): Promise<ContainerSummary[]> {
  const containers = await docker.listContainers({
    all: true,
    ...(all ? {} : { filters: { label: [`${STARTED_LABEL}=1`] } }),
  });
  return containers
    .map((container) => ({
      id: container.Id,
      name: (container.Names[0] ?? '').replace(/^\//, ''),
      image: container.Image,
      imageId: container.ImageID,
      state: container.State,
      status: container.Status,
      ports: (container.Ports ?? [])
        .filter((port) => port.PublicPort)
        .map((port) => ({
          hostPort: port.PublicPort,
          containerPort: port.PrivatePort,
          protocol: port.Type === 'udp' ? ('udp' as const) : ('tcp' as const),
        }))
        .filter(
          (port, index, list) =>
            list.findIndex((p) => p.hostPort === port.hostPort && p.protocol === port.protocol) === index,
        ),
      created: container.Created,
      startedByDockwright: container.Labels?.[STARTED_LABEL] === '1',
      autoRemove: false,
    }))
    .sort((a, b) => b.created - a.created);
}

/**
 * Streams a container's stdout and stderr (demultiplexed) and its end, from the first byte.
 *
 * Returns a stop function. The end comes from `wait`, started before the container starts so an
 * auto-removed container that exits at once still reports its exit code.
 */
export async function followContainer(
  docker: Docker,
  id: string,
  onEvent: (event: ContainerEvent) => void,
  mode: 'attach' | 'logs',
): Promise<() => void> {
  const container = docker.getContainer(id);
  const controller = new AbortController();
  // A container not started yet has no logs to follow (the request ends at once): attach to it
  // before starting instead, as `docker run` does, so even an instant exit is heard in full.
  const stream = (
    mode === 'attach'
      ? await container.attach({
          stream: true,
          stdout: true,
          stderr: true,
          abortSignal: controller.signal,
        } as Docker.ContainerAttachOptions)
      : await container.logs({
          follow: true,
          stdout: true,
          stderr: true,
          abortSignal: controller.signal,
        } as Docker.ContainerLogsOptions & { follow: true })
  ) as NodeJS.ReadableStream;
  const output = coalesceContainerOutput(onEvent);
  // One decoder per stream: a character whose bytes arrive in two chunks is not broken in two.
  const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  const write = (kind: 'stdout' | 'stderr', chunk: Buffer): void => {
    const text = decoders[kind].write(chunk);
    if (text) output.push({ kind: 'output', stream: kind, text });
  };
  const writer = (kind: 'stdout' | 'stderr') =>
    ({
      write: (chunk: Buffer) => {
        write(kind, chunk);
        return true;
      },
    }) as unknown as NodeJS.WritableStream;
  const info = await container.inspect();
  if (info.Config.Tty) stream.on('data', (chunk: Buffer) => write('stdout', chunk));
  else docker.modem.demuxStream(stream, writer('stdout'), writer('stderr'));
  stream.on('end', () => {
    for (const kind of ['stdout', 'stderr'] as const) {
      const rest = decoders[kind].end();
      if (rest) output.push({ kind: 'output', stream: kind, text: rest });
    }
    output.flush();
  });
  stream.on('error', () => undefined);
  return () => {
    output.dispose();
    controller.abort();
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  };
}

/** Waits for the container's next exit (register before starting it). */
export async function waitForExit(
  docker: Docker,
  id: string,
): Promise<{ exitCode: number; error: string | null }> {
  // Read as a stream, not through `container.wait()`: the engine sends the headers at once and the
  // body at exit, and docker-modem never settles a buffered request whose connection drops after
  // the headers — an engine going away would leave the container "running" for ever.
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    docker.modem.dial(
      {
        path: `/containers/${encodeURIComponent(id)}/wait?`,
        method: 'POST',
        isStream: true,
        statusCodes: { 200: true, 400: 'bad parameter', 404: 'no such container', 500: 'server error' },
        options: { condition: 'next-exit' },
      },
      (error: unknown, result: unknown) => (error ? reject(error) : resolve(result as NodeJS.ReadableStream)),
    ),
  );
  const messages: unknown[] = [];
  await readJsonLines(stream, (message) => messages.push(message));
  const exit = messages.at(-1) as { StatusCode?: number; Error?: { Message?: string } | null } | undefined;
  if (typeof exit?.StatusCode !== 'number')
    throw new Error('The engine ended the wait without an exit code.');
  return { exitCode: exit.StatusCode, error: exit.Error?.Message || null };
}

/** The parts of `docker inspect` the Containers view shows. */
export async function inspectContainer(docker: Docker, id: string): Promise<ContainerDetails> {
  const info = await docker.getContainer(id).inspect();
  const ports: PortMapping[] = Object.entries(info.NetworkSettings?.Ports ?? {}).flatMap(
    ([key, bindings]) => {
      const [port, protocol = 'tcp'] = key.split('/');
      return (bindings ?? [])
        .filter(
          (binding, index, all) => all.findIndex((other) => other.HostPort === binding.HostPort) === index,
        )
        .map((binding) => ({
          hostPort: Number(binding.HostPort),
          containerPort: Number(port),
          protocol: protocol === 'udp' ? ('udp' as const) : ('tcp' as const),
        }));
    },
  );
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    image: info.Config.Image,
    command: [...(info.Config.Entrypoint ? [info.Config.Entrypoint].flat() : []), ...(info.Config.Cmd ?? [])],
    env: info.Config.Env ?? [],
    workingDir: info.Config.WorkingDir ?? '',
    user: info.Config.User ?? '',
    ports,
    mounts: (info.Mounts ?? []).map((mount) => ({
      type: mount.Type ?? '',
      source: mount.Type === 'volume' ? (mount.Name ?? mount.Source) : mount.Source,
      target: mount.Destination,
      readOnly: mount.RW === false,
    })),
    state: {
      status: info.State.Status,
      exitCode: info.State.ExitCode,
      startedAt: info.State.StartedAt,
      finishedAt: info.State.FinishedAt,
      error: info.State.Error ?? '',
    },
    created: info.Created,
    restartCount: info.RestartCount ?? 0,
    autoRemove: info.HostConfig?.AutoRemove === true,
    interactive: Boolean(info.Config.Tty && info.Config.OpenStdin),
  };
}
