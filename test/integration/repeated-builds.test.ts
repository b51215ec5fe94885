import { createServer, type Server } from 'node:http';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { bindWebSocket } from '../../src/main/browser/bind-web-socket';
import type { RequestChannel, RequestInput, RequestOutput } from '../../src/shared/api';
import type { BuildRecord } from '../../src/shared/builds/build-record';
import type { Result } from '../../src/shared/result';
import { buildRequest, makeContext } from '../support/build-fixtures';
import { dockerCli } from '../support/docker-cli';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_PREFIX } from '../support/rig-info';

const rig = inject('rig');

const BUILDS = 50;
const TAG = `${TEST_PREFIX}/repeated-builds:latest`;
/** Over the 512 KB whole-file limit the tar writer streams 1 MB chunks, waiting for the reader between them. */
const BIG_FILE_BYTES = 12 * 1024 * 1024;
/**
 * What 40 more builds may add to the heap after a full collection. A leaked 12 MB file buffer,
 * listener chain or build record per build is far above it; bounded caches are far below.
 */
const HEAP_GROWTH_LIMIT = 6 * 1024 * 1024;

/** A full garbage collection, so heap sizes compare what is kept, not when the collector last ran. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function heapAfterCollection(gc: () => void): number {
  // Twice: what the first pass's finalizers let go of is freed by the second.
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** A browser page's side of the socket: numbered requests, answers matched by id. */
function pageClient(socket: WebSocket) {
  let nextId = 1;
  const waiting = new Map<number, (result: Result<unknown>) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { t: string; id?: number; result?: Result<unknown> };
    if (message.t === 'res' && message.id !== undefined) waiting.get(message.id)?.(message.result!);
  });
  return async <C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>> => {
    const id = nextId++;
    const result = await new Promise<Result<unknown>>((resolve) => {
      waiting.set(id, resolve);
      socket.send(JSON.stringify({ t: 'req', id, channel, input }));
    });
    waiting.delete(id);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as RequestOutput<C>;
  };
}

describe('building again and again in one process, as a browser page does (issue #14)', () => {
  let app: TestServices;
  let server: Server;
  let socket: WebSocket;
  const warnings: Error[] = [];
  const onWarning = (warning: Error): void => {
    warnings.push(warning);
  };

  beforeAll(async () => {
    process.on('warning', onWarning);
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    await app.settled();
    const sockets = new WebSocketServer({ noServer: true });
    server = createServer();
    server.on('upgrade', (request, raw, head) =>
      sockets.handleUpgrade(request, raw, head, (bound) => bindWebSocket(bound, app.services.dispatch)),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    socket = new WebSocket(`ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    socket?.close();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
    app?.dispose();
    await dockerCli(rig.dockerHost, ['image', 'rm', '--force', TAG]).catch(() => '');
  });

  it(`runs ${BUILDS} builds with no listener warning and a heap that stays flat`, async () => {
    const gc = collector();
    const call = pageClient(socket);
    const context = makeContext({
      Dockerfile: [`FROM ${rig.baseImage}`, 'COPY big.bin small.txt /data/', ''].join('\n'),
      'small.txt': 'small\n',
      // Text, not zeros: nothing on the way may shortcut a sparse or constant file.
      'big.bin': 'dockwright context bytes\n'.repeat(Math.ceil(BIG_FILE_BYTES / 25)).slice(0, BIG_FILE_BYTES),
    });
    const heaps: number[] = [];
    for (let index = 1; index <= BUILDS; index++) {
      const started = await call(
        'build:start',
        buildRequest(context, { tags: [TAG], builder: index % 2 === 0 ? 'buildkit' : 'classic' }),
      );
      await app.services.builds.settled(started.id);
      const record: BuildRecord = await call('history:get', { id: started.id });
      expect(record.status, record.log).toBe('succeeded');
      // A page with Images, History, Containers and the new image's layers open asks all of this at
      // once when a build finishes: a dozen engine requests in flight on one socket.
      await Promise.all([
        call('history:list', {}),
        call('images:list', {}),
        call('images:list', {}),
        call('containers:list', { all: true }),
        call('containers:list', { all: false }),
        call('layers:details', { ref: record.imageId! }),
        call('layers:details', { ref: rig.baseImage }),
        call('layers:compare', { a: rig.baseImage, b: record.imageId! }),
        call('layers:compare', { a: record.imageId!, b: rig.baseImage }),
        call('images:list', {}),
        call('build:summarize-context', { contextDir: context, dockerfile: null }),
      ]);
      app.events.length = 0;
      if (index === 10 || index === BUILDS) heaps.push(heapAfterCollection(gc));
    }

    expect(warnings.map((warning) => `${warning.name}: ${warning.message}`)).toEqual([]);
    const [afterTen, afterFifty] = heaps as [number, number];
    expect(afterFifty - afterTen).toBeLessThan(HEAP_GROWTH_LIMIT);
  }, 600_000);
});
