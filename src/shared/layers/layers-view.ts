/**
 * What the Layers screen receives: an image's details with its history mapped to the
 * Dockerfile it was built from (when Dockwright built it), and comparisons of two of them.
 */
import type { ImageContents } from './image-contents';
import type { ImageComparison } from './compare-images';
import type { ImageDetails } from './layer-history';
import type { WasteReport } from './waste-report';

/** An image and, when Dockwright built it, the Dockerfile and the build that made it. */
export interface LayersView {
  details: ImageDetails;
  /** The Dockerfile as it was built (from the build history), so lines point at what ran. */
  dockerfile: { path: string; text: string; buildId: string } | null;
}

/**
 * Two images side by side, always older → newer: `a` is the older image (left), `b` the newer
 * (right), and every delta is newer − older, whichever order they were asked for in.
 */
export interface LayersComparison {
  a: LayersView;
  b: LayersView;
  /** `app:1.1 (1a2b3c4d5e6f)` per side, for headers, legend and sentences. */
  labels: { a: string; b: string };
  /** True when the request named the newer image first. */
  swapped: boolean;
  comparison: ImageComparison;
}

/**
 * Where the background search for wasted bytes of one image stands (`waste:get`, and the
 * `waste:event` channel). It starts by itself when a build succeeds, after the build's `finished`.
 */
export type WasteStatus =
  /** Held back while a build runs, so the two do not share the engine. */
  | { state: 'waiting'; imageId: string }
  | { state: 'running'; imageId: string }
  | { state: 'done'; imageId: string; report: WasteReport }
  | { state: 'failed'; imageId: string; message: string }
  | { state: 'cancelled'; imageId: string };

/** Progress and outcome of a contents analysis, on the `analysis:event` channel. */
export type AnalysisEvent =
  | { kind: 'progress'; bytesRead: number; totalBytes: number }
  | { kind: 'done'; contents: ImageContents }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' };
