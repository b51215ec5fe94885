import type { BuildSecret } from '@shared/builds/build-request';
import { EditableRows } from '../../components/editable-rows';
import { FieldError } from '../../components/field-error';
import { usePickPath } from '../../components/use-pick-path';

/** A secret as the form edits it: its id, and a file path or a variable name. */
export interface SecretRow {
  id: string;
  from: 'file' | 'env';
  source: string;
}

const BLANK: SecretRow = { id: '', from: 'file', source: '' };

const isBlank = (row: SecretRow): boolean => !row.id.trim() && !row.source.trim();

/** A saved build keeps ids only: its rows come back with the source to fill in again. */
export function toSecretRows(secrets: readonly BuildSecret[] | undefined): SecretRow[] {
  return (secrets ?? []).map((secret) =>
    secret.env !== null
      ? { id: secret.id, from: 'env', source: secret.env }
      : { id: secret.id, from: 'file', source: secret.src ?? '' },
  );
}

/** The rows the request sends (blank ones left out), in order. */
export function fromSecretRows(rows: readonly SecretRow[]): BuildSecret[] {
  return rows.filter((row) => !isBlank(row)).map(toSecret);
}

function toSecret(row: SecretRow): BuildSecret {
  const source = row.source.trim() || null;
  return {
    id: row.id.trim(),
    src: row.from === 'file' ? source : null,
    env: row.from === 'env' ? source : null,
  };
}

/**
 * Build secrets for `RUN --mount=type=secret,id=…`: each from a file or a variable of Dockwright's
 * environment. `errorAt(field)` answers the start request's error for a request field.
 */
export function SecretRows({
  rows,
  onChange,
  errorAt,
}: {
  rows: SecretRow[];
  onChange(rows: SecretRow[]): void;
  errorAt(field: string): string | null;
}) {
  const { pick, picker } = usePickPath();
  // The request leaves blank rows out: a row's errors are at its place among the sent ones.
  const sentIndex = rows.map((_, index) => rows.slice(0, index).filter((row) => !isBlank(row)).length);
  const rowError = (index: number): string | null => {
    const at = `secrets.${sentIndex[index]}`;
    for (const field of [`${at}.id`, `${at}.src`, `${at}.env`, at]) {
      const message = errorAt(field);
      // The request check names the field first ("secrets.0.src: …"); under its row that says nothing.
      if (message) return message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
    }
    return null;
  };
  return (
    <>
      <EditableRows
        rows={rows}
        blank={BLANK}
        addLabel="Add a secret"
        removeLabel={(index) => `Remove secret ${index + 1}`}
        rowClassName="secret-row"
        onChange={onChange}
        renderRow={(row, index, update) => (
          <>
            <input
              aria-label={`Secret id ${index + 1}`}
              value={row.id}
              placeholder="id (RUN --mount=type=secret,id=…)"
              onChange={(event) => update({ ...row, id: event.target.value })}
            />
            <select
              aria-label={`Secret ${index + 1} comes from`}
              value={row.from}
              onChange={(event) =>
                update({ ...row, from: event.target.value as SecretRow['from'], source: '' })
              }
            >
              <option value="file">File</option>
              <option value="env">Environment variable</option>
            </select>
            <input
              aria-label={row.from === 'file' ? `Secret file ${index + 1}` : `Secret variable ${index + 1}`}
              aria-invalid={rowError(index) ? true : undefined}
              value={row.source}
              placeholder={row.from === 'file' ? '/home/me/.npmrc' : 'NPM_TOKEN'}
              onChange={(event) => update({ ...row, source: event.target.value })}
            />
            {row.from === 'file' ? (
              <button
                type="button"
                className="small"
                onClick={() =>
                  void pick({
                    kind: 'file',
                    title: 'Choose the secret file',
                    defaultPath: row.source || null,
                  }).then((path) => {
                    if (path) update({ ...row, source: path });
                  })
                }
              >
                Choose…
              </button>
            ) : null}
          </>
        )}
        renderBelow={(_row, index) => <FieldError message={rowError(index)} />}
      />
      <p className="hint">
        For <code>RUN --mount=type=secret</code> (BuildKit). Read when the build starts; neither the secret
        nor where it came from is kept in the history.
      </p>
      {picker}
    </>
  );
}
