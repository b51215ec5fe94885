import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ContainerEvent } from '../../src/shared/containers';
import { dockerCli } from '../support/docker-cli';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_PREFIX } from '../support/rig-info';
import { buildTestImage, rigDocker } from '../support/test-images';

const rig = inject('rig');

function eventsOf(app: TestServices, id: string): ContainerEvent[] {
  return app.events
    .filter((e) => e.event === 'containers:event' && (e.payload as { id: string }).id === id)
    .map((e) => (e.payload as { event: ContainerEvent }).event);
}

function outputOf(app: TestServices, id: string, stream: 'stdout' | 'stderr'): string {
  return eventsOf(app, id)
    .flatMap((event) => (event.kind === 'output' && event.stream === stream ? [event.text] : []))
    .join('');
}

async function exitOf(app: TestServices, id: string): Promise<number | null> {
  await expect
    .poll(() => eventsOf(app, id).some((event) => event.kind === 'state' && event.state === 'exited'), {
      timeout: 20_000,
    })
    .toBe(true);
  const exit = eventsOf(app, id).find((event) => event.kind === 'state' && event.state === 'exited');
  return exit?.kind === 'state' ? exit.exitCode : null;
}

async function containerExists(id: string): Promise<boolean> {
  const ids = await dockerCli(rig.dockerHost, ['ps', '-aq', '--no-trunc']);
  return ids.split('\n').includes(id);
}

describe('running containers against a real engine', () => {
  let app: TestServices;
  beforeAll(async () => {
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
  });
  afterAll(() => app.dispose());

  it('streams stdout and stderr apart, reports exit code 0, and removes the container when asked', async () => {
    const { id } = await app.value('run:start', {
      image: rig.baseImage,
      command: ['sh', '-c', 'echo hello from busybox; echo careful >&2'],
    });
    expect(await exitOf(app, id)).toBe(0);
    await expect.poll(() => outputOf(app, id, 'stdout')).toBe('hello from busybox\n');
    expect(outputOf(app, id, 'stderr')).toBe('careful\n');
    await expect.poll(() => containerExists(id), { timeout: 10_000 }).toBe(false);
  });

  it('keeps a character whose bytes the program writes apart whole', async () => {
    // "é" is c3 a9 in UTF-8: written as two writes a moment apart, it reaches main in two chunks.
    const { id } = await app.value('run:start', {
      image: rig.baseImage,
      command: ['sh', '-c', "printf 'caf\\303'; sleep 0.3; printf '\\251!\\n'"],
    });
    expect(await exitOf(app, id)).toBe(0);
    await expect.poll(() => outputOf(app, id, 'stdout')).toBe('café!\n');
  });

  it('reports a non-zero exit code', async () => {
    const { id } = await app.value('run:start', {
      image: rig.baseImage,
      command: ['sh', '-c', 'echo bye; exit 3'],
    });
    expect(await exitOf(app, id)).toBe(3);
    await expect.poll(() => outputOf(app, id, 'stdout')).toBe('bye\n');
  });

  it('passes env and the command override to the process', async () => {
    const { id } = await app.value('run:start', {
      image: rig.baseImage,
      env: { GREETING: 'hi there', EMPTY: '' },
      command: ['sh', '-c', 'echo "$GREETING|$EMPTY|$1 $2"', 'sh', 'first arg', 'second'],
    });
    expect(await exitOf(app, id)).toBe(0);
    await expect.poll(() => outputOf(app, id, 'stdout')).toBe('hi there||first arg second\n');
  });

  it('serves HTTP on a published port, then stops gracefully and is removed', async () => {
    const image = `${TEST_PREFIX}/httpd:1`;
    await buildTestImage(rigDocker(rig.dockerHost), image, {
      Dockerfile: [
        `FROM ${rig.baseImage}`,
        'RUN mkdir -p /www && echo hello-from-httpd > /www/index.html',
        'EXPOSE 8080',
        'CMD ["httpd", "-f", "-v", "-p", "8080", "-h", "/www"]',
        '',
      ].join('\n'),
    });
    const defaults = await app.value('run:defaults', { image });
    expect(defaults.exposedPorts).toHaveLength(1);
    const [exposed] = defaults.exposedPorts;
    expect(exposed).toMatchObject({ containerPort: 8080, protocol: 'tcp' });
    const hostPort = exposed!.suggestedHostPort;
    expect(hostPort).toBeGreaterThan(0);

    const { id, name } = await app.value('run:start', {
      image,
      name: 'dw-test-httpd',
      ports: [{ hostPort, containerPort: 8080, protocol: 'tcp' }],
      removeWhenStopped: false,
    });
    expect(name).toBe('dw-test-httpd');
    await expect
      .poll(
        async () =>
          (
            await fetch(`http://127.0.0.1:${hostPort}/`)
              .then((r) => r.text())
              .catch(() => '')
          ).trim(),
        { timeout: 10_000 },
      )
      .toBe('hello-from-httpd');
    const details = await app.value('containers:inspect', { id });
    const cli = JSON.parse(await dockerCli(rig.dockerHost, ['inspect', id]))[0] as {
      Name: string;
      Config: { Cmd: string[] };
      State: { Status: string; StartedAt: string };
    };
    expect(details).toMatchObject({
      name: cli.Name.slice(1),
      command: cli.Config.Cmd,
      ports: [{ hostPort, containerPort: 8080, protocol: 'tcp' }],
      state: { status: cli.State.Status, startedAt: cli.State.StartedAt },
      autoRemove: false,
    });
    const listed = await app.value('containers:list', { all: false });
    expect(listed.find((container) => container.id === id)).toMatchObject({
      state: 'running',
      startedByDockwright: true,
      ports: [{ hostPort, containerPort: 8080, protocol: 'tcp' }],
    });

    const stopAt = Date.now();
    await app.value('containers:stop', { id, timeoutSeconds: 2 });
    expect(Date.now() - stopAt).toBeLessThan(5000);
    expect(await exitOf(app, id)).not.toBeNull();
    expect(await containerExists(id)).toBe(true);
    await app.value('containers:remove', { id });
    expect(await containerExists(id)).toBe(false);
  });

  it('refuses a host port that is already in use, at that port field', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    const busy = (server.address() as { port: number }).port;
    try {
      const result = await app.call('run:start', {
        image: rig.baseImage,
        command: ['sleep', '5'],
        ports: [{ hostPort: busy, containerPort: 80, protocol: 'tcp' }],
      });
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'VALIDATION',
          field: 'ports.0.hostPort',
          message: expect.stringContaining(`Port ${busy} is already in use`),
        },
      });
    } finally {
      server.close();
    }
  });

  it('says when an image has no command to run', async () => {
    const image = `${TEST_PREFIX}/no-command:1`;
    await buildTestImage(rigDocker(rig.dockerHost), image, {
      Dockerfile: 'FROM scratch\nCOPY data /data\n',
      data: 'x',
    });
    const result = await app.call('run:start', { image });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'command' } });
  });

  it('reopens the output of a container that already ran', async () => {
    const { id } = await app.value('run:start', {
      image: rig.baseImage,
      command: ['sh', '-c', 'echo first; echo second'],
      removeWhenStopped: false,
    });
    expect(await exitOf(app, id)).toBe(0);
    const later = startServices({ DOCKER_HOST: rig.dockerHost });
    try {
      await later.settled();
      await later.value('containers:follow', { id });
      await expect.poll(() => outputOf(later, id, 'stdout')).toBe('first\nsecond\n');
      expect(eventsOf(later, id)).toContainEqual(
        expect.objectContaining({ kind: 'state', state: 'exited', exitCode: 0, error: null }),
      );
    } finally {
      later.dispose();
      await app.value('containers:remove', { id });
    }
  });
});
