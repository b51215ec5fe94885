import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { bindWebSocket } from '../../../../src/main/browser/bind-web-socket';
import type { Dispatch } from '../../../../src/main/handlers';
import type { RequestPage } from '../../../../src/main/request-page';

describe('bindWebSocket: each socket is one page', () => {
  let server: Server | null = null;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
    server = null;
  });

  /** Two browser tabs on one server; `pages` records the page each request came with. */
  async function twoTabs() {
    const pages: RequestPage[] = [];
    const dispatch: Dispatch = async (_channel, _input, _signal, page) => {
      if (page) pages.push(page);
      return { ok: true, value: null };
    };
    const webSockets = new WebSocketServer({ noServer: true });
    server = createServer();
    server.on('upgrade', (request, socket, head) =>
      webSockets.handleUpgrade(request, socket, head, (webSocket) => bindWebSocket(webSocket, dispatch)),
    );
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const open = async () => {
      const client = new WebSocket(url);
      await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
      return client;
    };
    const ask = async (client: WebSocket, id: number) => {
      const answered = new Promise((resolve) => client.once('message', resolve));
      client.send(JSON.stringify({ t: 'req', id, channel: 'app:info', input: {} }));
      await answered;
    };
    return { pages, open, ask };
  }

  it('gives each socket its own page, sends its events to that socket only, and ends it when the socket closes', async () => {
    const { pages, open, ask } = await twoTabs();
    const one = await open();
    const two = await open();
    await ask(one, 1);
    await ask(one, 2);
    await ask(two, 3);
    expect(pages[0]!.id).toBe(pages[1]!.id);
    expect(pages[2]!.id).not.toBe(pages[0]!.id);

    const heardByTwo: unknown[] = [];
    two.on('message', (data) => heardByTwo.push(JSON.parse(data.toString())));
    const heardByOne = new Promise((resolve) =>
      one.once('message', (data) => resolve(JSON.parse(data.toString()))),
    );
    pages[0]!.emit('terminal:event', { sessionId: 's', event: { kind: 'output', data: 'aGk=', bytes: 2 } });
    expect(await heardByOne).toEqual({
      t: 'evt',
      event: 'terminal:event',
      payload: { sessionId: 's', event: { kind: 'output', data: 'aGk=', bytes: 2 } },
    });

    const gone = new Promise<string>((resolve) => pages[0]!.onGone(() => resolve('gone')));
    one.close();
    expect(await gone).toBe('gone');
    // Tab two is still there, and heard nothing of tab one's terminal.
    await ask(two, 4);
    expect(heardByTwo.filter((message) => (message as { t: string }).t === 'evt')).toEqual([]);
    two.close();
  });
});
