/**
 * What the Layers screen receives: an image's details with its history mapped to the
 * Dockerfile it was built from (when Dockwright built it), and comparisons of two of them.
 */
import type { ImageContents } from './image-contents';
import type { ImageComparison, ImageDetails } from './layer-model';

/** An image and, when Dockwright built it, the Dockerfile and the build that made it. */
export interface LayersView {
  details: ImageDetails;
  /** The Dockerfile as it was built (from the build history), so lines point at what ran. */
  dockerfile: { path: string; text: string; buildId: string } | null;
}

/** Two images side by side. */
export interface LayersComparison {
  a: LayersView;
  b: LayersView;
  comparison: ImageComparison;
}

/** Progress and outcome of a contents analysis, on the `analysis:event` channel. */
export type AnalysisEvent =
  | { kind: 'progress'; bytesRead: number; totalBytes: number }
  | { kind: 'done'; contents: ImageContents }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' };
