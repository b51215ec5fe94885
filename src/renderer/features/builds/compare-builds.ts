import { inDockerfileOrder, type BuildStep } from '@shared/builds/build-model';
import type { CacheReason } from '@shared/cache/cache-model';
import type { ImageDetails } from '@shared/layers/layer-history';

/** One row of "Compare with previous build": a step of the newer build beside the same step before. */
export interface ComparedStep {
  line: number | null;
  instruction: string;
  cached: boolean;
  /** Run time now and in the build before (null: did not run or not in that build). */
  durationMs: number | null;
  previousMs: number | null;
  /** Now minus before; null when either is unknown. */
  deltaMs: number | null;
  /** Bytes of the layers the step made, now and before (null: image gone, or no such step). */
  sizeBytes: number | null;
  previousSizeBytes: number | null;
  sizeDeltaBytes: number | null;
  reason: CacheReason | null;
}

/** Layer bytes per Dockerfile line of an image Dockwright built (base image layers left out). */
export type SizesByLine = ReadonlyMap<number, number>;

/** The history's layer sizes summed per Dockerfile line; null when the image could not be read. */
export function layerSizesByLine(details: ImageDetails | null | undefined): SizesByLine | null {
  if (!details) return null;
  const sizes = new Map<number, number>();
  for (const entry of details.history) {
    if (entry.fromBaseImage || entry.dockerfileLine === null) continue;
    sizes.set(entry.dockerfileLine, (sizes.get(entry.dockerfileLine) ?? 0) + entry.sizeBytes);
  }
  return sizes;
}

const ran = (step: BuildStep): boolean => step.startedAt !== null && step.endedAt !== null;
const durationOf = (step: BuildStep): number | null =>
  ran(step) ? Math.max(0, step.endedAt! - step.startedAt!) : null;

/**
 * Pairs each Dockerfile step of `current` with the same step of `previous`: the same instruction
 * on the same line first, then the same instruction anywhere (a reordered Dockerfile moves lines).
 */
export function compareBuildSteps(
  current: readonly BuildStep[],
  previous: readonly BuildStep[],
  reasonAt: (line: number) => CacheReason | null,
  sizes: { current: SizesByLine | null; previous: SizesByLine | null } = { current: null, previous: null },
): ComparedStep[] {
  const before = inDockerfileOrder(previous.filter((step) => !step.internal));
  const used = new Set<BuildStep>();
  const claim = (match: (step: BuildStep) => boolean): BuildStep | null => {
    const found = before.find((step) => !used.has(step) && match(step)) ?? null;
    if (found) used.add(found);
    return found;
  };
  const now = inDockerfileOrder(current.filter((step) => !step.internal));
  // Exact matches are claimed first so a moved step cannot take another step's partner.
  const exact = new Map(
    now.map((step) => [
      step,
      claim((other) => other.line === step.line && other.instruction === step.instruction),
    ]),
  );
  return now.map((step) => {
    const partner = exact.get(step) ?? claim((other) => other.instruction === step.instruction);
    const durationMs = step.status === 'cached' ? 0 : durationOf(step);
    const previousMs = partner ? (partner.status === 'cached' ? 0 : durationOf(partner)) : null;
    const sizeOf = (bytes: SizesByLine | null, line: number | null | undefined): number | null =>
      bytes && line !== null && line !== undefined ? (bytes.get(line) ?? null) : null;
    const sizeBytes = sizeOf(sizes.current, step.line);
    const previousSizeBytes = sizeOf(sizes.previous, partner?.line);
    return {
      line: step.line,
      instruction: step.instruction,
      cached: step.status === 'cached',
      durationMs,
      previousMs,
      deltaMs: durationMs !== null && previousMs !== null ? durationMs - previousMs : null,
      sizeBytes,
      previousSizeBytes,
      sizeDeltaBytes: sizeBytes !== null && previousSizeBytes !== null ? sizeBytes - previousSizeBytes : null,
      reason: step.line !== null ? reasonAt(step.line) : null,
    };
  });
}

/** `+1.2 MB`, `−340 B`, `±0`: a change in size, signed. */
export function sizeDeltaText(bytes: number, format: (bytes: number) => string): string {
  if (bytes === 0) return '±0';
  return `${bytes > 0 ? '+' : '−'}${format(Math.abs(bytes))}`;
}

/** `+12.3 s`, `−400 ms`, `±0`: a change in run time, signed. */
export function deltaText(ms: number): string {
  if (Math.abs(ms) < 50) return '±0';
  const sign = ms > 0 ? '+' : '−';
  const size = Math.abs(ms);
  const body = size < 1000 ? `${Math.round(size)} ms` : `${(size / 1000).toFixed(1)} s`;
  return `${sign}${body}`;
}
