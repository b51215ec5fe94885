import type { EnvVariable, UserAnswer, CustomInstruction } from '@shared/wizard/wizard-answers';
import { EditableRows } from '../../components/editable-rows';

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

/** One answer of the wizard, edited the way its kind says. */
export function OptionField({
  option,
  value,
  onChange,
}: {
  option: OptionDescription;
  value: unknown;
  onChange(value: unknown): void;
}) {
  const nullable = option.examples.includes(null);
  const id = `wizard-${option.key}`;
  return (
    <div className="field wizard-field">
      <label className="field-label" htmlFor={id}>
        {option.label}
      </label>
      {renderInput()}
      <p className="hint">{option.help}</p>
    </div>
  );

  function renderInput() {
    switch (option.kind) {
      case 'choice': {
        const choices = option.choices ?? [];
        const index = choices.findIndex((choice) => JSON.stringify(choice.value) === JSON.stringify(value));
        const detail = choices[index]?.detail;
        return (
          <>
            <select
              id={id}
              aria-label={option.label}
              value={index}
              onChange={(event) => onChange(choices[Number(event.target.value)]?.value)}
            >
              {choices.map((choice, i) => (
                <option key={i} value={i}>
                  {choice.label}
                </option>
              ))}
            </select>
            {detail ? <p className="choice-detail">{detail}</p> : null}
          </>
        );
      }
      case 'text':
        return (
          <input
            id={id}
            aria-label={option.label}
            value={typeof value === 'string' ? value : ''}
            placeholder={nullable ? 'leave empty for the suggestion' : ''}
            onChange={(event) => onChange(nullable && event.target.value === '' ? null : event.target.value)}
          />
        );
      case 'number':
        return (
          <input
            id={id}
            aria-label={option.label}
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
            />{' '}
            yes
          </label>
        );
      case 'list':
        return (
          <input
            id={id}
            aria-label={option.label}
            value={Array.isArray(value) ? value.join(' ') : ''}
            placeholder="space-separated, e.g. curl git"
            onChange={(event) => onChange(event.target.value.split(/[\s,]+/).filter(Boolean))}
          />
        );
      case 'user': {
        const user = value as UserAnswer;
        return (
          <div className="row">
            <select
              aria-label={`${option.label}: kind`}
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
            <input
              aria-label={`${option.label}: name`}
              value={user.name}
              onChange={(event) => onChange({ ...user, name: event.target.value })}
            />
            {user.kind === 'create' ? (
              <input
                aria-label={`${option.label}: uid`}
                inputMode="numeric"
                value={String(user.uid)}
                onChange={(event) => onChange({ ...user, uid: Number(event.target.value) || 0 })}
              />
            ) : null}
          </div>
        );
      }
      case 'env':
        return (
          <EditableRows<EnvVariable>
            rows={(value as EnvVariable[]) ?? []}
            blank={{ name: '', value: '' }}
            addLabel="Add a variable"
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
        );
      case 'instructions':
        return (
          <EditableRows<CustomInstruction>
            rows={(value as CustomInstruction[]) ?? []}
            blank={{ keyword: 'RUN', value: '' }}
            addLabel="Add an instruction"
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
        );
    }
  }
}
