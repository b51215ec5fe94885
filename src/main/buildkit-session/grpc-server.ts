/*
 * A minimal gRPC server on one HTTP/2 session: what the BuildKit session needs (unary and
 * bidirectional streaming calls, metadata, status trailers), and nothing else — no compression,
 * no deadlines, no reflection. Spec: grpc/grpc doc/PROTOCOL-HTTP2.md.
 */
import type { ServerHttp2Session, ServerHttp2Stream, IncomingHttpHeaders } from 'node:http2';
import { encodeFrame, GrpcDeframer } from './grpc-frame';

/** The status codes this server answers with (google.golang.org/grpc/codes). */
export const GrpcStatus = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
} as const;

/** A failure a handler reports to the peer as a gRPC status. */
export class GrpcError extends Error {
  override name = 'GrpcError';
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** One incoming call as a handler sees it. Messages are raw protobuf bytes. */
export interface GrpcCall {
  path: string;
  /** Request metadata, lowercase keys; a key sent several times keeps every value in order. */
  metadata: ReadonlyMap<string, readonly string[]>;
  /** Aborted when the peer cancels the call or the session ends. */
  signal: AbortSignal;
  /** The peer's messages until it half-closes; read at most once. */
  messages: AsyncIterable<Buffer>;
  /** Sends one message, waiting while HTTP/2 flow control holds the stream back. */
  send(message: Uint8Array): Promise<void>;
  /**
   * Sends several messages in one write: the peer reads the same frames, but thousands of small
   * messages (fsutil STAT packets) no longer cost one HTTP/2 DATA frame and one write each.
   */
  sendAll(messages: readonly Uint8Array[]): Promise<void>;
}

export type GrpcHandler = (call: GrpcCall) => Promise<void>;

/** Messages buffered from the peer before the stream is paused. */
const READ_AHEAD = 64;

/** gRPC's percent-encoding of grpc-message: printable ASCII but '%' as is, everything else as %XX of UTF-8. */
export function encodeGrpcMessage(message: string): string {
  let out = '';
  for (const byte of Buffer.from(message, 'utf8')) {
    out +=
      byte >= 0x20 && byte <= 0x7e && byte !== 0x25
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Metadata from the header list; pseudo-headers and transport headers are not metadata. */
export function metadataOf(
  headers: IncomingHttpHeaders,
  rawHeaders: readonly string[] | undefined,
): Map<string, string[]> {
  const metadata = new Map<string, string[]>();
  const add = (name: string, value: string): void => {
    const key = name.toLowerCase();
    if (key.startsWith(':') || TRANSPORT_HEADERS.has(key)) return;
    const values = metadata.get(key);
    if (values) values.push(value);
    else metadata.set(key, [value]);
  };
  if (rawHeaders) {
    // Node joins repeated headers with ", " in `headers`; the raw list keeps them apart.
    for (let index = 0; index + 1 < rawHeaders.length; index += 2)
      add(rawHeaders[index]!, rawHeaders[index + 1]!);
  } else {
    for (const [name, value] of Object.entries(headers)) {
      if (Array.isArray(value)) value.forEach((item) => add(name, item));
      else if (value !== undefined) add(name, value);
    }
  }
  return metadata;
}

const TRANSPORT_HEADERS = new Set([
  'content-type',
  'te',
  'user-agent',
  'grpc-timeout',
  'grpc-encoding',
  'grpc-accept-encoding',
]);

/** Reads framed messages from the stream with backpressure, without ever destroying it. */
function incoming(stream: ServerHttp2Stream): AsyncIterable<Buffer> {
  const deframer = new GrpcDeframer();
  const queue: Buffer[] = [];
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  stream.on('data', (chunk: Buffer) => {
    try {
      queue.push(...deframer.push(chunk));
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    if (queue.length >= READ_AHEAD) stream.pause();
    notify();
  });
  stream.on('end', () => {
    ended = true;
    notify();
  });
  stream.on('close', () => {
    ended = true;
    notify();
  });
  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (failure) throw new GrpcError(GrpcStatus.INTERNAL, failure.message);
        const next = queue.shift();
        if (next) {
          if (queue.length < READ_AHEAD / 2 && stream.isPaused()) stream.resume();
          yield next;
          continue;
        }
        if (ended) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

function send(stream: ServerHttp2Stream, message: Uint8Array): Promise<void> {
  return write(stream, encodeFrame(message));
}

function sendAll(stream: ServerHttp2Stream, messages: readonly Uint8Array[]): Promise<void> {
  if (messages.length === 0) return Promise.resolve();
  return write(stream, Buffer.concat(messages.map(encodeFrame)));
}

function write(stream: ServerHttp2Stream, frames: Buffer): Promise<void> {
  if (stream.destroyed || stream.closed)
    return Promise.reject(new GrpcError(GrpcStatus.CANCELLED, 'the call was cancelled'));
  if (stream.write(frames)) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', closed);
      resolve();
    };
    const closed = (): void => {
      stream.off('drain', done);
      reject(new GrpcError(GrpcStatus.CANCELLED, 'the call was cancelled'));
    };
    stream.once('drain', done);
    stream.once('close', closed);
  });
}

function finish(stream: ServerHttp2Stream, code: number, message: string): void {
  if (stream.destroyed || stream.closed) return;
  const trailers: Record<string, string> = { 'grpc-status': String(code) };
  if (message) trailers['grpc-message'] = encodeGrpcMessage(message);
  if (!stream.headersSent) {
    // Trailers-only response: the status travels in the only HEADERS frame.
    stream.respond({ ':status': 200, 'content-type': 'application/grpc', ...trailers }, { endStream: true });
    return;
  }
  stream.once('wantTrailers', () => stream.sendTrailers(trailers));
  stream.end();
}

/**
 * Serves `handlers` (keyed by `/package.Service/Method`) on the session until it closes. A call
 * to any other path answers UNIMPLEMENTED, which BuildKit reads as "this client does not offer it".
 */
export function serveGrpc(session: ServerHttp2Session, handlers: ReadonlyMap<string, GrpcHandler>): void {
  session.on(
    'stream',
    (stream: ServerHttp2Stream, headers: IncomingHttpHeaders, _flags: number, rawHeaders?: string[]) => {
      const path = String(headers[':path'] ?? '');
      const handler = handlers.get(path);
      stream.on('error', () => undefined);
      if (!handler || headers[':method'] !== 'POST') {
        finish(stream, GrpcStatus.UNIMPLEMENTED, `unknown method ${path}`);
        return;
      }
      const controller = new AbortController();
      let finished = false;
      stream.once('close', () => {
        if (!finished) controller.abort(new GrpcError(GrpcStatus.CANCELLED, 'the call was cancelled'));
      });
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      const call: GrpcCall = {
        path,
        metadata: metadataOf(headers, rawHeaders),
        signal: controller.signal,
        messages: incoming(stream),
        send: (message) => send(stream, message),
        sendAll: (messages) => sendAll(stream, messages),
      };
      handler(call).then(
        () => {
          finished = true;
          finish(stream, GrpcStatus.OK, '');
        },
        (error: unknown) => {
          finished = true;
          if (error instanceof GrpcError) finish(stream, error.code, error.message);
          else finish(stream, GrpcStatus.UNKNOWN, error instanceof Error ? error.message : String(error));
        },
      );
    },
  );
}

/** Reads the one request message of a unary call. */
export async function readUnaryRequest(call: GrpcCall): Promise<Buffer> {
  let request: Buffer | null = null;
  for await (const message of call.messages) request ??= message;
  if (!request) throw new GrpcError(GrpcStatus.INVALID_ARGUMENT, `no request message for ${call.path}`);
  return request;
}
