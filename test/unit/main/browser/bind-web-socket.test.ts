import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import {
  bindWebSocket,
  socketEventSink,
  type BindOptions,
} from '../../../../src/main/browser/bind-web-socket';
import type { Dispatch } from '../../../../src/main/handlers';

describe('bindWebSocket', () => {
  let server: Server | null = null;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
    server = null;
  });

  /** A loopback WebSocket server bound with `dispatch`; returns a connected client. */
  async function connect(dispatch: Dispatch): Promise<{ client: WebSocket; sockets: Set<WebSocket> }> {
    const sockets = new Set<WebSocket>();
    const webSockets = new WebSocketServer({ noServer: true });
    server = createServer();
    server.on('upgrade', (request, socket, head) =>
      webSockets.handleUpgrade(request, socket, head, (webSocket) => {
        sockets.add(webSocket);
        bindWebSocket(webSocket, dispatch);
      }),
    );
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const client = new WebSocket(
      `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    );
    await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
    return { client, sockets };
  }

  const nextMessage = (client: WebSocket): Promise<unknown> =>
    new Promise((resolve) => client.once('message', (data) => resolve(JSON.parse(data.toString()))));

  it('answers each request with what dispatch returns, under the request’s id', async () => {
    const seen: unknown[] = [];
    const { client } = await connect(async (channel, input) => {
      seen.push([channel, input]);
      return { ok: true, value: `${channel} done` };
    });
    const answer = nextMessage(client);
    client.send(JSON.stringify({ t: 'req', id: 7, channel: 'images:list', input: { a: 1 } }));
    expect(await answer).toEqual({ t: 'res', id: 7, result: { ok: true, value: 'images:list done' } });
    expect(seen).toEqual([['images:list', { a: 1 }]]);
    client.close();
  });

  it('answers a ping with a pong of the same id, without dispatching it', async () => {
    let calls = 0;
    const { client } = await connect(async () => {
      calls++;
      return { ok: true, value: null };
    });
    const answer = nextMessage(client);
    client.send(JSON.stringify({ t: 'ping', id: 12 }));
    expect(await answer).toEqual({ t: 'pong', id: 12 });
    expect(calls).toBe(0);
    client.close();
  });

  it('closes the socket on a malformed frame without dispatching it', async () => {
    let calls = 0;
    const { client } = await connect(async () => {
      calls++;
      return { ok: true, value: null };
    });
    const closed = new Promise<number>((resolve) => client.once('close', resolve));
    client.send('{"t":"req","channel":"images:list"}');
    expect(await closed).toBe(1008);
    expect(calls).toBe(0);
  });

  it('aborts the work of a page that went away', async () => {
    let signal: AbortSignal | undefined;
    const { client } = await connect(
      (_channel, _input, given) =>
        new Promise((resolve) => {
          signal = given;
          given?.addEventListener('abort', () => resolve({ ok: true, value: null }));
        }),
    );
    client.send(JSON.stringify({ t: 'req', id: 1, channel: 'images:list', input: {} }));
    await expect.poll(() => signal).toBeDefined();
    client.close();
    await expect.poll(() => signal?.aborted).toBe(true);
  });

  it('gives each request a signal of its own, so a dozen in flight pile no listeners on one (issue #14)', async () => {
    const signals: AbortSignal[] = [];
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const { client } = await connect(
        (_channel, _input, given) =>
          new Promise((resolve) => {
            signals.push(given!);
            // What every engine call does with its signal while it is in flight.
            given!.addEventListener('abort', () => resolve({ ok: true, value: null }));
          }),
      );
      for (let id = 1; id <= 12; id++)
        client.send(JSON.stringify({ t: 'req', id, channel: 'images:list', input: {} }));
      await expect.poll(() => signals.length).toBe(12);
      expect(new Set(signals).size).toBe(12);
      client.close();
      await expect.poll(() => signals.every((signal) => signal.aborted)).toBe(true);
      // Node reports an exceeded listener count on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((warning) => warning.message)).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('sends events to every open page', async () => {
    const { client, sockets } = await connect(async () => ({ ok: true, value: null }));
    const message = nextMessage(client);
    socketEventSink(() => sockets)('images:event', { action: 'tag' });
    expect(await message).toEqual({ t: 'evt', event: 'images:event', payload: { action: 'tag' } });
    client.close();
  });
});

describe('bindWebSocket under failure', () => {
  let server: Server | null = null;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
    server = null;
  });

  async function connect(dispatch: Dispatch, options: BindOptions = {}): Promise<WebSocket> {
    const webSockets = new WebSocketServer({ noServer: true, maxPayload: 64 });
    server = createServer();
    server.on('upgrade', (request, socket, head) =>
      webSockets.handleUpgrade(request, socket, head, (webSocket) =>
        bindWebSocket(webSocket, dispatch, options),
      ),
    );
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const client = new WebSocket(
      `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    );
    await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
    return client;
  }

  const answer = (client: WebSocket): Promise<unknown> =>
    new Promise((resolve) => client.once('message', (data) => resolve(JSON.parse(data.toString()))));

  it('answers INTERNAL and logs when dispatch throws or rejects, and keeps the socket', async () => {
    const lines: string[] = [];
    let calls = 0;
    const client = await connect(
      (() => {
        calls++;
        if (calls === 1) throw new Error('thrown');
        return Promise.reject(new Error('rejected'));
      }) as Dispatch,
      { log: (line) => lines.push(line) },
    );
    for (const id of [1, 2]) {
      const reply = answer(client);
      client.send(JSON.stringify({ t: 'req', id, channel: 'app:info', input: {} }));
      expect(await reply).toMatchObject({ t: 'res', id, result: { ok: false, error: { code: 'INTERNAL' } } });
    }
    expect(lines.map((line) => /Error: (\w+)/.exec(line)?.[1])).toEqual(['thrown', 'rejected']);
    expect(client.readyState).toBe(WebSocket.OPEN);
    client.close();
  });

  it('closes the socket with 1009 on a frame over maxPayload instead of throwing', async () => {
    const client = await connect(async () => ({ ok: true, value: null }));
    const closed = new Promise<number>((resolve) => client.once('close', resolve));
    client.send('x'.repeat(100));
    expect(await closed).toBe(1009);
  });

  it('closes the socket with "Session ended" when its session no longer admits requests', async () => {
    let calls = 0;
    const client = await connect(
      async () => {
        calls++;
        return { ok: true, value: null };
      },
      { admit: () => false },
    );
    const closed = new Promise<[number, string]>((resolve) =>
      client.once('close', (code, reason) => resolve([code, reason.toString()])),
    );
    client.send(JSON.stringify({ t: 'req', id: 1, channel: 'app:info', input: {} }));
    expect(await closed).toEqual([1008, 'Session ended']);
    expect(calls).toBe(0);
  });
});
