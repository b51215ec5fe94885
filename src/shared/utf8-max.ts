/**
 * Size limits on text that crosses the wire (a Dockerfile, a .dockerignore), counted the way the
 * wire counts them: in UTF-8 bytes. A limit in UTF-16 units let 600,000 "é" (1.2 MB) through.
 */
import type { z } from 'zod';

/** The most a text payload (a file's contents) may weigh, in UTF-8 bytes. */
export const TEXT_MAX_BYTES = 1_000_000;

/** Bytes of `text` in UTF-8; a lone surrogate counts 3, as the U+FFFD it is encoded as. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      index++;
    } else bytes += 3;
  }
  return bytes;
}

const grouped = (count: number): string => String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A zod refinement (for `superRefine`) that refuses text over `maxBytes` UTF-8 bytes, saying both sizes. */
export function utf8Max(maxBytes: number): (text: string, context: z.RefinementCtx) => void {
  return (text, context) => {
    // Each UTF-16 unit is at most 3 bytes: short text needs no count.
    if (text.length * 3 <= maxBytes) return;
    const bytes = utf8Length(text);
    if (bytes > maxBytes)
      context.addIssue({
        code: 'custom',
        message: `This text is ${grouped(bytes)} bytes (UTF-8); at most ${grouped(maxBytes)} are allowed.`,
      });
  };
}
