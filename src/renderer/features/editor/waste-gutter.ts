/*
 * The editor's waste gutter (issue #20): a warning mark on each line the last build's wasted bytes
 * come from — the line that wrote the files and the line that deleted or rewrote them — with the
 * bytes, what happened and the other line on hover. Marks follow their lines while typing and are
 * replaced when another report arrives.
 */
import { RangeSet, RangeSetBuilder, StateEffect, StateField, type Extension } from '@codemirror/state';
import { gutter, GutterMarker, type EditorView } from '@codemirror/view';
import { formatSize } from '@shared/format-size';
import { placeName, type WasteReport } from '@shared/layers/waste-report';

/** One line's waste: the sentence on hover and how many bytes it concerns. */
export interface LineWaste {
  line: number;
  title: string;
  bytes: number;
}

const setLineWaste = StateEffect.define<readonly LineWaste[]>();

class WasteMarker extends GutterMarker {
  constructor(readonly waste: LineWaste | null) {
    super();
  }

  override eq(other: GutterMarker): boolean {
    return other instanceof WasteMarker && other.waste?.title === this.waste?.title;
  }

  override toDOM(): Node {
    const mark = document.createElement('span');
    mark.className = 'cm-waste-mark';
    mark.textContent = '⚠';
    if (!this.waste) {
      mark.style.visibility = 'hidden';
      mark.setAttribute('aria-hidden', 'true');
      return mark;
    }
    mark.title = this.waste.title;
    mark.setAttribute('data-testid', 'waste-gutter-mark');
    mark.setAttribute('aria-label', this.waste.title);
    return mark;
  }
}

const wasteMarks = StateField.define<RangeSet<GutterMarker>>({
  create: () => RangeSet.empty,
  update(marks, transaction) {
    for (const effect of transaction.effects) {
      if (!effect.is(setLineWaste)) continue;
      const { doc } = transaction.state;
      const builder = new RangeSetBuilder<GutterMarker>();
      const sorted = effect.value.filter((waste) => waste.line >= 1 && waste.line <= doc.lines);
      sorted.sort((a, b) => a.line - b.line);
      for (const waste of sorted) {
        const at = doc.line(waste.line).from;
        builder.add(at, at, new WasteMarker(waste));
      }
      return builder.finish();
    }
    return marks.map(transaction.changes);
  },
});

export const wasteGutter: Extension = [
  wasteMarks,
  gutter({
    class: 'cm-waste-gutter',
    markers: (view) => view.state.field(wasteMarks),
    // As wide as a mark from the start, so the text does not move when a report arrives.
    initialSpacer: () => new WasteMarker(null),
  }),
];

/** Replaces the waste marks (an empty list clears them). */
export function showLineWaste(view: EditorView, waste: readonly LineWaste[]): void {
  view.dispatch({ effects: setLineWaste.of(waste) });
}

/**
 * The marks for `text` (the file as it is now): each of this Dockerfile's findings on its writer
 * and remover lines, found as `placeWasteMarks` finds them (the built line, else the one line that
 * reads the same); a line with several findings gets one mark saying all of them.
 */
export function lineWaste(
  report: WasteReport,
  lineOf: (place: { line: number | null; lineText: string | null }) => number | null,
): LineWaste[] {
  const byLine = new Map<number, LineWaste>();
  const add = (line: number | null, bytes: number, sentence: string): void => {
    if (line === null) return;
    const existing = byLine.get(line);
    byLine.set(
      line,
      existing
        ? { line, bytes: existing.bytes + bytes, title: `${existing.title}\n${sentence}` }
        : { line, bytes, title: sentence },
    );
  };
  for (const finding of report.findings) {
    const size = formatSize(finding.bytes);
    const verb = finding.how === 'deleted' ? 'deleted' : 'written again';
    if (!finding.writer.fromBaseImage)
      add(
        lineOf(finding.writer),
        finding.bytes,
        `Wasted ${size}: files written here are ${verb} by ${placeName(finding.remover)}, but stay stored in this line's layer (${finding.paths[0] ?? 'files'}${finding.paths.length > 1 ? ' …' : ''}).`,
      );
    if (!finding.remover.fromBaseImage)
      add(
        lineOf(finding.remover),
        finding.bytes,
        finding.writer.fromBaseImage
          ? `Wasted ${size}: this line ${finding.how === 'deleted' ? 'deletes' : 'rewrites'} files of the base image, which stay stored there.`
          : `Wasted ${size}: this line ${finding.how === 'deleted' ? 'deletes' : 'rewrites'} files written by ${placeName(finding.writer)}, too late: they stay stored in that layer.`,
      );
  }
  return [...byLine.values()];
}

/** Where a built line is in `text` now: the same line when it reads the same, else the one line that does. */
export function currentLine(
  text: string,
): (place: { line: number | null; lineText: string | null }) => number | null {
  const lines = text.split('\n').map((line) => line.trim());
  return (place) => {
    if (place.line === null || place.lineText === null || place.lineText === '') return null;
    if (lines[place.line - 1] === place.lineText) return place.line;
    const same = lines.flatMap((line, index) => (line === place.lineText ? [index + 1] : []));
    return same.length === 1 ? same[0]! : null;
  };
}
