import { readFileSync, statSync } from 'node:fs';
import Docker from 'dockerode';
import tar from 'tar-stream';
import { TEST_LABEL } from './rig-info';

/** A dockerode client for the rig's engine. */
export function rigDocker(dockerHost: string): Docker {
  const url = new URL(dockerHost);
  if (url.protocol !== 'unix:') throw new Error(`The test rig expects a unix socket, got ${dockerHost}`);
  return new Docker({ socketPath: url.pathname });
}

/** Files of a build context, by path inside the context. */
export type ContextFiles = Record<string, string | Buffer | { data: Buffer; mode: number }>;

/** Packs in-memory files as a build context tar. */
export function packContext(files: ContextFiles): NodeJS.ReadableStream {
  const pack = tar.pack();
  for (const [name, content] of Object.entries(files)) {
    const entry =
      typeof content === 'string' || Buffer.isBuffer(content)
        ? { data: Buffer.from(content), mode: 0o644 }
        : content;
    pack.entry({ name, mode: entry.mode }, entry.data);
  }
  pack.finalize();
  return pack as unknown as NodeJS.ReadableStream;
}

/**
 * Builds an image with the classic builder and fails with the engine's message on any error.
 *
 * The engine reports a failed RUN inside an HTTP 200 stream, so every message is checked.
 */
export async function buildTestImage(docker: Docker, tag: string, files: ContextFiles): Promise<string> {
  const stream = await docker.buildImage(packContext(files), {
    t: tag,
    labels: { [TEST_LABEL]: '1' },
    forcerm: true,
    version: '1',
  } as Docker.ImageBuildOptions);
  const messages = await new Promise<Array<{ error?: string; aux?: { ID?: string } }>>((resolve, reject) =>
    docker.modem.followProgress(stream, (error, output) => (error ? reject(error) : resolve(output))),
  );
  const failure = messages.find((message) => message.error);
  if (failure) throw new Error(`Building ${tag} failed: ${failure.error}`);
  const id = messages.find((message) => message.aux?.ID)?.aux?.ID;
  if (!id) throw new Error(`Building ${tag} reported no image id`);
  return id;
}

/** Where the static busybox of Debian's busybox-static package lives. */
export const BUSYBOX_PATH = '/bin/busybox';

/**
 * A real base image with a shell and coreutils, made without any registry:
 * `FROM scratch` + the static busybox, installed as its applets.
 */
export async function buildBusyboxImage(docker: Docker, tag: string): Promise<string> {
  statSync(BUSYBOX_PATH);
  return buildTestImage(docker, tag, {
    busybox: { data: readFileSync(BUSYBOX_PATH), mode: 0o755 },
    Dockerfile: [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
      'CMD ["sh"]',
      '',
    ].join('\n'),
  });
}
