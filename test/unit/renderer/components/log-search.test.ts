import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendLog, emptyLog } from '../../../../src/shared/operations/log-lines';
import { logSource } from '../../../../src/renderer/components/log-source';
import {
  countBetween,
  lowerBound,
  newSearch,
  searching,
  searchSlice,
} from '../../../../src/renderer/components/log-search';

const numbered = (from: number, to: number): string =>
  Array.from({ length: to - from }, (_, index) => `line ${from + index}\n`).join('');

describe('searchSlice', () => {
  it('reads at most a slice of lines per call, and finds what a whole search finds', () => {
    const source = logSource(appendLog(emptyLog(), numbered(0, 1000)));
    let search = newSearch('LINE 9');
    let slices = 0;
    while (searching(search, source)) {
      const before = search.scanned;
      search = searchSlice(search, source, 100);
      expect(search.scanned - before).toBeLessThanOrEqual(100);
      slices += 1;
    }
    expect(slices).toBe(10);
    const whole: number[] = [];
    for (let index = 0; index < 1000; index++) if (`line ${index}`.includes('line 9')) whole.push(index);
    expect(search.matches).toEqual(whole);
  });

  it('goes on from where it stopped as lines stream in, never reading the unfinished line', () => {
    let log = appendLog(emptyLog(), 'needle 1\nhay\nneedle');
    let search = searchSlice(newSearch('needle'), logSource(log), 1000);
    expect(search.matches).toEqual([0]);
    expect(searching(search, logSource(log))).toBe(false);
    log = appendLog(log, ' 2\nneedle 3\n');
    expect(searching(search, logSource(log))).toBe(true);
    search = searchSlice(search, logSource(log), 1000);
    expect(search.matches).toEqual([0, 2, 3]);
  });

  it('starts again on a log replaced rather than grown', () => {
    const first = appendLog(emptyLog(), 'needle\nneedle\n');
    const search = searchSlice(newSearch('needle'), logSource(first), 1000);
    const other = logSource(appendLog(emptyLog(), 'hay\nneedle\n'));
    expect(searching(search, other)).toBe(true);
    expect(searchSlice(search, other, 1000).matches).toEqual([1]);
  });

  it('finds the same lines whatever the slice size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'A', '\n') }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 7 }),
        (pieces, budget) => {
          const source = logSource(pieces.reduce(appendLog, emptyLog()));
          let sliced = newSearch('ab');
          while (searching(sliced, source)) sliced = searchSlice(sliced, source, budget);
          const whole = searchSlice(newSearch('ab'), source, Number.MAX_SAFE_INTEGER);
          expect(sliced.matches).toEqual(whole.matches);
        },
      ),
      { seed: 2104 },
    );
  });
});

describe('countBetween', () => {
  it('counts the matches that fall in folded lines', () => {
    expect(countBetween([1, 5, 9, 12, 40], 5, 12)).toBe(2);
    expect(lowerBound([1, 5, 9], 6)).toBe(2);
  });
});
