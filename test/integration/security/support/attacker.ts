/**
 * What a client of browser mode's server can do on the wire, written out by hand where a browser or
 * the `ws` package would refuse to: raw HTTP request lines, raw WebSocket frames, forged headers.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { WebSocket } from 'ws';

/** The subprotocol a page offers (and the server picks), and the one that carries the session secret. */
export const APP_PROTOCOL = 'dockwright';
export const sessionProtocol = (secret: string): string => `dockwright.session.${secret}`;

export interface Session {
  cookie: string;
  /** The secret handed over in the redirect's #fragment; null when the server sent none. */
  secret: string | null;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET over node's http, where Host, Origin and Cookie can be anything. */
export function get(url: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    // No shared agent: a kept-alive connection would outlive a server the test restarts.
    const req = httpRequest(url, { headers, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the one-time link like a browser: the cookie it sets and the secret in the redirect's fragment. */
export async function signIn(link: string): Promise<Session> {
  const answer = await get(link);
  if (answer.status !== 303) throw new Error(`sign-in answered ${answer.status}: ${answer.body}`);
  const cookie = String(answer.headers['set-cookie']).split(';')[0]!;
  const fragment = /#session=([A-Za-z0-9_-]+)$/.exec(String(answer.headers['location']));
  return { cookie, secret: fragment?.[1] ?? null };
}

/**
 * Writes `text` on a fresh TCP connection and resolves with the status of the first answer line,
 * or 'closed' when the server closed the connection without answering.
 */
export function rawExchange(port: number, text: string | Buffer): Promise<number | 'closed'> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const settle = (value: number | 'closed'): void => {
      resolve(value);
      socket.destroy();
    };
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const line = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (line) settle(Number(line[1]));
    });
    socket.on('error', () => settle('closed'));
    socket.on('close', () => settle('closed'));
    socket.write(text);
  });
}

/** Request headers a signed-in page of `port` sends on its WebSocket upgrade. */
export function upgradeHeaders(
  port: number,
  session: Session | null,
  key = randomBytes(16).toString('base64'),
) {
  return {
    Host: `127.0.0.1:${port}`,
    Origin: `http://127.0.0.1:${port}`,
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': key,
    ...(session ? { Cookie: session.cookie } : {}),
    ...(session?.secret
      ? { 'Sec-WebSocket-Protocol': `${APP_PROTOCOL}, ${sessionProtocol(session.secret)}` }
      : {}),
  };
}

export const requestText = (target: string, headers: Record<string, string>): string =>
  `GET ${target} HTTP/1.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;

export interface FrameSpec {
  opcode: number;
  payload: Buffer;
  fin?: boolean;
  /** The three reserved bits, 0–7. */
  rsv?: number;
  /** Clients must mask; false sends an unmasked frame. */
  mask?: boolean;
  /** A length to declare instead of the payload's (the payload is still what is sent). */
  declaredLength?: number;
}

/** Encodes one client frame by RFC 6455 §5.2, including the ones a conforming client never sends. */
export function encodeFrame(spec: FrameSpec): Buffer {
  const length = spec.declaredLength ?? spec.payload.length;
  const first = ((spec.fin ?? true) ? 0x80 : 0) | (((spec.rsv ?? 0) & 7) << 4) | (spec.opcode & 0x0f);
  const maskBit = (spec.mask ?? true) ? 0x80 : 0;
  let header: Buffer;
  if (length < 126) header = Buffer.from([first, maskBit | length]);
  else if (length < 65536) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = maskBit | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!(spec.mask ?? true)) return Buffer.concat([header, spec.payload]);
  const key = randomBytes(4);
  const masked = Buffer.from(spec.payload.map((byte, index) => byte ^ key[index % 4]!));
  return Buffer.concat([header, key, masked]);
}

/** A WebSocket spoken by hand: frames go out exactly as built, frames coming back are decoded. */
export interface RawSocket {
  socket: Socket;
  send(spec: FrameSpec): void;
  /** Text frames the server sent, in order. */
  texts: string[];
  /** Resolves with the first text frame (already received or still to come) that `matches`. */
  nextText(matches: (text: string) => boolean): Promise<string>;
  /** Resolves when the connection ended, with the close code the server sent (null: none). */
  ended: Promise<number | null>;
}

/** Opens a WebSocket by hand; rejects with the status when the upgrade is refused. */
export function rawSocket(port: number, session: Session | null): Promise<RawSocket> {
  const key = randomBytes(16).toString('base64');
  const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    let closeCode: number | null = null;
    const texts: string[] = [];
    const waiters = new Set<{ matches(text: string): boolean; resolve(text: string): void }>();
    const nextText = (matches: (text: string) => boolean): Promise<string> =>
      new Promise((resolveText) => {
        const seen = texts.find(matches);
        if (seen !== undefined) resolveText(seen);
        else waiters.add({ matches, resolve: resolveText });
      });
    let endedResolve: (code: number | null) => void = () => {};
    const ended = new Promise<number | null>((done) => (endedResolve = done));
    const decode = (): void => {
      while (buffer.length >= 2) {
        const opcode = buffer[0]! & 0x0f;
        let length = buffer[1]! & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffer.length < 4) return;
          length = buffer.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffer.length < 10) return;
          length = Number(buffer.readBigUInt64BE(2));
          offset = 10;
        }
        if (buffer.length < offset + length) return;
        const payload = buffer.subarray(offset, offset + length);
        if (opcode === 0x1) {
          const text = payload.toString('utf8');
          texts.push(text);
          for (const waiter of waiters) {
            if (!waiter.matches(text)) continue;
            waiters.delete(waiter);
            waiter.resolve(text);
          }
        }
        if (opcode === 0x8) {
          closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
          // The close handshake is done from our side: end the connection, as a browser would.
          socket.end();
        }
        buffer = buffer.subarray(offset + length);
      }
    };
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + 4);
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
        if (status !== 101 || !head.includes(accept)) {
          reject(new Error(`upgrade refused: ${status}`));
          socket.destroy();
          return;
        }
        upgraded = true;
        resolve({
          socket,
          texts,
          nextText,
          ended,
          send: (spec) => {
            if (!socket.destroyed) socket.write(encodeFrame(spec));
          },
        });
      }
      decode();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      if (!upgraded) reject(new Error('upgrade: connection closed'));
      endedResolve(closeCode);
    });
    socket.write(requestText('/api', upgradeHeaders(port, session, key)));
  });
}

/** A page's socket through the `ws` package, with a request helper. */
export interface PageSocket {
  socket: WebSocket;
  call(channel: string, input: unknown): Promise<unknown>;
  /** Resolves with the close code when the socket closes. */
  closed: Promise<number>;
}

let nextId = 1;

export async function pageSocket(
  port: number,
  session: Session,
  origin = `http://127.0.0.1:${port}`,
): Promise<PageSocket> {
  const socket = new WebSocket(
    `ws://127.0.0.1:${port}/api`,
    session.secret ? [APP_PROTOCOL, sessionProtocol(session.secret)] : [],
    { headers: { cookie: session.cookie, origin } },
  );
  const closed = new Promise<number>((resolve) => socket.once('close', resolve));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const answers = new Map<number, (result: unknown) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { t: string; id: number; result: unknown };
    if (message.t === 'res') answers.get(message.id)?.(message.result);
  });
  return {
    socket,
    closed,
    call: (channel, input) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        answers.set(id, resolve);
        socket.once('close', (code) => reject(new Error(`socket closed (${code}) before answering`)));
        socket.send(JSON.stringify({ t: 'req', id, channel, input }));
      }),
  };
}

/** Tries a WebSocket upgrade: 'open' when the server let it through, else the HTTP status it answered. */
export function tryUpgrade(
  port: number,
  headers: Record<string, string>,
  protocols: string[] = [],
): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api`, protocols, { headers });
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}
