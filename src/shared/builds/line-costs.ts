/**
 * What each Dockerfile line cost in a build (issue #20's editor gutter): how long its step ran and
 * how many bytes its layers added, for the lines that still read as they did in that build.
 */
import { formatSize } from '../format-size';
import type { BuildStep } from './build-model';

/** One line's cost: the short text beside it, the sentence on hover, and whether it is heavy. */
export interface LineCostText {
  line: number;
  text: string;
  title: string;
  heavy: boolean;
}

/** A step whose layers hold at least this share of what the build added stands out. */
const HEAVY_SHARE = 0.5;

function tookAtLeast(step: BuildStep, ms: number): boolean {
  return step.startedAt !== null && step.endedAt !== null && step.endedAt - step.startedAt >= ms;
}

/** `850 ms`, `2.1 s`, `3 min 05 s`. */
export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/**
 * The costs of `steps` by Dockerfile line, against `currentText`: a line edited since the build
 * (its text differs from `builtText`'s) gets no mark, because the numbers are about what it was.
 * `sizes` are layer bytes per line (null when the image could not be read: durations only).
 */
export function lineCosts(input: {
  steps: readonly BuildStep[];
  builtText: string;
  currentText: string;
  sizes: ReadonlyMap<number, number> | null;
  /** Words for the build in the hover text ("the build of 14:02"). */
  buildName: string;
}): LineCostText[] {
  const built = input.builtText.split('\n');
  const current = input.currentText.split('\n');
  const byLine = new Map<number, { ms: number; ran: boolean; known: boolean }>();
  for (const step of input.steps) {
    if (step.internal || step.line === null) continue;
    // A FROM only names the base (its layers are not the build's): worth a mark only when it pulled.
    if (/^FROM\b/i.test(step.instruction) && !tookAtLeast(step, 1000)) continue;
    const entry = byLine.get(step.line) ?? { ms: 0, ran: false, known: false };
    if (step.startedAt !== null && step.endedAt !== null) {
      entry.ms += Math.max(0, step.endedAt - step.startedAt);
      entry.known = true;
    }
    entry.ran ||= step.status !== 'cached';
    byLine.set(step.line, entry);
  }
  const added = [...(input.sizes?.values() ?? [])].reduce((sum, bytes) => sum + bytes, 0);
  const costs: LineCostText[] = [];
  for (const [line, entry] of byLine) {
    if (built[line - 1] === undefined || built[line - 1] !== current[line - 1]) continue;
    const bytes = input.sizes?.get(line) ?? null;
    const time = entry.ran ? (entry.known ? durationText(entry.ms) : 'ran') : 'cached';
    const text = bytes === null ? time : `${time} · ${formatSize(bytes)}`;
    const took = entry.ran
      ? entry.known
        ? `ran for ${durationText(entry.ms)}`
        : 'ran'
      : 'came from the cache';
    const size =
      bytes === null
        ? ''
        : bytes === 0
          ? ' and added no bytes to the image'
          : ` and added ${formatSize(bytes)} to the image${added > 0 ? ` (${Math.round((100 * bytes) / added)}% of what the build added)` : ''}`;
    costs.push({
      line,
      text,
      title: `In ${input.buildName}, this step ${took}${size}.`,
      heavy: bytes !== null && added > 0 && bytes / added >= HEAVY_SHARE && bytes > 1_000_000,
    });
  }
  return costs.sort((a, b) => a.line - b.line);
}
