import type { ReactNode } from 'react';

/**
 * A list of rows the user edits, removes (×) and adds to: build args and labels, tags, the Run
 * form's ports, variables and mounts, the wizard's variables and instructions. `renderRow` draws
 * one row's fields; `renderBelow` what goes under it (its errors, a hint).
 */
export function EditableRows<T>({
  rows,
  blank,
  addLabel,
  removeLabel,
  minRows = 0,
  rowClassName,
  onChange,
  renderRow,
  renderBelow,
}: {
  rows: readonly T[];
  blank: T;
  addLabel: string;
  /** The × button's accessible name for row `index` ("Remove tag 1"); without it the button reads ×. */
  removeLabel?(index: number): string;
  /** Fewer rows than this cannot be left: their × is hidden. */
  minRows?: number;
  /** Class of the element around a row and what is below it (only used with `renderBelow`). */
  rowClassName?: string;
  onChange(rows: T[]): void;
  renderRow(row: T, index: number, update: (row: T) => void): ReactNode;
  renderBelow?(row: T, index: number): ReactNode;
}) {
  return (
    <div className="pairs">
      {rows.map((row, index) => {
        const fields = (
          <div key={renderBelow ? undefined : index} className="row">
            {renderRow(row, index, (next) => onChange(rows.with(index, next)))}
            {rows.length > minRows ? (
              <button
                type="button"
                className="small"
                aria-label={removeLabel?.(index)}
                onClick={() => onChange(rows.filter((_, i) => i !== index))}
              >
                ×
              </button>
            ) : null}
          </div>
        );
        if (!renderBelow) return fields;
        return (
          <div key={index} className={rowClassName}>
            {fields}
            {renderBelow(row, index)}
          </div>
        );
      })}
      <button type="button" className="small" onClick={() => onChange([...rows, blank])}>
        {addLabel}
      </button>
    </div>
  );
}
