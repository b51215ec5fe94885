/**
 * How many lines a log view shows before it folds the middle (see the log panel): a setting the
 * user changes from the log's toolbar, kept in the app's settings so it holds in every log.
 */
import { z } from 'zod';

/** What the toolbar offers; any whole number in the schema's range is accepted from the wire. */
export const SHOWN_LINE_CHOICES = [50_000, 200_000, 500_000, 1_000_000, 1_500_000] as const;

/** Lines shown before the middle is folded, until the user picks another number. */
export const DEFAULT_SHOWN_LINES = 200_000;

/**
 * The range a log view can honour: browsers stop growing a scrolled element near 2^25 px, so
 * 18 px rows stay under 1,500,000; fewer than 1,000 would fold ordinary logs.
 */
export const shownLinesSchema = z
  .number()
  .int('Give a whole number of lines')
  .min(1_000, 'Show at least 1,000 lines')
  .max(1_500_000, 'A log view can show at most 1,500,000 lines');

/** The log view settings as the renderer reads and writes them. */
export interface LogViewSettings {
  shownLines: number;
}
