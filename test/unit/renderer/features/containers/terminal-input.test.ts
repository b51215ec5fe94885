import { describe, expect, it } from 'vitest';
import {
  createAckBatcher,
  decodeOutput,
  inputPieces,
} from '../../../../../src/renderer/features/containers/terminal-input';
import { utf8Length } from '../../../../../src/shared/utf8-max';

describe('decodeOutput', () => {
  it('gives back the raw bytes, even half a UTF-8 sequence', () => {
    // base64 of the bytes 68 c3 00 ff
    expect([...decodeOutput('aMMA/w==')]).toEqual([0x68, 0xc3, 0x00, 0xff]);
  });
});

describe('createAckBatcher', () => {
  it('acknowledges in one message once enough is drawn, and the rest on flush', () => {
    const sent: number[] = [];
    const acks = createAckBatcher((bytes) => sent.push(bytes), 100);
    acks.add(60);
    expect(sent).toEqual([]);
    acks.add(50);
    expect(sent).toEqual([110]);
    acks.add(5);
    acks.flush();
    acks.flush();
    expect(sent).toEqual([110, 5]);
  });
});

describe('inputPieces', () => {
  it('keeps typing in one piece', () => {
    expect(inputPieces('ls -la\r')).toEqual(['ls -la\r']);
  });

  it('cuts a long paste into pieces main accepts, losing nothing', () => {
    const paste = 'é😀x'.repeat(10_000);
    const pieces = inputPieces(paste, 999);
    expect(pieces.join('')).toBe(paste);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(utf8Length(piece)).toBeLessThanOrEqual(999);
  });

  it('never splits a surrogate pair', () => {
    const pieces = inputPieces('😀'.repeat(100), 9);
    for (const piece of pieces) expect(piece).toMatch(/^(?:😀)+$/u);
  });
});
