/**
 * Terminal limits the renderer needs too, kept apart from the zod schemas of `terminal.ts`: the
 * renderer bundle must not load zod, whose first object schema tries `new Function` (an eval the
 * page's CSP forbids and reports).
 */

/** The most UTF-8 bytes one `terminal:input` carries; a longer paste is sent in pieces. */
export const TERMINAL_INPUT_MAX_BYTES = 64 * 1024;
