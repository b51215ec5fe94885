/**
 * "Verify" for a waste fix: the original and the fixed Dockerfile are built in the same context
 * and their final files compared by content digest (modification times ignored). The fix holds
 * when nothing differs apart from the wasted paths themselves and files that differ on every run
 * of the same step (logs with the time in them); what the operation reports, step by step.
 */
import { formatSize } from '../format-size';
import type { OperationFold } from '../operations/operation-fold';
import type { ImageInventory, InventoryFile } from './image-inventory';

/** One final file that is not the same in both images. */
export interface FileDifference {
  /** With a leading slash, as the UI shows paths. */
  path: string;
  change: 'added' | 'removed' | 'changed';
  beforeBytes: number | null;
  afterBytes: number | null;
}

/** Owner and mode of one path, as `stat` printed them inside each image. */
export interface OwnershipDifference {
  path: string;
  before: string | null;
  after: string | null;
}

/** What "Verify" found. */
export interface WasteFixVerification {
  /** True when the final files are the same apart from the wasted paths and run-to-run noise. */
  equivalent: boolean;
  /** `docker image inspect` sizes. */
  beforeBytes: number;
  afterBytes: number;
  /** Differences that count against the fix, biggest first (at most MAX_LISTED). */
  differences: FileDifference[];
  differenceCount: number;
  /** Files that differ only as they do on every run (logs, caches of timestamps), not held against it. */
  runToRun: FileDifference[];
  /** For a `--chown`/`--chmod` fix: owners and modes compared inside both images, or why not. */
  ownership: { compared: boolean; note: string; differences: OwnershipDifference[] };
  /** One sentence: `412MB → 301MB, the same files apart from the 111MB removed`. */
  summary: string;
  /** The two images (ids) and whether they were kept. */
  images: { before: string; after: string; kept: boolean };
  /** The two builds in the history, for their logs. */
  builds: { before: string; after: string };
}

/** The steps of a verification, for its progress line. */
export type WasteFixStep = 'build-original' | 'build-fixed' | 'read-files' | 'compare' | 'clean-up';

/** What `waste-fix:event` carries for one verification. */
export type WasteFixEvent =
  | { kind: 'step'; step: WasteFixStep; message: string; buildId: string | null }
  | { kind: 'done'; result: WasteFixVerification }
  | { kind: 'failed'; message: string; buildId: string | null }
  | { kind: 'cancelled' };

const MAX_LISTED = 50;

/**
 * Paths whose contents change on every run of the step that writes them, whatever the Dockerfile
 * says: package managers' logs carry the time, and apt's binary caches the times of the lists
 * they were built from (measured: `apt-get update` run twice on the same mirror gives the same
 * sizes, other bytes). Only a changed content is forgiven, never a file that appears or goes.
 */
const RUN_TO_RUN = [
  /^var\/cache\/apt\/(src)?pkgcache\.bin$/,
  /^var\/log\//,
  /^var\/cache\/debconf\/.*\.dat(-old)?$/,
  /^var\/cache\/ldconfig\/aux-cache$/,
  /\.pyc$/,
];

/** The final files' differences, split into those that count and those that are run-to-run noise. */
export function compareFinalFiles(
  before: ImageInventory,
  after: ImageInventory,
  wastedPaths: readonly string[],
): { differences: FileDifference[]; runToRun: FileDifference[]; allowed: FileDifference[] } {
  const wasted = wastedPaths.map((path) => path.replace(/^\/+/, ''));
  const isWasted = (path: string): boolean =>
    wasted.some((candidate) => path === candidate || path.startsWith(`${candidate}/`));
  const afterByPath = new Map(after.files.map((file) => [file.path, file]));
  const all: FileDifference[] = [];
  for (const file of before.files) {
    const other = afterByPath.get(file.path);
    afterByPath.delete(file.path);
    if (!other) all.push(difference(file.path, 'removed', file, null));
    else if (!sameFile(file, other)) all.push(difference(file.path, 'changed', file, other));
  }
  for (const file of afterByPath.values()) all.push(difference(file.path, 'added', null, file));
  const differences: FileDifference[] = [];
  const runToRun: FileDifference[] = [];
  const allowed: FileDifference[] = [];
  for (const item of all) {
    const path = item.path.slice(1);
    if (isWasted(path)) allowed.push(item);
    else if (item.change === 'changed' && RUN_TO_RUN.some((pattern) => pattern.test(path)))
      runToRun.push(item);
    else differences.push(item);
  }
  const biggest = (x: FileDifference, y: FileDifference): number =>
    Math.max(y.beforeBytes ?? 0, y.afterBytes ?? 0) - Math.max(x.beforeBytes ?? 0, x.afterBytes ?? 0) ||
    x.path.localeCompare(y.path);
  return { differences: differences.sort(biggest), runToRun: runToRun.sort(biggest), allowed };
}

function sameFile(x: InventoryFile, y: InventoryFile): boolean {
  return (
    x.kind === y.kind && x.sizeBytes === y.sizeBytes && x.digest === y.digest && x.linkTarget === y.linkTarget
  );
}

function difference(
  path: string,
  change: FileDifference['change'],
  before: InventoryFile | null,
  after: InventoryFile | null,
): FileDifference {
  return {
    path: `/${path}`,
    change,
    beforeBytes: before?.sizeBytes ?? null,
    afterBytes: after?.sizeBytes ?? null,
  };
}

/** The verification's result with its sentence, from the comparison and the two sizes. */
export function wasteFixVerification(input: {
  comparison: ReturnType<typeof compareFinalFiles>;
  ownership: WasteFixVerification['ownership'];
  beforeBytes: number;
  afterBytes: number;
  images: WasteFixVerification['images'];
  builds: WasteFixVerification['builds'];
}): WasteFixVerification {
  const { comparison, ownership, beforeBytes, afterBytes } = input;
  const equivalent = comparison.differences.length === 0 && ownership.differences.length === 0;
  const sizes = `${formatSize(beforeBytes)} → ${formatSize(afterBytes)}`;
  const saved = beforeBytes - afterBytes;
  let summary: string;
  if (!equivalent) {
    const parts: string[] = [];
    if (comparison.differences.length > 0)
      parts.push(
        `${comparison.differences.length} file${comparison.differences.length === 1 ? '' : 's'} differ`,
      );
    if (ownership.differences.length > 0)
      parts.push(
        `${ownership.differences.length} owner or mode${ownership.differences.length === 1 ? '' : 's'} differ`,
      );
    summary = `${sizes}, but not the same files: ${parts.join(' and ')}. Do not apply this fix as it is.`;
  } else {
    summary =
      saved > 0
        ? `${sizes}, the same files apart from the ${formatSize(saved)} removed`
        : `${sizes}: the same files, but the image did not get smaller`;
    if (comparison.runToRun.length > 0)
      summary += ` (${comparison.runToRun.length} log file${comparison.runToRun.length === 1 ? '' : 's'} differ, as on every run)`;
    if (ownership.compared) summary += '; owners and modes match';
    summary += '.';
  }
  return {
    equivalent,
    beforeBytes,
    afterBytes,
    differences: comparison.differences.slice(0, MAX_LISTED),
    differenceCount: comparison.differences.length,
    runToRun: comparison.runToRun.slice(0, MAX_LISTED),
    ownership,
    summary,
    images: input.images,
    builds: input.builds,
  };
}

/** The lines `stat -c '%u:%g %a %n'` printed, by path; differences between two such listings. */
export function compareOwnership(before: string, after: string): OwnershipDifference[] {
  const read = (text: string): Map<string, string> => {
    const byPath = new Map<string, string>();
    for (const line of text.split(/\r?\n/)) {
      const match = /^(\d+:\d+ [0-7]+) (.+)$/.exec(line.trim());
      if (match) byPath.set(match[2]!, match[1]!);
    }
    return byPath;
  };
  const x = read(before);
  const y = read(after);
  const paths = [...new Set([...x.keys(), ...y.keys()])].sort();
  return paths
    .filter((path) => x.get(path) !== y.get(path))
    .map((path) => ({ path, before: x.get(path) ?? null, after: y.get(path) ?? null }));
}

/** One verification as far as its events tell (main's events, folded the same way everywhere). */
export type WasteFixState =
  | { state: 'running'; step: WasteFixStep; message: string; buildId: string | null }
  | { state: 'done'; result: WasteFixVerification }
  | { state: 'failed'; message: string; buildId: string | null }
  | { state: 'cancelled' };

/** Folds one event: each says all there is to know, a step keeping the build it names until the next. */
export function applyWasteFixEvent(current: WasteFixState | null, event: WasteFixEvent): WasteFixState {
  switch (event.kind) {
    case 'step':
      return {
        state: 'running',
        step: event.step,
        message: event.message,
        buildId: event.buildId ?? (current?.state === 'running' ? current.buildId : null),
      };
    case 'done':
      return { state: 'done', result: event.result };
    case 'failed':
      return { state: 'failed', message: event.message, buildId: event.buildId };
    case 'cancelled':
      return { state: 'cancelled' };
  }
}

/** Verifications open at their first event. */
export const wasteFixFold: OperationFold<WasteFixState, WasteFixEvent> = {
  start: (_id, event) => applyWasteFixEvent(null, event),
  apply: (current, event) => applyWasteFixEvent(current, event),
};
