/*
 * The editor's cost gutter (issue #20): beside each instruction, what it cost in the file's last
 * build — how long it ran and how many bytes its layers added — with the whole sentence on hover.
 * Marks follow their lines while typing and are replaced when another build is the last one.
 */
import { RangeSet, RangeSetBuilder, StateEffect, StateField, type Extension } from '@codemirror/state';
import { gutter, GutterMarker, type EditorView } from '@codemirror/view';

/** One line's cost in the last build: the short text beside it and the sentence on hover. */
export interface LineCost {
  line: number;
  /** `2.1 s · 45 MB`, `cached · 12 kB`. */
  text: string;
  title: string;
  /** Whether the step's layers are a large share of the image: the mark stands out. */
  heavy: boolean;
}

const setLineCosts = StateEffect.define<readonly LineCost[]>();

class CostMarker extends GutterMarker {
  constructor(readonly cost: LineCost | null) {
    super();
  }

  override eq(other: GutterMarker): boolean {
    return (
      other instanceof CostMarker &&
      other.cost?.text === this.cost?.text &&
      other.cost?.title === this.cost?.title &&
      other.cost?.heavy === this.cost?.heavy
    );
  }

  override toDOM(): Node {
    const mark = document.createElement('span');
    mark.className = this.cost?.heavy ? 'cm-cost-mark heavy' : 'cm-cost-mark';
    // The spacer keeps the gutter as wide as a typical mark before the costs arrive.
    if (!this.cost) {
      mark.textContent = '00.0 s · 000 MB';
      mark.style.visibility = 'hidden';
      mark.setAttribute('aria-hidden', 'true');
      return mark;
    }
    mark.textContent = this.cost.text;
    mark.title = this.cost.title;
    mark.setAttribute('data-testid', 'cost-gutter-mark');
    mark.setAttribute('aria-label', this.cost.title);
    return mark;
  }
}

const costMarks = StateField.define<RangeSet<GutterMarker>>({
  create: () => RangeSet.empty,
  update(marks, transaction) {
    for (const effect of transaction.effects) {
      if (!effect.is(setLineCosts)) continue;
      const { doc } = transaction.state;
      const builder = new RangeSetBuilder<GutterMarker>();
      const sorted = effect.value.filter((cost) => cost.line >= 1 && cost.line <= doc.lines);
      sorted.sort((a, b) => a.line - b.line);
      let last = 0;
      for (const cost of sorted) {
        if (cost.line === last) continue;
        last = cost.line;
        const at = doc.line(cost.line).from;
        builder.add(at, at, new CostMarker(cost));
      }
      return builder.finish();
    }
    return marks.map(transaction.changes);
  },
});

export const costGutter: Extension = [
  costMarks,
  gutter({
    class: 'cm-cost-gutter',
    markers: (view) => view.state.field(costMarks),
    initialSpacer: () => new CostMarker(null),
  }),
];

/** Replaces the cost marks (an empty list clears them). */
export function showLineCosts(view: EditorView, costs: readonly LineCost[]): void {
  view.dispatch({ effects: setLineCosts.of(costs) });
}
