/**
 * The user's own .dockerignore patterns that the generated file lacks, one checkbox each (kept
 * unless unticked): overwriting never drops a line the user did not choose to drop.
 */
export function KeptIgnoreLines({
  lines,
  dropped,
  onChange,
}: {
  lines: readonly string[];
  dropped: ReadonlySet<string>;
  onChange(dropped: Set<string>): void;
}) {
  if (lines.length === 0) return null;
  return (
    <fieldset className="kept-lines" data-testid="wizard-kept-lines">
      <legend>
        Lines of your .dockerignore the new one does not have (ticked lines are kept at its end)
      </legend>
      {lines.map((line) => (
        <label key={line} className="check">
          <input
            type="checkbox"
            checked={!dropped.has(line)}
            onChange={(event) => {
              const next = new Set(dropped);
              if (event.target.checked) next.delete(line);
              else next.add(line);
              onChange(next);
            }}
          />
          <code>{line}</code>
        </label>
      ))}
    </fieldset>
  );
}
