/**
 * What the Files view of a comparison receives over `file-diff:event`: how far the two analyses
 * have read, then the diff with the same older → newer order and labels as the layer comparison.
 */
import type { OperationFold } from '../operations/operation-fold';
import type { FileDiff } from './file-diff';

/** Both images' names and ids, older (`a`) first, as `LayersComparison` orders them. */
export interface FileDiffView {
  labels: { a: string; b: string };
  imageIds: { a: string; b: string };
  /** True when the request named the newer image first. */
  swapped: boolean;
  diff: FileDiff;
}

/** How far one side's analysis has read (0 of 0 until the engine says how big the image is). */
export interface FileDiffSideProgress {
  bytesRead: number;
  totalBytes: number;
}

/** Progress and outcome of one file diff, tagged with its id on `file-diff:event`. */
export type FileDiffEvent =
  | { kind: 'progress'; a: FileDiffSideProgress; b: FileDiffSideProgress }
  | { kind: 'done'; view: FileDiffView }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' };

/** One file diff as far as its events tell (the Files view's state). */
export type FileDiffState =
  | { state: 'running'; a: FileDiffSideProgress; b: FileDiffSideProgress }
  | { state: 'done'; view: FileDiffView }
  | { state: 'failed'; message: string }
  | { state: 'cancelled' };

/** Each event says all there is to know, so folding is taking the latest. */
function applyFileDiffEvent(event: FileDiffEvent): FileDiffState {
  switch (event.kind) {
    case 'progress':
      return { state: 'running', a: event.a, b: event.b };
    case 'done':
      return { state: 'done', view: event.view };
    case 'failed':
      return { state: 'failed', message: event.message };
    case 'cancelled':
      return { state: 'cancelled' };
  }
}

/** File diffs open at their first event: two cached inventories answer `done` at once. */
export const fileDiffFold: OperationFold<FileDiffState, FileDiffEvent> = {
  start: (_id, event) => applyFileDiffEvent(event),
  apply: (_state, event) => applyFileDiffEvent(event),
};
