import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendLog, emptyLog } from '../../../../src/shared/operations/log-lines';
import {
  foldLines,
  lineOfRow,
  logSource,
  MAX_SHOWN_LINES,
  rowOfLine,
} from '../../../../src/renderer/components/log-source';

describe('foldLines', () => {
  it('shows every line up to the limit', () => {
    expect(foldLines(10, 10)).toEqual({ rows: 10, head: 10, folded: 0, tailStart: 10 });
  });

  it('past the limit keeps the head and the tail, with one row saying how many are folded', () => {
    const fold = foldLines(500_000, 200_000);
    expect(fold).toEqual({ rows: 200_001, head: 100_000, folded: 300_000, tailStart: 400_000 });
    expect(lineOfRow(fold, 99_999)).toBe(99_999);
    expect(lineOfRow(fold, 100_000)).toBeNull();
    expect(lineOfRow(fold, 100_001)).toBe(400_000);
    expect(lineOfRow(fold, 200_000)).toBe(499_999);
  });

  it('never shows more rows than a browser can scroll', () => {
    expect(foldLines(10_000_000, Number.POSITIVE_INFINITY).rows).toBe(MAX_SHOWN_LINES + 1);
  });

  it('maps rows to lines and back for every shown line, and folds the rest', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.integer({ min: 2, max: 3000 }), (count, limit) => {
        const fold = foldLines(count, limit);
        const shown = new Set<number>();
        for (let row = 0; row < fold.rows; row++) {
          const line = lineOfRow(fold, row);
          if (line === null) continue;
          expect(line).toBeLessThan(count);
          expect(rowOfLine(fold, line)).toBe(row);
          shown.add(line);
        }
        expect(shown.size + fold.folded).toBe(count);
        expect(fold.rows).toBe(count <= limit ? count : limit + 1);
      }),
      { seed: 2103 },
    );
  });
});

describe('logSource', () => {
  it('reads the unfinished last line after the whole ones, and never as complete', () => {
    const source = logSource(appendLog(emptyLog(), 'a\nb\r\nhalf'));
    expect(source.count).toBe(3);
    expect(source.complete).toBe(2);
    expect([0, 1, 2].map((index) => source.line(index))).toEqual(['a', 'b', 'half']);
  });

  it('leaves the unfinished line out when asked', () => {
    expect(logSource(appendLog(emptyLog(), 'a\nhalf'), false).count).toBe(1);
  });
});
