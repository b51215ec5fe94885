import { describe, expect, it } from 'vitest';
import { formatSize } from '../../../src/shared/format-size';

// Expected strings are what go-units HumanSizeWithPrecision(size, 3) returns, i.e. the SIZE
// column of `docker images`: decimal units and Go's `%.3g`.
describe('formatSize', () => {
  it.each([
    [0, '0B'],
    [1, '1B'],
    [999, '999B'],
    [1000, '1kB'],
    [1234, '1.23kB'],
    [1999, '2kB'],
    [10_240, '10.2kB'],
    [123_456, '123kB'],
    [1_987_654, '1.99MB'],
    [5_242_880, '5.24MB'],
    [117_000_000, '117MB'],
    [1e9, '1GB'],
    [72_800_000_000, '72.8GB'],
    [1.5e12, '1.5TB'],
    [2e15, '2PB'],
    [3e18, '3EB'],
  ])('reads %d bytes as %s like docker images', (bytes, expected) => {
    expect(formatSize(bytes)).toBe(expected);
  });

  it.each([
    [999_500, '1e+03kB'],
    [999_999, '1e+03kB'],
    [999_500_000, '1e+03MB'],
    [999_999_999_999, '1e+03GB'],
  ])('prints %d bytes as %s, the exponent form Go prints when %%.3g rounds up to 1000', (bytes, expected) => {
    expect(formatSize(bytes)).toBe(expected);
  });

  it.each([
    [1125, '1.12kB'],
    [1135, '1.14kB'],
    [12_250, '12.2kB'],
    [100_500, '100kB'],
    [2_625_000, '2.62MB'],
    [100_500_000, '100MB'],
  ])('rounds an exact half like Go, to the even digit: %d bytes is %s', (bytes, expected) => {
    expect(formatSize(bytes)).toBe(expected);
  });

  it('goes on to zettabytes like go-units', () => {
    expect(formatSize(1e21)).toBe('1ZB');
  });

  it('drops trailing zeros of the three significant digits', () => {
    expect(formatSize(1_200_000)).toBe('1.2MB');
    expect(formatSize(10_000_000)).toBe('10MB');
    expect(formatSize(100_000)).toBe('100kB');
  });

  it('keeps a fractional byte count below 1 kB in bytes', () => {
    expect(formatSize(0.5)).toBe('0.5B');
    expect(formatSize(512.25)).toBe('512B');
  });

  it('clamps a negative count to 0B (the engine never reports one)', () => {
    expect(formatSize(-5)).toBe('0B');
  });
});
