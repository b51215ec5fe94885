/*
 * The editor's cache gutter (issue #17): beside each instruction, whether the next build will take
 * it from cache (✓) or run it (↻), with the reason on hover. Markers follow their lines while
 * typing and are replaced when a new prediction arrives.
 */
import { RangeSet, RangeSetBuilder, StateEffect, StateField, type Extension } from '@codemirror/state';
import { gutter, GutterMarker, type EditorView } from '@codemirror/view';

/** One line's forecast: will the next build take it from cache, and why (in words). */
export interface LinePrediction {
  line: number;
  cached: boolean;
  text: string;
}

const setCacheLines = StateEffect.define<readonly LinePrediction[]>();

class CacheMarker extends GutterMarker {
  constructor(
    readonly cached: boolean,
    readonly text: string,
  ) {
    super();
  }

  override eq(other: GutterMarker): boolean {
    return other instanceof CacheMarker && other.cached === this.cached && other.text === this.text;
  }

  override toDOM(): Node {
    const mark = document.createElement('span');
    mark.className = this.cached ? 'cm-cache-mark cached' : 'cm-cache-mark runs';
    mark.textContent = this.cached ? '✓' : '↻';
    // The spacer that holds the gutter's width says nothing.
    if (!this.text) {
      mark.setAttribute('aria-hidden', 'true');
      return mark;
    }
    mark.title = this.text;
    mark.setAttribute('data-testid', 'cache-gutter-mark');
    mark.setAttribute('aria-label', this.text);
    return mark;
  }
}

const cacheMarks = StateField.define<RangeSet<GutterMarker>>({
  create: () => RangeSet.empty,
  update(marks, transaction) {
    for (const effect of transaction.effects) {
      if (!effect.is(setCacheLines)) continue;
      const { doc } = transaction.state;
      const builder = new RangeSetBuilder<GutterMarker>();
      const sorted = [...effect.value].filter((line) => line.line >= 1 && line.line <= doc.lines);
      sorted.sort((a, b) => a.line - b.line);
      let last = 0;
      for (const line of sorted) {
        if (line.line === last) continue;
        last = line.line;
        builder.add(
          doc.line(line.line).from,
          doc.line(line.line).from,
          new CacheMarker(line.cached, line.text),
        );
      }
      return builder.finish();
    }
    return marks.map(transaction.changes);
  },
});

export const cacheGutter: Extension = [
  cacheMarks,
  gutter({
    class: 'cm-cache-gutter',
    markers: (view) => view.state.field(cacheMarks),
    // Its width from the start: a gutter that widens when the forecast arrives moved the lint
    // marks from under the pointer.
    initialSpacer: () => new CacheMarker(false, ''),
  }),
];

export function showCacheLines(view: EditorView, lines: readonly LinePrediction[]): void {
  view.dispatch({ effects: setCacheLines.of(lines) });
}
