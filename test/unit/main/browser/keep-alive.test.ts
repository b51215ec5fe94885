import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { keepAlive } from '../../../../src/main/browser/keep-alive';

const INTERVAL_MS = 100;

describe('keepAlive', () => {
  let server: Server | null = null;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
    server = null;
  });

  /** A real socket pair over loopback; `autoPong: false` is a page that stopped answering. */
  async function connect(autoPong: boolean): Promise<{ client: WebSocket; serverSide: Promise<WebSocket> }> {
    server = createServer();
    const wss = new WebSocketServer({ server });
    const serverSide = new Promise<WebSocket>((resolve) =>
      wss.on('connection', (socket) => {
        keepAlive(socket, INTERVAL_MS);
        resolve(socket);
      }),
    );
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const client = new WebSocket(`ws://127.0.0.1:${port}`, { autoPong });
    await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
    return { client, serverSide };
  }

  it('keeps a page that answers pings', async () => {
    const { client, serverSide } = await connect(true);
    let pings = 0;
    client.on('ping', () => pings++);
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 5));
    expect(pings).toBeGreaterThanOrEqual(3);
    expect((await serverSide).readyState).toBe(WebSocket.OPEN);
    client.close();
  });

  it('drops a page that misses a ping, which ends its work', async () => {
    const { client, serverSide } = await connect(false);
    const socket = await serverSide;
    const started = Date.now();
    await new Promise((resolve) => socket.once('close', resolve));
    // One interval to ping, the next to find it unanswered.
    expect(Date.now() - started).toBeGreaterThanOrEqual(INTERVAL_MS * 2 - 20);
    expect(Date.now() - started).toBeLessThan(INTERVAL_MS * 10);
    client.terminate();
  });
});
