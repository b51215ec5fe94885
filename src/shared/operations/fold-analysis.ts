/** A contents analysis's events folded into what the Contents tab shows. */
import type { ImageContents } from '../layers/image-contents';
import type { AnalysisEvent } from '../layers/layers-view';
import type { OperationFold } from './operation-fold';

/** One contents analysis as far as its events tell. */
export type AnalysisState =
  | { state: 'running'; bytesRead: number; totalBytes: number }
  | { state: 'done'; contents: ImageContents }
  | { state: 'failed'; message: string }
  | { state: 'cancelled' };

/** The state of an analysis nothing has been heard of yet. */
export function initialAnalysisState(): AnalysisState {
  return { state: 'running', bytesRead: 0, totalBytes: 0 };
}

/** Folds one event into the analysis: each event says all there is to know. */
export function applyAnalysisEvent(_analysis: AnalysisState, event: AnalysisEvent): AnalysisState {
  switch (event.kind) {
    case 'progress':
      return { state: 'running', bytesRead: event.bytesRead, totalBytes: event.totalBytes };
    case 'done':
      return { state: 'done', contents: event.contents };
    case 'failed':
      return { state: 'failed', message: event.message };
    case 'cancelled':
      return { state: 'cancelled' };
  }
}

/** Analyses open at their first event: one read before (after its build) answers `done` at once. */
export const analysisFold: OperationFold<AnalysisState, AnalysisEvent> = {
  start: (_id, event) => applyAnalysisEvent(initialAnalysisState(), event),
  apply: (analysis, event) => applyAnalysisEvent(analysis, event),
};
