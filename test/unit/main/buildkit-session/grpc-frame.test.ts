import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeFrame,
  GrpcDeframer,
  GrpcFrameError,
  MAX_MESSAGE_BYTES,
} from '../../../../src/main/buildkit-session/grpc-frame';

describe('encodeFrame', () => {
  it('prefixes a message with a zero flag byte and its big-endian length', () => {
    expect([...encodeFrame(Buffer.from([7, 8, 9]))]).toEqual([0, 0, 0, 0, 3, 7, 8, 9]);
  });

  it('frames an empty message as five bytes', () => {
    expect([...encodeFrame(new Uint8Array())]).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('GrpcDeframer', () => {
  it('returns every message of a chunk holding several frames', () => {
    const deframer = new GrpcDeframer();
    const chunk = Buffer.concat([
      encodeFrame(Buffer.from('a')),
      encodeFrame(Buffer.from('')),
      encodeFrame(Buffer.from('bc')),
    ]);
    expect(deframer.push(chunk).map(String)).toEqual(['a', '', 'bc']);
    expect(deframer.buffered).toBe(0);
  });

  it('waits for the rest of a frame split across chunks, even inside the length prefix', () => {
    const deframer = new GrpcDeframer();
    const frame = encodeFrame(Buffer.from('hello'));
    expect(deframer.push(frame.subarray(0, 2))).toEqual([]);
    expect(deframer.push(frame.subarray(2, 7))).toEqual([]);
    expect(deframer.push(frame.subarray(7)).map(String)).toEqual(['hello']);
  });

  it('gives back the same messages however the byte stream is cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 10 }),
        (messages, cuts) => {
          const bytes = Buffer.concat(messages.map((message) => encodeFrame(message)));
          const deframer = new GrpcDeframer();
          const out: Buffer[] = [];
          for (let offset = 0, index = 0; offset < bytes.length; index++) {
            const size = cuts[index % cuts.length]!;
            out.push(...deframer.push(bytes.subarray(offset, offset + size)));
            offset += size;
          }
          expect(out.map((message) => [...message])).toEqual(messages.map((message) => [...message]));
        },
      ),
      { seed: 1304 },
    );
  });

  it('refuses a compressed frame, since no encoding was negotiated', () => {
    expect(() => new GrpcDeframer().push(Buffer.from([1, 0, 0, 0, 1, 42]))).toThrow(GrpcFrameError);
  });

  it('refuses a message longer than the limit before buffering it', () => {
    const head = Buffer.alloc(5);
    head.writeUInt32BE(MAX_MESSAGE_BYTES + 1, 1);
    expect(() => new GrpcDeframer().push(head)).toThrow(/too large/);
  });
});
