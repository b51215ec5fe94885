/**
 * Threat: whatever reaches the port — random frames from a signed-in socket, malformed HTTP,
 * malformed upgrades — must not stop the server or drop another page's socket (issue #13,
 * finding 3). Defence: per-socket error handling, per-request target parsing, and a process-level
 * guard that logs and keeps serving. 1,000 frames from a seeded generator (the same run every
 * time), each on a signed-in raw socket, then a valid request must be answered.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pageSocket,
  rawExchange,
  rawSocket,
  requestText,
  signIn,
  upgradeHeaders,
  type FrameSpec,
  type PageSocket,
  type RawSocket,
  type Session,
} from './support/attacker';
import { bundleServe, startServerProcess, type ServerProcess } from './support/server-process';

/** mulberry32: a small seeded generator, so a failure replays exactly. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Channels that only read, or do not exist: random inputs must not write the machine's files. */
const SAFE_CHANNELS = [
  'app:info',
  'engine:status',
  'history:list',
  'no:such-channel',
  '__proto__',
  'constructor',
  '',
];

function randomFrame(random: () => number): FrameSpec {
  const int = (below: number): number => Math.floor(random() * below);
  const bytes = (length: number): Buffer => Buffer.from(Array.from({ length }, () => int(256)));
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const jsonish = (): unknown =>
    pick([
      null,
      true,
      0,
      -1,
      2 ** 53,
      1e308,
      'x',
      '',
      [],
      {},
      { __proto__: { polluted: 1 } },
      [[[[]]]],
      'é'.repeat(int(50)),
    ]);
  switch (int(6)) {
    case 0: // random bytes under a random header
      return {
        opcode: int(16),
        payload: bytes(int(200)),
        fin: random() < 0.8,
        rsv: random() < 0.2 ? int(8) : 0,
        mask: random() < 0.9,
      };
    case 1: // random bytes as a text frame
      return { opcode: 0x1, payload: bytes(int(300)) };
    case 2: // an envelope with random members
      return {
        opcode: 0x1,
        payload: Buffer.from(
          JSON.stringify({
            t: pick(['req', 'ping', 'res', 'evt', 'pong', 1]),
            id: jsonish(),
            channel: jsonish(),
            input: jsonish(),
          }),
        ),
      };
    case 3: // a well-formed request with hostile input
      return {
        opcode: 0x1,
        payload: Buffer.from(
          JSON.stringify({ t: 'req', id: int(1000), channel: pick(SAFE_CHANNELS), input: jsonish() }),
        ),
      };
    case 4: // a control frame, sometimes too long for one
      return { opcode: pick([0x8, 0x9, 0xa]), payload: bytes(random() < 0.3 ? 126 + int(100) : int(126)) };
    default: // a length the server must refuse before reading it
      return {
        opcode: pick([0x1, 0x2, 0x0]),
        payload: Buffer.alloc(0),
        declaredLength: pick([2 ** 31, 2 ** 40, 2 ** 53 - 1]),
      };
  }
}

describe('browser mode under random and malformed input', () => {
  let bundleDir = '';
  let server: ServerProcess;
  let session: Session;
  let bystander: PageSocket;

  beforeAll(async () => {
    const bundled = await bundleServe();
    bundleDir = bundled.dir;
    server = await startServerProcess(bundled);
    session = await signIn(server.link);
    bystander = await pageSocket(server.port, session);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(bundleDir, { recursive: true, force: true });
  });

  it('survives 1,000 seeded random frames on signed-in sockets', async () => {
    const random = seeded(0x5eed13);
    let attacker: RawSocket | null = null;
    let marker = 0;
    let reconnects = 0;
    for (let index = 0; index < 1000; index++) {
      if (!attacker || attacker.socket.destroyed) {
        attacker = await rawSocket(server.port, session);
        reconnects++;
      }
      attacker.send(randomFrame(random));
      // A ping of ours after each frame: its pong proves the socket still reads, its absence
      // with a close proves the server dropped this socket; either way the next frame may go.
      const id = 1_000_000 + ++marker;
      attacker.send({ opcode: 0x1, payload: Buffer.from(JSON.stringify({ t: 'ping', id })) });
      const outcome = await Promise.race([
        attacker.ended.then(() => 'ended'),
        attacker.nextText((text) => text === JSON.stringify({ t: 'pong', id })).then(() => 'pong'),
      ]);
      if (outcome === 'ended') attacker = null;
    }
    attacker?.socket.destroy();
    // Most random frames break the protocol, so the server dropped (only) those sockets.
    expect(reconnects).toBeGreaterThan(100);
    expect(server.exitCode()).toBe(null);
  });

  it.each(
    (
      [
        ['a target URL cannot parse', requestText('//[', { Host: 'x', Connection: 'close' }), 400],
        ['a target with a space', 'GET /a b HTTP/1.1\r\nHost: x\r\n\r\n', 400],
        ['a header line without a colon', 'GET / HTTP/1.1\r\nHost x\r\n\r\n', 400],
        ['a header of 20 kB', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
        ['no HTTP at all', '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n', 400],
        ['a POST', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n', 405],
        ['an upgrade to //[', (port: number) => requestText('//[', upgradeHeaders(port, null)), 400],
        [
          'an upgrade to //[ with the session',
          (port: number, s: Session) => requestText('//[', upgradeHeaders(port, s)),
          400,
        ],
        [
          'an upgrade without a key',
          (port: number, s: Session) =>
            requestText('/api', { ...upgradeHeaders(port, s), 'Sec-WebSocket-Key': '' }),
          400,
        ],
        [
          'an upgrade of version 12',
          (port: number, s: Session) =>
            requestText('/api', { ...upgradeHeaders(port, s), 'Sec-WebSocket-Version': '12' }),
          400,
        ],
        [
          'an upgrade whose subprotocol list carries no secret',
          (port: number, s: Session) =>
            requestText('/api', { ...upgradeHeaders(port, s), 'Sec-WebSocket-Protocol': ',,;' }),
          401,
        ],
        [
          'an upgrade with the secret in a malformed subprotocol list',
          (port: number, s: Session) =>
            requestText('/api', {
              ...upgradeHeaders(port, s),
              'Sec-WebSocket-Protocol': `dockwright.session.${s.secret}, ;;`,
            }),
          400,
        ],
        [
          'an upgrade with a malformed extension offer (ignored: no extensions are on)',
          (port: number, s: Session) =>
            requestText('/api', {
              ...upgradeHeaders(port, s),
              'Sec-WebSocket-Extensions': 'permessage-deflate; ;=',
            }),
          101,
        ],
        [
          'an upgrade to another path',
          (port: number, s: Session) => requestText('/other', upgradeHeaders(port, s)),
          404,
        ],
      ] as const
    ).map(([name, request, status]) => ({ name, request, status })),
  )('answers $name with $status', async ({ request, status }) => {
    const text = typeof request === 'function' ? request(server.port, session) : request;
    expect(await rawExchange(server.port, text)).toBe(status);
  });

  it('answers a valid request afterwards, on the bystander socket and a new one, and never needed the process guard', async () => {
    expect(bystander.socket.readyState).toBe(bystander.socket.OPEN);
    expect(await bystander.call('app:info', {})).toMatchObject({ ok: true, value: { mode: 'browser' } });
    const page = await pageSocket(server.port, session);
    expect(await page.call('app:info', {})).toMatchObject({ ok: true, value: { mode: 'browser' } });
    page.socket.close();
    expect(server.exitCode()).toBe(null);
    expect(server.stderr()).not.toMatch(/uncaught/i);
  });
});
