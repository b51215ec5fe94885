/**
 * The line diff of a waste fix, read straight from its edits (no guessing which lines moved): what
 * "Show fix" draws, with each line's number before and after.
 */
import type { LintEdit } from '../dockerfile/lint/lint-types';

/** One line of a fix's diff. */
export interface WasteFixDiffLine {
  kind: 'same' | 'removed' | 'added';
  text: string;
  /** 1-based line in the file before the fix; null for an added line. */
  before: number | null;
  /** 1-based line in the file after the fix; null for a removed line. */
  after: number | null;
}

/**
 * The diff of `edits` (non-overlapping whole-line edits) over `text`, with up to `context`
 * unchanged lines around each change; unchanged lines further away are left out.
 */
export function wasteFixDiff(text: string, edits: readonly LintEdit[], context = 2): WasteFixDiffLine[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const sorted = [...edits].sort((a, b) => a.line - b.line);
  const all: WasteFixDiffLine[] = [];
  let after = 1;
  let next = 1;
  for (const edit of sorted) {
    for (; next < edit.line; next++)
      all.push({ kind: 'same', text: lines[next - 1]!, before: next, after: after++ });
    for (let line = edit.line; line <= edit.endLine; line++)
      all.push({ kind: 'removed', text: lines[line - 1] ?? '', before: line, after: null });
    if (edit.newText !== '')
      for (const added of edit.newText.split(/\r?\n/))
        all.push({ kind: 'added', text: added, before: null, after: after++ });
    next = edit.endLine + 1;
  }
  for (; next <= lines.length; next++)
    all.push({ kind: 'same', text: lines[next - 1]!, before: next, after: after++ });
  const changed = all.map((line, index) => (line.kind === 'same' ? -1 : index)).filter((index) => index >= 0);
  return all.filter(
    (line, index) => line.kind !== 'same' || changed.some((at) => Math.abs(at - index) <= context),
  );
}
