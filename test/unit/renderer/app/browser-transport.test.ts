import { beforeEach, describe, expect, it } from 'vitest';
import {
  CONNECTION_LOST,
  createBrowserTransport,
  NOT_SIGNED_IN,
  type BrowserGlobals,
  type SocketLike,
} from '../../../../src/renderer/app/browser-transport';
import { MAX_FRAME_BYTES } from '../../../../src/shared/socket-protocols';

const SECRET = 'tab-secret';

class FakeSocket implements SocketLike {
  sent: unknown[] = [];
  private listeners = new Map<string, ((event: { data: unknown }) => void)[]>();
  constructor(
    readonly url: string,
    readonly protocols: string[] = [],
  ) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.emit('close');
  }
  addEventListener(type: string, listener: (event: { data: unknown }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: string, data?: unknown): void {
    this.emitText(type, JSON.stringify(data));
  }
  emitText(type: string, text: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener({ data: text });
  }
}

function fakeBrowser() {
  const sockets: FakeSocket[] = [];
  const timers: { ms: number; run(): void }[] = [];
  const intervals: { ms: number; run(): void; cleared: boolean }[] = [];
  const opened: string[][] = [];
  const globals: BrowserGlobals = {
    location: { protocol: 'http:', host: '127.0.0.1:7777' },
    WebSocket: class extends FakeSocket {
      constructor(url: string, protocols: string[]) {
        super(url, protocols);
        sockets.push(this);
      }
    },
    open: (...args) => opened.push(args),
    setTimeout: (run, ms) => timers.push({ run, ms }),
    setInterval: (run, ms) => intervals.push({ run, ms, cleared: false }) - 1,
    clearInterval: (handle) => {
      intervals[handle as number]!.cleared = true;
    },
  };
  /** Runs the heartbeat of the newest socket once, as the browser would after one period. */
  const beat = (): void => {
    const live = intervals.filter((interval) => !interval.cleared);
    expect(live).toHaveLength(1);
    live[0]!.run();
  };
  return { globals, sockets, timers, intervals, opened, beat, last: () => sockets.at(-1)! };
}

describe('createBrowserTransport', () => {
  let browser: ReturnType<typeof fakeBrowser>;
  beforeEach(() => {
    browser = fakeBrowser();
  });

  it('connects to /api on the page’s own host, offering the tab’s session secret as a subprotocol', () => {
    createBrowserTransport({ sessionSecret: SECRET }, browser.globals);
    expect(browser.last().url).toBe('ws://127.0.0.1:7777/api');
    expect(browser.last().protocols).toEqual(['dockwright', `dockwright.session.${SECRET}`]);
  });

  it('never connects in a tab without a secret: it reports itself disconnected and requests say to sign in', async () => {
    const changes: boolean[] = [];
    const transport = createBrowserTransport(
      { sessionSecret: null, onConnectionChange: (connected) => changes.push(connected) },
      browser.globals,
    );
    expect(browser.sockets).toEqual([]);
    expect(changes).toEqual([false]);
    await expect(transport.invoke('app:info', {})).rejects.toThrow(NOT_SIGNED_IN);
  });

  it('answers a request too large for one frame with a VALIDATION error at its largest field, and sends nothing', async () => {
    const transport = createBrowserTransport({ sessionSecret: SECRET }, browser.globals);
    const socket = browser.last();
    socket.emit('open');
    const result = await transport.invoke('dockerfile:save', {
      path: '/p/Dockerfile',
      text: '\u0001'.repeat(MAX_FRAME_BYTES / 6 + 1),
      expectedMtimeMs: null,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'text' } });
    expect((result as { error: { message: string } }).error.message).toMatch(
      /^text: This request is .* MB; at most 25\.0 MB/,
    );
    expect(socket.sent).toEqual([]);
    // The connection is still there for the next request.
    void transport.invoke('app:info', {});
    expect(socket.sent).toHaveLength(1);
  });

  it('sends requests made before the socket opened once it opens, and resolves each with its answer', async () => {
    const transport = createBrowserTransport({ sessionSecret: SECRET }, browser.globals);
    const first = transport.invoke('engine:status', {});
    const second = transport.invoke('images:list', {});
    const socket = browser.last();
    expect(socket.sent).toEqual([]);
    socket.emit('open');
    expect(socket.sent).toEqual([
      { t: 'req', id: 1, channel: 'engine:status', input: {} },
      { t: 'req', id: 2, channel: 'images:list', input: {} },
    ]);
    socket.emit('message', { t: 'res', id: 2, result: { ok: true, value: [] } });
    socket.emit('message', { t: 'res', id: 1, result: { ok: true, value: 'status' } });
    await expect(first).resolves.toEqual({ ok: true, value: 'status' });
    await expect(second).resolves.toEqual({ ok: true, value: [] });
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const transport = createBrowserTransport({ sessionSecret: SECRET }, browser.globals);
    const seen: unknown[] = [];
    const unsubscribe = transport.subscribe((event, payload) => seen.push([event, payload]));
    browser.last().emit('open');
    browser.last().emit('message', { t: 'evt', event: 'images:event', payload: { action: 'tag' } });
    unsubscribe();
    browser.last().emit('message', { t: 'evt', event: 'images:event', payload: { action: 'untag' } });
    expect(seen).toEqual([['images:event', { action: 'tag' }]]);
  });

  it('rejects requests in flight and new ones with "connection lost" when the socket drops', async () => {
    const transport = createBrowserTransport({ sessionSecret: SECRET }, browser.globals);
    browser.last().emit('open');
    const inFlight = transport.invoke('images:list', {});
    browser.last().emit('close');
    await expect(inFlight).rejects.toThrow(CONNECTION_LOST);
    await expect(transport.invoke('images:list', {})).rejects.toThrow(/Connection to Dockwright lost/);
  });

  it('reconnects with growing delays and refetches everything once back', async () => {
    let reconnects = 0;
    const changes: boolean[] = [];
    const transport = createBrowserTransport(
      {
        sessionSecret: SECRET,
        retryDelaysMs: [100, 200, 400],
        onReconnect: () => reconnects++,
        onConnectionChange: (connected) => changes.push(connected),
      },
      browser.globals,
    );
    browser.last().emit('open');
    for (let attempt = 0; attempt < 4; attempt++) {
      browser.last().emit('close');
      browser.timers.shift()!.run();
    }
    expect(browser.timers).toEqual([]);
    expect(browser.sockets).toHaveLength(5);
    browser.last().emit('open');
    expect(reconnects).toBe(1);
    // Lost once opened, each failed attempt says so again, and back when one opens.
    expect(changes).toEqual([true, false, false, false, false, true]);
    const answer = transport.invoke('engine:status', {});
    expect(browser.last().sent).toEqual([{ t: 'req', id: 1, channel: 'engine:status', input: {} }]);
    browser.last().emit('message', { t: 'res', id: 1, result: { ok: true, value: 1 } });
    await expect(answer).resolves.toEqual({ ok: true, value: 1 });
  });

  it('waits 100, 200, 400 then 400 ms between attempts, and starts over after a success', () => {
    createBrowserTransport({ sessionSecret: SECRET, retryDelaysMs: [100, 200, 400] }, browser.globals);
    const delays: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      browser.last().emit('close');
      const timer = browser.timers.shift()!;
      delays.push(timer.ms);
      timer.run();
    }
    browser.last().emit('open');
    browser.last().emit('close');
    delays.push(browser.timers.shift()!.ms);
    expect(delays).toEqual([100, 200, 400, 400, 100]);
  });

  it('opens http(s) links in a new tab of the user’s browser and still lets the server validate them', () => {
    const transport = createBrowserTransport({ sessionSecret: SECRET }, browser.globals);
    browser.last().emit('open');
    void transport.invoke('shell:open-external', { url: 'http://localhost:8080/' });
    void transport.invoke('shell:open-external', { url: 'file:///etc/passwd' });
    void transport.invoke('shell:open-external', { url: 'javascript:alert(1)' });
    expect(browser.opened).toEqual([['http://localhost:8080/', '_blank', 'noopener']]);
    expect(browser.last().sent).toHaveLength(3);
  });

  it('ignores frames that are not JSON or not for it', () => {
    const transport = createBrowserTransport({ sessionSecret: SECRET }, browser.globals);
    const seen: unknown[] = [];
    transport.subscribe((event) => seen.push(event));
    browser.last().emit('open');
    for (const text of ['not json', '{"t":"res","id":99}', '{"t":"evt"}'])
      browser.last().emitText('message', text);
    expect(seen).toEqual([]);
  });

  it('pings every heartbeat and keeps a socket that keeps answering', () => {
    createBrowserTransport({ sessionSecret: SECRET, heartbeatMs: 5000 }, browser.globals);
    browser.last().emit('open');
    expect(browser.intervals.map((interval) => interval.ms)).toEqual([5000]);
    for (let beat = 0; beat < 3; beat++) {
      browser.beat();
      const ping = browser.last().sent.at(-1) as { t: string; id: number };
      expect(ping).toMatchObject({ t: 'ping' });
      browser.last().emit('message', { t: 'pong', id: ping.id });
    }
    expect(browser.sockets).toHaveLength(1);
    expect(browser.timers).toEqual([]);
  });

  it('gives up on a socket that heard nothing for a whole heartbeat, and connects again', async () => {
    const transport = createBrowserTransport(
      { sessionSecret: SECRET, retryDelaysMs: [100] },
      browser.globals,
    );
    browser.last().emit('open');
    const inFlight = transport.invoke('images:list', {});
    browser.beat();
    browser.beat();
    await expect(inFlight).rejects.toThrow(CONNECTION_LOST);
    expect(browser.intervals.every((interval) => interval.cleared)).toBe(true);
    expect(browser.timers.map((timer) => timer.ms)).toEqual([100]);
    browser.timers.shift()!.run();
    expect(browser.sockets).toHaveLength(2);
    browser.last().emit('open');
    const answer = transport.invoke('engine:status', {});
    const request = browser.last().sent.at(-1) as { id: number };
    browser.last().emit('message', { t: 'res', id: request.id, result: { ok: true, value: 'back' } });
    await expect(answer).resolves.toEqual({ ok: true, value: 'back' });
  });
});
