/**
 * Option combinations for the wizard's table tests: the full product when it is small enough to
 * lint in a few seconds, otherwise a covering set in which every combination of values of any
 * `strength` options appears at least once (greedy, deterministic).
 */

/** Every combination when there are at most `limit`, else a t-wise covering set; indexes into each option's examples. */
export function optionCombinations(valueCounts: readonly number[], limit: number, strength = 4): number[][] {
  const product = valueCounts.reduce((total, count) => total * count, 1);
  if (product <= limit) return fullProduct(valueCounts);
  return coveringSet(valueCounts, Math.min(strength, valueCounts.length));
}

function fullProduct(valueCounts: readonly number[]): number[][] {
  let combos: number[][] = [[]];
  for (const count of valueCounts) {
    combos = combos.flatMap((combo) => Array.from({ length: count }, (_, value) => [...combo, value]));
  }
  return combos;
}

/** All `size`-element subsets of `items`, in order. */
function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  const result: T[][] = [];
  for (let index = 0; index <= items.length - size; index++) {
    for (const rest of subsets(items.slice(index + 1), size - 1)) result.push([items[index]!, ...rest]);
  }
  return result;
}

const keyOf = (options: readonly number[], combo: readonly number[]): string =>
  options.map((option) => `${option}:${combo[option]}`).join('|');

function coveringSet(valueCounts: readonly number[], strength: number): number[][] {
  const allOptions = valueCounts.map((_, option) => option);
  const optionSets = subsets(allOptions, strength);
  const uncovered = new Set<string>();
  for (const options of optionSets) {
    for (const values of fullProduct(options.map((option) => valueCounts[option]!))) {
      const combo: number[] = [];
      options.forEach((option, position) => (combo[option] = values[position]!));
      uncovered.add(keyOf(options, combo));
    }
  }

  const combos: number[][] = [];
  while (uncovered.size > 0) {
    const combo = new Array<number>(valueCounts.length).fill(-1);
    for (const part of (uncovered.values().next().value as string).split('|')) {
      const [option, value] = part.split(':').map(Number);
      combo[option!] = value!;
    }
    for (const option of allOptions) {
      if (combo[option] !== -1) continue;
      const fixed = allOptions.filter((other) => combo[other] !== -1);
      const partners = subsets(fixed, strength - 1);
      let best = 0;
      let bestGain = -1;
      for (let value = 0; value < valueCounts[option]!; value++) {
        combo[option] = value;
        let gain = 0;
        for (const others of partners) {
          if (
            uncovered.has(
              keyOf(
                [...others, option].sort((a, b) => a - b),
                combo,
              ),
            )
          )
            gain++;
        }
        if (gain > bestGain) {
          best = value;
          bestGain = gain;
        }
      }
      combo[option] = best;
    }
    for (const options of optionSets) uncovered.delete(keyOf(options, combo));
    combos.push(combo);
  }
  return combos;
}
