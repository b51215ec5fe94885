import { describe, expect, it } from 'vitest';
import { containerLogText } from '../../../../src/main/engine/container-log-frames';

/** A frame as the engine writes it: stream byte, three zero bytes, big-endian length, the bytes. */
function frame(stream: 1 | 2, text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const head = Buffer.alloc(8);
  head.writeUInt8(stream, 0);
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
}

describe('containerLogText', () => {
  it('joins stdout and stderr frames in the order written, without their headers', () => {
    const raw = Buffer.concat([frame(1, 'one\n'), frame(2, 'err\n'), frame(1, 'two\n')]);
    expect(containerLogText(raw)).toBe('one\nerr\ntwo\n');
  });

  it('keeps a character whose bytes the engine split across two frames', () => {
    const bytes = Buffer.from('é\n', 'utf8');
    const first = Buffer.concat([Buffer.from([1, 0, 0, 0, 0, 0, 0, 1]), bytes.subarray(0, 1)]);
    const second = Buffer.concat([Buffer.from([1, 0, 0, 0, 0, 0, 0, 2]), bytes.subarray(1)]);
    expect(containerLogText(Buffer.concat([first, second]))).toBe('é\n');
  });

  it('keeps what arrived of a cut-off last frame', () => {
    const cut = frame(1, 'partial line\n').subarray(0, 8 + 7);
    expect(containerLogText(Buffer.concat([frame(1, 'complete\n'), cut]))).toBe('complete\npartial');
  });

  it('ignores a header cut short after the last whole frame', () => {
    expect(containerLogText(Buffer.concat([frame(2, 'done\n'), Buffer.from([1, 0, 0])]))).toBe('done\n');
  });

  it('reads nothing from nothing', () => {
    expect(containerLogText(Buffer.alloc(0))).toBe('');
  });
});
