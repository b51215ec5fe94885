import http2 from 'node:http2';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame, GrpcDeframer } from '../../../../src/main/buildkit-session/grpc-frame';
import {
  encodeGrpcMessage,
  GrpcError,
  GrpcStatus,
  readUnaryRequest,
  serveGrpc,
  type GrpcHandler,
} from '../../../../src/main/buildkit-session/grpc-server';
import { healthHandlers } from '../../../../src/main/buildkit-session/health-service';
import { sessionType } from '../../../../src/main/buildkit-session/session-protos';

let server: Server | null = null;
const clients: http2.ClientHttp2Session[] = [];

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
  server?.close();
  server = null;
});

/** A loopback TCP server whose connections are served the way a session socket is. */
async function connect(handlers: ReadonlyMap<string, GrpcHandler>): Promise<http2.ClientHttp2Session> {
  server = createServer((socket) => serveGrpc(http2.performServerHandshake(socket), handlers));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const client = http2.connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  clients.push(client);
  return client;
}

interface Answer {
  messages: Buffer[];
  status: string | undefined;
  message: string | undefined;
}

function call(
  client: http2.ClientHttp2Session,
  path: string,
  requests: Uint8Array[],
  headers: http2.OutgoingHttpHeaders = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const stream = client.request({
      ':method': 'POST',
      ':path': path,
      'content-type': 'application/grpc',
      te: 'trailers',
      ...headers,
    });
    const deframer = new GrpcDeframer();
    const answer: Answer = { messages: [], status: undefined, message: undefined };
    const status = (fields: http2.IncomingHttpHeaders): void => {
      if (fields['grpc-status'] !== undefined) answer.status = String(fields['grpc-status']);
      if (fields['grpc-message'] !== undefined) answer.message = String(fields['grpc-message']);
    };
    stream.on('response', status);
    stream.on('trailers', status);
    stream.on('data', (chunk: Buffer) => answer.messages.push(...deframer.push(chunk)));
    stream.on('end', () => resolve(answer));
    stream.on('error', reject);
    for (const request of requests) stream.write(encodeFrame(request));
    stream.end();
  });
}

describe('serveGrpc', () => {
  it('answers the health check with SERVING and status 0 in the trailers', async () => {
    const client = await connect(healthHandlers());
    const answer = await call(client, '/grpc.health.v1.Health/Check', [new Uint8Array()]);
    const response = sessionType('grpc.health.v1.HealthCheckResponse');
    expect(answer.status).toBe('0');
    expect(answer.messages.map((message) => response.toObject(response.decode(message)))).toEqual([
      { status: 1 },
    ]);
  });

  it('answers an unknown method with UNIMPLEMENTED, which BuildKit reads as "not offered"', async () => {
    const client = await connect(new Map());
    const answer = await call(client, '/moby.filesync.v1.Auth/GetTokenAuthority', [new Uint8Array()]);
    expect(answer.status).toBe(String(GrpcStatus.UNIMPLEMENTED));
    expect(answer.messages).toEqual([]);
  });

  it('streams both ways and keeps repeated metadata values apart', async () => {
    let seen: readonly string[] | undefined;
    const echo: GrpcHandler = async (incoming) => {
      seen = incoming.metadata.get('include-patterns');
      for await (const message of incoming.messages) await incoming.send(Buffer.concat([message, message]));
    };
    const client = await connect(new Map([['/test.Echo/Twice', echo]]));
    const answer = await call(client, '/test.Echo/Twice', [Buffer.from('a'), Buffer.from('bc')], {
      'include-patterns': ['x, y', 'z'],
    });
    expect(answer.status).toBe('0');
    expect(answer.messages.map(String)).toEqual(['aa', 'bcbc']);
    expect(seen).toEqual(['x, y', 'z']);
  });

  it('sends a batch as separate messages in order, an empty one included', async () => {
    const batch = Array.from({ length: 3000 }, (_, index) => Buffer.from(`stat ${index}`));
    const batched: GrpcHandler = async (incoming) => {
      await readUnaryRequest(incoming);
      await incoming.sendAll(batch.slice(0, 1000));
      await incoming.sendAll([]);
      await incoming.sendAll([...batch.slice(1000), new Uint8Array()]);
    };
    const client = await connect(new Map([['/test.Batch/All', batched]]));
    const answer = await call(client, '/test.Batch/All', [new Uint8Array()]);
    expect(answer.status).toBe('0');
    expect(answer.messages.map(String)).toEqual([...batch.map(String), '']);
  });

  it('reports a handler failure as its status with a percent-encoded message', async () => {
    const failing: GrpcHandler = async (incoming) => {
      await readUnaryRequest(incoming);
      throw new GrpcError(GrpcStatus.NOT_FOUND, 'secret é% not found');
    };
    const client = await connect(new Map([['/test.Fail/Now', failing]]));
    const answer = await call(client, '/test.Fail/Now', [new Uint8Array()]);
    expect(answer.status).toBe(String(GrpcStatus.NOT_FOUND));
    expect(answer.message).toBe('secret %C3%A9%25 not found');
    expect(decodeURIComponent(answer.message!)).toBe('secret é% not found');
  });
});

describe('encodeGrpcMessage', () => {
  it('keeps printable ASCII and escapes the rest, % included', () => {
    expect(encodeGrpcMessage('a b~')).toBe('a b~');
    expect(encodeGrpcMessage('50%\n')).toBe('50%25%0A');
  });
});
