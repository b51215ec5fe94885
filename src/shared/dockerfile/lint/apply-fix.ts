/**
 * Applies a quick fix to the Dockerfile text it was computed for.
 */
import type { LintFix } from './lint-types';

/**
 * Returns `text` with the fix's line edits applied, keeping the file's line breaks (`\r\n` stays).
 *
 * Edits address lines of the text the fix was computed on; they are applied bottom-up so earlier
 * line numbers stay valid. Throws on an edit outside the text or edits that overlap: both mean the
 * fix belongs to another version of the file.
 */
export function applyFix(text: string, fix: LintFix): string {
  const lineBreak = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const edits = [...fix.edits].sort((a, b) => b.line - a.line);
  let previousStart = Infinity;
  for (const edit of edits) {
    if (
      edit.line < 1 ||
      edit.endLine < edit.line ||
      edit.endLine > lines.length ||
      edit.endLine >= previousStart
    ) {
      throw new Error(`Fix "${fix.title}" does not match this text (lines ${edit.line}-${edit.endLine}).`);
    }
    const replacement = edit.newText === '' ? [] : edit.newText.split(/\r?\n/);
    lines.splice(edit.line - 1, edit.endLine - edit.line + 1, ...replacement);
    previousStart = edit.line;
  }
  return lines.join(lineBreak);
}
