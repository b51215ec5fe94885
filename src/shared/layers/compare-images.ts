/**
 * Two images' histories side by side, layer by layer: the shared base once, then the rest
 * matched by instruction, with size deltas and a one-sentence headline.
 */
import { formatSize } from '../format-size';
import {
  instructionKeyword,
  normalizeSpaces,
  shorten,
  type ImageDetails,
  type LayerEntry,
} from './layer-history';
import { historySizeKind, sizeKindWords, type SizeKind } from './size-kinds';

/** How a comparison row's two sides were matched. */
export type ComparisonMatch =
  /** The same entry in both (the shared base: same layers, same history). */
  | 'shared'
  /** Different places in the history but the very same layer (same diff ID). */
  | 'same-layer'
  /** The same cleaned instruction text. */
  | 'same-instruction'
  /** The same keyword, in order, after the exact matches. */
  | 'same-keyword'
  | 'only-a'
  | 'only-b';

/** One line of a comparison. */
export interface ComparisonRow {
  match: ComparisonMatch;
  a: LayerEntry | null;
  b: LayerEntry | null;
  /** The instruction to show: b's when it has one, else a's. */
  instruction: string;
  aBytes: number;
  bBytes: number;
  /** b − a. */
  deltaBytes: number;
  /** Delta as a percentage of a; null when a is 0 and b is not. */
  deltaPercent: number | null;
}

/** Two images side by side. */
export interface ImageComparison {
  /** Entries both images share from the start (same layers and history), shown once. */
  sharedCount: number;
  sharedBytes: number;
  /** Every row, shared ones first, then the rest in history order. */
  rows: ComparisonRow[];
  totals: { aBytes: number; bBytes: number; deltaBytes: number; deltaPercent: number | null };
  /** The row that grew the most (positive delta), if any. */
  grewMost: ComparisonRow | null;
  /** The row that shrank the most (negative delta), if any. */
  shrankMost: ComparisonRow | null;
  /** What every size here counts: the engine's history sizes (on disk on the containerd store). */
  sizeKind: SizeKind;
  /** One sentence saying what changed, in `docker images` units. */
  headline: string;
}

/**
 * Compares two images' histories, `a` → `b`: every delta is b − a, so pass the older image as
 * `a` (see `olderFirst`). With `labels`, the headline names the two sides in that order.
 *
 * Entries are shared while both images have the same layer (diff ID) or the same empty entry at
 * the same place: that prefix is the common base. The rest is matched by cleaned instruction
 * text (longest common subsequence), then, between those, by keyword in order; what is left
 * appears on one side only.
 */
export function compareImages(
  a: ImageDetails,
  b: ImageDetails,
  labels?: { a: string; b: string },
): ImageComparison {
  const rows: ComparisonRow[] = [];
  let shared = 0;
  while (shared < a.history.length && shared < b.history.length) {
    const left = a.history[shared]!;
    const right = b.history[shared]!;
    const same =
      left.emptyLayer === right.emptyLayer &&
      (left.emptyLayer
        ? left.createdBy === right.createdBy
        : left.diffId !== null && left.diffId === right.diffId);
    if (!same) break;
    rows.push(makeRow('shared', left, right));
    shared++;
  }
  const restA = a.history.slice(shared);
  const restB = b.history.slice(shared);
  const exact = longestCommonSubsequence(
    restA,
    restB,
    (x, y) => normalizeSpaces(x.instruction) === normalizeSpaces(y.instruction),
  );
  let previousA = 0;
  let previousB = 0;
  const emitGap = (endA: number, endB: number): void => {
    const gapA = restA.slice(previousA, endA);
    const gapB = restB.slice(previousB, endB);
    const byKeyword = longestCommonSubsequence(
      gapA,
      gapB,
      (x, y) =>
        (instructionKeyword(x.instruction) ?? x.instruction) ===
        (instructionKeyword(y.instruction) ?? y.instruction),
    );
    let ga = 0;
    let gb = 0;
    const stops: Array<[number, number]> = [...byKeyword, [gapA.length, gapB.length]];
    for (const [ia, ib] of stops) {
      while (ga < ia) rows.push(makeRow('only-a', gapA[ga++]!, null));
      while (gb < ib) rows.push(makeRow('only-b', null, gapB[gb++]!));
      if (ia < gapA.length && ib < gapB.length) {
        rows.push(
          makeRow(sameLayer(gapA[ia]!, gapB[ib]!) ? 'same-layer' : 'same-keyword', gapA[ia]!, gapB[ib]!),
        );
        ga++;
        gb++;
      }
    }
  };
  for (const [ia, ib] of exact) {
    emitGap(ia, ib);
    const left = restA[ia]!;
    const right = restB[ib]!;
    rows.push(makeRow(sameLayer(left, right) ? 'same-layer' : 'same-instruction', left, right));
    previousA = ia + 1;
    previousB = ib + 1;
  }
  emitGap(restA.length, restB.length);

  const aBytes = sum(a.history.map((entry) => entry.sizeBytes));
  const bBytes = sum(b.history.map((entry) => entry.sizeBytes));
  const grew = rows.reduce<ComparisonRow | null>(
    (best, row) => (row.deltaBytes > 0 && (!best || row.deltaBytes > best.deltaBytes) ? row : best),
    null,
  );
  const shrank = rows.reduce<ComparisonRow | null>(
    (best, row) => (row.deltaBytes < 0 && (!best || row.deltaBytes < best.deltaBytes) ? row : best),
    null,
  );
  const totals = { aBytes, bBytes, deltaBytes: bBytes - aBytes, deltaPercent: percent(aBytes, bBytes) };
  const sizeKind = historySizeKind(b.imageStore);
  return {
    sharedCount: shared,
    sharedBytes: sum(rows.slice(0, shared).map((row) => row.aBytes)),
    rows,
    totals,
    grewMost: grew,
    shrankMost: shrank,
    sizeKind,
    headline: `${labels ? `${labels.a} → ${labels.b}: ` : ''}${comparisonHeadline(totals, grew, shrank, sizeKind)}`,
  };
}

function sameLayer(left: LayerEntry, right: LayerEntry): boolean {
  return left.diffId !== null && left.diffId === right.diffId;
}

function makeRow(match: ComparisonMatch, a: LayerEntry | null, b: LayerEntry | null): ComparisonRow {
  const aBytes = a?.sizeBytes ?? 0;
  const bBytes = b?.sizeBytes ?? 0;
  return {
    match,
    a,
    b,
    instruction: (b ?? a)!.instruction,
    aBytes,
    bBytes,
    deltaBytes: bBytes - aBytes,
    deltaPercent: percent(aBytes, bBytes),
  };
}

function percent(from: number, to: number): number | null {
  if (from === 0) return to === 0 ? 0 : null;
  return ((to - from) / from) * 100;
}

/** A signed size in `docker images` units: `+5.24MB`, `-12kB`, `0B`. */
export function formatSizeDelta(bytes: number): string {
  if (bytes === 0) return '0B';
  return `${bytes > 0 ? '+' : '-'}${formatSize(Math.abs(bytes))}`;
}

function formatPercent(value: number | null): string {
  if (value === null) return 'new';
  if (value !== 0 && Math.abs(value) < 0.05) return 'under 0.1%';
  const rounded = Math.abs(value) >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded > 0 ? '+' : ''}${rounded}%`;
}

function comparisonHeadline(
  totals: ImageComparison['totals'],
  grew: ComparisonRow | null,
  shrank: ComparisonRow | null,
  kind: SizeKind,
): string {
  // Content is what the words mean without a qualifier; other kinds are named once, on the totals.
  const onDisk = kind === 'content' ? '' : ` ${sizeKindWords(kind)}`;
  const parts = [
    totals.deltaBytes === 0
      ? `Same size${onDisk} (${formatSize(totals.aBytes)}).`
      : `${formatSize(totals.aBytes)} → ${formatSize(totals.bBytes)}${onDisk} (${formatSizeDelta(totals.deltaBytes)}, ${formatPercent(totals.deltaPercent)}).`,
  ];
  if (grew) parts.push(`Grew most: ${shorten(grew.instruction)} (${formatSizeDelta(grew.deltaBytes)}).`);
  if (shrank)
    parts.push(`Shrank most: ${shorten(shrank.instruction)} (${formatSizeDelta(shrank.deltaBytes)}).`);
  return parts.join(' ');
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Index pairs of a longest common subsequence under `same`, in order. */
function longestCommonSubsequence<T>(a: T[], b: T[], same: (x: T, y: T) => boolean): Array<[number, number]> {
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] = same(a[i]!, b[j]!)
        ? lengths[(i + 1) * width + j + 1]! + 1
        : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (same(a[i]!, b[j]!) && lengths[i * width + j] === lengths[(i + 1) * width + j + 1]! + 1) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      i++;
    } else {
      j++;
    }
  }
  return pairs;
}
