/*
 * gRPC's message framing on an HTTP/2 stream: a 1-byte compressed flag and a 4-byte big-endian
 * length before each message (grpc/grpc doc/PROTOCOL-HTTP2.md, "Length-Prefixed-Message").
 */

/** The largest message accepted from the engine; grpc-go's default receive limit is the same. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** One message, framed. */
export function encodeFrame(message: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(5 + message.length);
  frame[0] = 0;
  frame.writeUInt32BE(message.length, 1);
  frame.set(message, 5);
  return frame;
}

/** Why a byte stream is not a valid sequence of gRPC frames. */
export class GrpcFrameError extends Error {
  override name = 'GrpcFrameError';
}

/**
 * Splits a byte stream into messages, whatever the chunk boundaries. Compressed frames are
 * refused: this server announces no grpc-encoding, so a peer must not send any.
 */
export class GrpcDeframer {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** The whole messages completed by this chunk, in order. */
  push(chunk: Uint8Array): Buffer[] {
    this.pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.pendingBytes += chunk.byteLength;
    const messages: Buffer[] = [];
    while (this.pendingBytes >= 5) {
      const head = this.peek(5);
      if (head[0] !== 0)
        throw new GrpcFrameError(`compressed gRPC frame (flag ${head[0]}) without an encoding`);
      const length = head.readUInt32BE(1);
      if (length > MAX_MESSAGE_BYTES)
        throw new GrpcFrameError(`gRPC message of ${length} bytes is too large`);
      if (this.pendingBytes < 5 + length) break;
      messages.push(this.take(5 + length).subarray(5));
    }
    return messages;
  }

  /** Bytes of an incomplete frame still waiting for the rest. */
  get buffered(): number {
    return this.pendingBytes;
  }

  private peek(bytes: number): Buffer {
    if (this.pending[0]!.length < bytes) this.pending = [Buffer.concat(this.pending)];
    return this.pending[0]!;
  }

  private take(bytes: number): Buffer {
    const first = this.peek(bytes);
    const taken = first.subarray(0, bytes);
    if (first.length === bytes) this.pending.shift();
    else this.pending[0] = first.subarray(bytes);
    this.pendingBytes -= bytes;
    return taken;
  }
}
