import type { EnvVariable, UserAnswer, CustomInstruction } from '@shared/wizard/wizard-answers';
import { EditableRows } from '../../components/editable-rows';
import { WizardMarkdown } from './wizard-markdown';

/** The fields a wizard option can edit, as the template describes them. */
export interface OptionDescription {
  key: string;
  step: string;
  label: string;
  help: string;
  kind: 'choice' | 'text' | 'number' | 'boolean' | 'list' | 'user' | 'env' | 'instructions';
  choices?: readonly { value: unknown; label: string; detail?: string }[];
  examples: readonly unknown[];
}

const KEYWORDS = [
  'FROM',
  'RUN',
  'COPY',
  'WORKDIR',
  'ENV',
  'ARG',
  'EXPOSE',
  'USER',
  'LABEL',
  'VOLUME',
  'CMD',
  'ENTRYPOINT',
] as const;

/** One answer of the wizard, edited the way its kind says, with what else the project supports. */
export function OptionField({
  option,
  value,
  suggestions = [],
  onChange,
}: {
  option: OptionDescription;
  value: unknown;
  /** Values detection found the project also supports (exact pin first), offered as buttons. */
  suggestions?: readonly string[];
  onChange(value: unknown): void;
}) {
  const nullable = option.examples.includes(null);
  const id = `wizard-${option.key}`;
  // What is already the answer is not offered again; the order stays detection's (exact pin first).
  const offered = suggestions
    .map((text) => ({ text, value: suggestedValue(option, text, value) }))
    .filter((offer) => offer.value !== undefined && JSON.stringify(offer.value) !== JSON.stringify(value));
  return (
    <div className="field wizard-field">
      {/* A checkbox carries its label beside it; every other field has it above. */}
      {option.kind === 'boolean' ? null : (
        <label className="field-label" htmlFor={id}>
          {option.label}
        </label>
      )}
      {renderInput()}
      {offered.length ? (
        <div className="offered" role="group" aria-label="Also fits">
          <span>Also fits:</span>
          {offered.map((offer) => (
            <button key={offer.text} type="button" className="small" onClick={() => onChange(offer.value)}>
              {offer.text}
            </button>
          ))}
        </div>
      ) : null}
      <p className="hint">
        <WizardMarkdown text={option.help} inline />
      </p>
    </div>
  );

  function renderInput() {
    switch (option.kind) {
      case 'choice': {
        const choices = choicesWith(option.choices ?? [], [value, ...suggestions]);
        const index = choices.findIndex((choice) => JSON.stringify(choice.value) === JSON.stringify(value));
        const detail = choices[index]?.detail;
        return (
          <>
            <select
              id={id}
              value={index}
              onChange={(event) => onChange(choices[Number(event.target.value)]?.value)}
            >
              {choices.map((choice, i) => (
                <option key={i} value={i}>
                  {choice.label}
                </option>
              ))}
            </select>
            {detail ? (
              <p className="choice-detail">
                <WizardMarkdown text={detail} inline />
              </p>
            ) : null}
          </>
        );
      }
      case 'text':
        return (
          <input
            id={id}
            value={typeof value === 'string' ? value : ''}
            placeholder={nullable ? 'leave empty for the suggestion' : ''}
            onChange={(event) => onChange(nullable && event.target.value === '' ? null : event.target.value)}
          />
        );
      case 'number':
        return (
          <input
            id={id}
            inputMode="numeric"
            value={typeof value === 'number' ? String(value) : ''}
            placeholder={nullable ? 'none' : ''}
            onChange={(event) => {
              const text = event.target.value.trim();
              onChange(text === '' && nullable ? null : Number(text));
            }}
          />
        );
      case 'boolean':
        return (
          <label className="check">
            <input
              id={id}
              type="checkbox"
              checked={value === true}
              onChange={(event) => onChange(event.target.checked)}
            />
            {option.label}
          </label>
        );
      case 'list':
        return (
          <input
            id={id}
            value={Array.isArray(value) ? value.join(' ') : ''}
            placeholder="space-separated, e.g. curl git"
            onChange={(event) => onChange(event.target.value.split(/[\s,]+/).filter(Boolean))}
          />
        );
      case 'user': {
        const user = value as UserAnswer;
        return (
          <>
            <select
              id={id}
              value={user.kind}
              onChange={(event) =>
                onChange(
                  event.target.value === 'create'
                    ? { kind: 'create', name: user.name || 'app', uid: 10001 }
                    : { kind: 'existing', name: user.name || 'nobody' },
                )
              }
            >
              <option value="create">create a user</option>
              <option value="existing">use a user of the image</option>
            </select>
            <div className="sub-fields">
              <label className="sub-field">
                <span className="sub-label">{user.kind === 'create' ? 'User name' : 'Existing user'}</span>
                <input
                  value={user.name}
                  onChange={(event) => onChange({ ...user, name: event.target.value })}
                />
              </label>
              {user.kind === 'create' ? (
                <label className="sub-field">
                  <span className="sub-label">User ID (uid)</span>
                  <input
                    inputMode="numeric"
                    value={String(user.uid)}
                    onChange={(event) => onChange({ ...user, uid: Number(event.target.value) || 0 })}
                  />
                </label>
              ) : null}
            </div>
          </>
        );
      }
      case 'env': {
        const rows = (value as EnvVariable[] | undefined) ?? [];
        return (
          <>
            {/* Column heads: each row's fields are named "Variable 2 name"… for screen readers. */}
            {rows.length ? (
              <div className="row-heads" aria-hidden="true">
                <span>Name</span>
                <span>Value</span>
              </div>
            ) : null}
            <EditableRows<EnvVariable>
              rows={rows}
              blank={{ name: '', value: '' }}
              addLabel="Add a variable"
              removeLabel={(index) => `Remove variable ${index + 1}`}
              onChange={onChange}
              renderRow={(row, index, update) => (
                <>
                  <input
                    aria-label={`Variable ${index + 1} name`}
                    value={row.name}
                    onChange={(event) => update({ ...row, name: event.target.value })}
                  />
                  <input
                    aria-label={`Variable ${index + 1} value`}
                    value={row.value}
                    onChange={(event) => update({ ...row, value: event.target.value })}
                  />
                </>
              )}
            />
          </>
        );
      }
      case 'instructions': {
        const rows = (value as CustomInstruction[] | undefined) ?? [];
        return (
          <>
            {rows.length ? (
              <div className="row-heads instruction-heads" aria-hidden="true">
                <span>Instruction</span>
                <span>Value</span>
              </div>
            ) : null}
            <EditableRows<CustomInstruction>
              rows={rows}
              blank={{ keyword: 'RUN', value: '' }}
              addLabel="Add an instruction"
              removeLabel={(index) => `Remove instruction ${index + 1}`}
              onChange={onChange}
              renderRow={(row, index, update) => (
                <>
                  <select
                    aria-label={`Instruction ${index + 1}`}
                    value={row.keyword}
                    onChange={(event) =>
                      update({ ...row, keyword: event.target.value as CustomInstruction['keyword'] })
                    }
                  >
                    {KEYWORDS.map((keyword) => (
                      <option key={keyword}>{keyword}</option>
                    ))}
                  </select>
                  <input
                    aria-label={`Instruction ${index + 1} value`}
                    value={row.value}
                    onChange={(event) => update({ ...row, value: event.target.value })}
                  />
                </>
              )}
            />
          </>
        );
      }
    }
  }
}

/**
 * The value a suggestion stands for in this field, or undefined when the field cannot take it
 * (a checkbox; a number field offered a word). A list gains the suggestion beside what it has.
 */
function suggestedValue(option: OptionDescription, text: string, current: unknown): unknown {
  switch (option.kind) {
    case 'text':
      return text;
    case 'number': {
      const number = Number(text);
      return text.trim() !== '' && Number.isFinite(number) ? number : undefined;
    }
    case 'choice':
      return (option.choices ?? []).find((choice) => String(choice.value) === text)?.value ?? text;
    case 'list': {
      const items = Array.isArray(current) ? (current as unknown[]) : [];
      return items.includes(text) ? undefined : [...items, text];
    }
    default:
      return undefined;
  }
}

/**
 * The choices to list: the template's, then any value the project pins that they lack (an exact
 * `20.11.1` beside the `20` line), so a prefilled answer is never shown as an empty select.
 */
function choicesWith(
  choices: readonly { value: unknown; label: string; detail?: string }[],
  values: readonly unknown[],
): { value: unknown; label: string; detail?: string }[] {
  const listed = [...choices];
  if (!choices.every((choice) => typeof choice.value === 'string')) return listed;
  // Labelled like its neighbours: "Node.js 20" beside "Node.js 20.11.1".
  const named = choices.find((choice) => choice.label.endsWith(String(choice.value)));
  const prefix = named ? named.label.slice(0, named.label.length - String(named.value).length) : '';
  for (const value of values) {
    if (typeof value !== 'string' || value === '') continue;
    if (listed.some((choice) => String(choice.value) === value)) continue;
    listed.push({ value, label: `${prefix}${value}`, detail: 'What your project states.' });
  }
  return listed;
}
