/**
 * Which step of the previous build each step of this build corresponds to.
 */
import type { StepInputs } from './cache-model';

/**
 * Pairs the steps of two builds stage by stage, by position of the instruction in its stage.
 *
 * Lines alone cannot pair them: a comment or blank line added above shifts every line but changes
 * no step. When a stage gained or lost instructions, pure positions would pair every later step
 * with its neighbour and report each as edited; there the stage's instructions are aligned on
 * their text first (longest common subsequence) and only the
 * steps between two aligned ones are paired by position. A step without a partner is new.
 * Returns the previous step per current step's line (null: new).
 */
export function matchCacheSteps(
  previous: StepInputs[],
  current: StepInputs[],
): Map<number, StepInputs | null> {
  const matches = new Map<number, StepInputs | null>();
  const before = byStage(previous);
  for (const [stage, steps] of byStage(current)) {
    const old = before.get(stage) ?? [];
    const pairs = steps.length === old.length ? steps.map((_, i) => i) : align(old, steps);
    steps.forEach((step, i) => {
      const j = pairs[i] ?? -1;
      matches.set(step.line, j >= 0 ? old[j]! : null);
    });
  }
  return matches;
}

function byStage(steps: StepInputs[]): Map<number, StepInputs[]> {
  const stages = new Map<number, StepInputs[]>();
  for (const step of steps) {
    const list = stages.get(step.stage) ?? [];
    list.push(step);
    stages.set(step.stage, list);
  }
  for (const list of stages.values()) list.sort((a, b) => a.line - b.line);
  return stages;
}

const keyOf = (step: StepInputs): string => `${step.keyword}\u0000${step.resolvedText}`;

/** For each current step, the index of its previous partner or -1. */
function align(old: StepInputs[], steps: StepInputs[]): number[] {
  const n = steps.length;
  const m = old.length;
  // lcs[i][j]: length of the common subsequence of steps[i..] and old[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] =
        keyOf(steps[i]!) === keyOf(old[j]!)
          ? lcs[i + 1]![j + 1]! + 1
          : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const anchors: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const same = keyOf(steps[i]!) === keyOf(old[j]!);
    if (same) anchors.push([i++, j++]);
    else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
    else j++;
  }
  const pairs = new Array<number>(n).fill(-1);
  let fromI = 0;
  let fromJ = 0;
  for (const [ai, aj] of [...anchors, [n, m] as [number, number]]) {
    for (let k = 0; fromI + k < ai && fromJ + k < aj; k++) pairs[fromI + k] = fromJ + k;
    if (ai < n) pairs[ai] = aj;
    fromI = ai + 1;
    fromJ = aj + 1;
  }
  return pairs;
}
