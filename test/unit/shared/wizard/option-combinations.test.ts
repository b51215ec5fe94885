import { describe, expect, it } from 'vitest';
import { optionCombinations } from './option-combinations';

/** Whether every combination of values of every `strength` options appears in some combo. */
function coversAll(counts: readonly number[], combos: readonly number[][], strength: number): boolean {
  const check = (chosen: number[], next: number): boolean => {
    if (chosen.length === strength) {
      const tuples = chosen.reduce<number[][]>(
        (partial, option) =>
          partial.flatMap((tuple) => Array.from({ length: counts[option]! }, (_, v) => [...tuple, v])),
        [[]],
      );
      return tuples.every((tuple) =>
        combos.some((combo) => chosen.every((option, i) => combo[option] === tuple[i])),
      );
    }
    for (let option = next; option < counts.length; option++)
      if (!check([...chosen, option], option + 1)) return false;
    return true;
  };
  return check([], 0);
}

describe('optionCombinations', () => {
  it('gives the full product while it is small enough', () => {
    const combos = optionCombinations([2, 1, 3], 10);
    expect(combos).toHaveLength(6);
    expect(new Set(combos.map((combo) => combo.join(','))).size).toBe(6);
  });

  it('covers every 3-way combination of values when asked for strength 3', () => {
    const counts = [4, 3, 3, 3, 2, 2, 2, 2, 2, 1];
    const combos = optionCombinations(counts, 100, 3);
    expect(combos.length).toBeLessThan(200);
    expect(coversAll(counts, combos, 3)).toBe(true);
  });

  it('covers every 4-way combination by default', () => {
    const counts = [4, 3, 3, 3, 2, 2, 2, 2, 1];
    const combos = optionCombinations(counts, 100);
    expect(combos.length).toBeLessThan(counts.reduce((total, count) => total * count, 1));
    expect(coversAll(counts, combos, 4)).toBe(true);
  });
});
