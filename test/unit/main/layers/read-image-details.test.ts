/**
 * readImageDetails against a stand-in engine on a unix socket that answers with histories
 * recorded from dockerd 20.10 (test/unit/shared/layers/fixtures) and streams `docker save`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import tar from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import { readImageDetails } from '../../../../src/main/layers/read-image-details';
import { buildLayerEntries } from '../../../../src/shared/layers/layer-history';
import { readHistoryFixture, type HistoryFixture } from '../../shared/layers/history-fixtures';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

interface Stub {
  docker: Docker;
  requests: string[];
  close(): Promise<void>;
}

const stubs: Stub[] = [];
afterEach(async () => {
  for (const stub of stubs.splice(0)) await stub.close();
});

async function startStub(handler: Handler): Promise<Stub> {
  const dir = mkdtempSync(join(tmpdir(), 'dw-layers-stub-'));
  const socketPath = join(dir, 'docker.sock');
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  const stub = {
    docker: new Docker({ socketPath }),
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  stubs.push(stub);
  return stub;
}

function json(response: ServerResponse, body: unknown): void {
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

function inspectOf(fixture: HistoryFixture) {
  return {
    Id: fixture.imageId,
    RepoTags: ['dw-test/layers:1'],
    RepoDigests: ['<none>@<none>'],
    Created: '2026-11-23T01:09:37.487646355Z',
    Size: fixture.sizeBytes,
    Os: 'linux',
    Architecture: 'amd64',
    Config: {
      Env: ['PATH=/usr/bin', 'E=1'],
      Cmd: ['-c', 'echo'],
      Entrypoint: 'sh',
      ExposedPorts: { '443/tcp': {}, '80/tcp': {} },
      WorkingDir: '/w',
      User: 'nobody',
      Labels: { a: 'b' },
    },
    RootFS: { Type: 'layers', Layers: fixture.diffIds },
  };
}

/** `GET /info`'s storage facts as dockerd 20.10 (overlay2) and 26.1 with the containerd store send them. */
const DRIVER_STATUS = {
  classic: {
    Driver: 'overlay2',
    DriverStatus: [
      ['Backing Filesystem', 'extfs'],
      ['Supports d_type', 'true'],
      ['Native Overlay Diff', 'true'],
      ['userxattr', 'false'],
    ],
  },
  containerd: { Driver: 'overlayfs', DriverStatus: [['driver-type', 'io.containerd.snapshotter.v1']] },
};

/** Routes inspect and history to the fixture, `info` to the store, and `get` to `save`. */
function engineFor(
  fixture: HistoryFixture,
  save: Handler,
  store: keyof typeof DRIVER_STATUS = 'classic',
): Handler {
  return (request, response) => {
    const url = request.url ?? '';
    if (url.endsWith('/info')) json(response, DRIVER_STATUS[store]);
    else if (url.endsWith('/json')) json(response, inspectOf(fixture));
    else if (url.endsWith('/history')) json(response, fixture.history);
    else if (url.endsWith('/get')) save(request, response);
    else {
      response.writeHead(404);
      response.end();
    }
  };
}

const configEmptyLayers = (fixture: HistoryFixture): boolean[] =>
  fixture.configHistory.map((entry) => entry.empty_layer === true);

describe('readImageDetails', () => {
  it('reads the summary, and settles empty layers from sizes without a save when it can', async () => {
    const fixture = readHistoryFixture('multi-stage', 'classic');
    const stub = await startStub(engineFor(fixture, () => expect.unreachable('no save needed')));
    const details = await readImageDetails(stub.docker, 'dw-test/layers:1');
    expect(details).toMatchObject({
      id: fixture.imageId,
      tags: ['dw-test/layers:1'],
      digests: [],
      created: Date.parse('2026-11-23T01:09:37.487Z') / 1000,
      sizeBytes: fixture.sizeBytes,
      imageStore: 'storage-driver',
      os: 'linux',
      architecture: 'amd64',
      variant: null,
      entrypoint: ['sh'],
      cmd: ['-c', 'echo'],
      env: ['PATH=/usr/bin', 'E=1'],
      exposedPorts: ['443/tcp', '80/tcp'],
      workdir: '/w',
      user: 'nobody',
      labels: { a: 'b' },
      diffIds: fixture.diffIds,
    });
    expect(details.history).toEqual(
      buildLayerEntries(fixture.history, fixture.diffIds, configEmptyLayers(fixture)),
    );
    expect(stub.requests.some((request) => request.includes('/get'))).toBe(false);
  });

  it('reads empty_layer from the save stream’s config when a 0-byte layer makes sizes ambiguous, and stops there', async () => {
    const fixture = readHistoryFixture('waste', 'buildkit');
    const padding = 64 * 1024 * 1024;
    let closedEarly = false;
    let written = 0;
    const stub = await startStub(
      engineFor(fixture, (_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/x-tar' });
        const pack = tar.pack();
        pack.pipe(response);
        const config = Buffer.from(
          JSON.stringify({
            rootfs: { type: 'layers', diff_ids: fixture.diffIds },
            history: fixture.configHistory,
          }),
        );
        pack.entry({ name: `${fixture.imageId.slice(7)}.json`, size: config.length }, config);
        // A big layer after the config: the reader must not wait for it.
        const layer = pack.entry({ name: `${'0'.repeat(64)}/layer.tar`, size: padding });
        // The reader hanging up is the point of this test, not a failure of the stand-in.
        pack.on('error', () => {});
        layer.on('error', () => {});
        const chunk = Buffer.alloc(64 * 1024);
        const write = (): void => {
          while (written < padding && !closedEarly) {
            written += chunk.length;
            if (!layer.write(chunk)) {
              layer.once('drain', () => write());
              return;
            }
          }
          if (written >= padding) layer.end(Buffer.alloc(0));
        };
        response.on('close', () => {
          if (!response.writableFinished) closedEarly = true;
        });
        write();
      }),
    );
    const details = await readImageDetails(stub.docker, fixture.imageId);
    expect(details.history.map((entry) => entry.emptyLayer)).toEqual(configEmptyLayers(fixture));
    const workdir = details.history.find((entry) => entry.instruction === 'WORKDIR /work')!;
    expect(workdir).toMatchObject({ emptyLayer: false, sizeBytes: 0 });
    expect(workdir.diffId).toBe(fixture.diffIds[3]);
    await expect.poll(() => closedEarly).toBe(true);
    expect(written).toBeLessThan(padding);
  });

  it('says the containerd image store when docker info names its snapshotter', async () => {
    const fixture = readHistoryFixture('multi-stage', 'classic');
    const stub = await startStub(
      engineFor(fixture, () => expect.unreachable('no save needed'), 'containerd'),
    );
    expect((await readImageDetails(stub.docker, 'dw-test/layers:1')).imageStore).toBe('containerd');
  });

  it('gives up the save request when cancelled before the engine answers', async () => {
    const fixture = readHistoryFixture('waste', 'classic');
    const controller = new AbortController();
    const stub = await startStub(
      engineFor(fixture, () => {
        // Engine 20.10 exports to disk before the first byte; answer nothing and cancel meanwhile.
        controller.abort();
      }),
    );
    await expect(readImageDetails(stub.docker, fixture.imageId, controller.signal)).rejects.toMatchObject({
      code: 'ABORT_ERR',
    });
  });
});
