import { Fragment } from 'react';
import { checkWizardAnswers } from '@shared/wizard/check-wizard-answers';
import type { WizardAnswers } from '@shared/wizard/wizard-answers';
import { FieldError } from '../../components/field-error';
import { OptionField, type OptionDescription } from './option-field';
import { WizardMarkdown } from './wizard-markdown';

/** One step of the wizard: what it writes, why, and the answers it asks for. */
export function StepPage({
  step,
  options,
  answers,
  suggestions,
  onChange,
  onBack,
  onNext,
}: {
  step: { id: string; title: string; instructions: string[]; explanation: string };
  options: readonly OptionDescription[];
  answers: WizardAnswers;
  /** Other values the project supports, by answer field (from detection). */
  suggestions: Record<string, string[]>;
  onChange(answers: WizardAnswers): void;
  onBack(): void;
  onNext(): void;
}) {
  const problems = checkWizardAnswers(answers).filter((problem) =>
    options.some((option) => option.key === problem.field),
  );
  return (
    <div data-testid="wizard-step" data-step={step.id}>
      <h2>
        {step.title}{' '}
        {/* Spaces between the badges let a long list wrap instead of running past the column. */}
        {step.instructions.map((instruction) => (
          <Fragment key={instruction}>
            <span className="keyword-badge">{instruction}</span>{' '}
          </Fragment>
        ))}
      </h2>
      <div className="explanation" data-testid="step-explanation">
        <WizardMarkdown text={step.explanation} />
      </div>
      {options.map((option) => (
        <OptionField
          key={option.key}
          option={option}
          value={(answers as unknown as Record<string, unknown>)[option.key]}
          suggestions={suggestions[option.key] ?? []}
          onChange={(value) => onChange({ ...answers, [option.key]: value } as WizardAnswers)}
        />
      ))}
      {problems.map((problem) => (
        <FieldError key={problem.field} message={problem.message} />
      ))}
      <div className="actions">
        <button type="button" onClick={onBack}>
          Back
        </button>
        <button type="button" className="primary" onClick={onNext} disabled={problems.length > 0}>
          Next
        </button>
      </div>
    </div>
  );
}
