import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { TEXT_MAX_BYTES, utf8Length, utf8Max } from '../../../src/shared/utf8-max';

/** Strings of arbitrary UTF-16 units, lone surrogates included. */
const anyUnits = fc.array(fc.integer({ min: 0, max: 0xffff })).map((units) => String.fromCharCode(...units));

describe('utf8Length', () => {
  it('counts what Buffer encodes, for any UTF-16 string (lone surrogates become 3-byte U+FFFD)', () => {
    fc.assert(
      fc.property(fc.oneof(anyUnits, fc.string({ unit: 'binary' })), (text) => {
        expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
      }),
      { seed: 1303 },
    );
  });

  it.each([
    ['', 0],
    ['a', 1],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    ['\ud83d', 3],
  ])('%j is %i bytes', (text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
  });
});

describe('utf8Max', () => {
  const schema = z.string().superRefine(utf8Max(TEXT_MAX_BYTES));

  it('takes text of exactly the limit in UTF-8 bytes', () => {
    expect(schema.safeParse('é'.repeat(500_000)).success).toBe(true);
  });

  it('refuses 600,000 "é" (1,200,000 bytes, 600,000 UTF-16 units), saying both sizes', () => {
    const parsed = schema.safeParse('é'.repeat(600_000));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(
      'This text is 1,200,000 bytes (UTF-8); at most 1,000,000 are allowed.',
    );
  });

  it('refuses one byte over the limit', () => {
    expect(schema.safeParse('a'.repeat(TEXT_MAX_BYTES + 1)).success).toBe(false);
    expect(schema.safeParse('a'.repeat(TEXT_MAX_BYTES)).success).toBe(true);
  });
});
