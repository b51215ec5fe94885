import { useState } from 'react';
import type { ProjectDetection } from '@shared/wizard/project-detection';
import type { TemplateId, WizardAnswers } from '@shared/wizard/wizard-answers';
import { defaultAnswers, templateFor, WIZARD_TEMPLATES } from '@shared/wizard/wizard-templates';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { switchTemplate, type TemplateSwitch } from './switch-template';

/**
 * "What are you packaging?": one card per template. The chosen card does nothing when clicked
 * again; another card carries over the answers that still apply and asks first when answers
 * would be dropped, naming them.
 */
export function TemplateChooser({
  answers,
  detection,
  onChange,
}: {
  answers: WizardAnswers | null;
  detection: ProjectDetection | null;
  onChange(answers: WizardAnswers): void;
}) {
  const [asking, setAsking] = useState<{ id: TemplateId; change: TemplateSwitch } | null>(null);
  const [kept, setKept] = useState<string | null>(null);

  const apply = (id: TemplateId, change: TemplateSwitch): void => {
    setAsking(null);
    onChange(change.answers);
    setKept(
      change.kept.length
        ? `Switched to ${templateFor(id).title}; kept your answers for ${listed(change.kept)}.`
        : null,
    );
  };
  const choose = (id: TemplateId): void => {
    if (answers?.template === id) return;
    if (!answers) {
      onChange(structuredClone(detection?.template === id ? detection.answers : defaultAnswers(id)));
      return;
    }
    const change = switchTemplate(answers, id, detection);
    if (change.lost.length) setAsking({ id, change });
    else apply(id, change);
  };

  return (
    <>
      {kept ? (
        <p className="notice" role="status" data-testid="template-switched">
          {kept}
        </p>
      ) : null}
      <div className="template-grid">
        {WIZARD_TEMPLATES.map((candidate) => (
          <button
            key={candidate.id}
            type="button"
            className={`template-card${answers?.template === candidate.id ? ' chosen' : ''}`}
            aria-pressed={answers?.template === candidate.id}
            onClick={() => choose(candidate.id)}
          >
            <strong>{candidate.title}</strong>
            <span>{candidate.summary}</span>
          </button>
        ))}
      </div>
      {asking ? (
        <ConfirmDialog
          title={`Switch to ${templateFor(asking.id).title}?`}
          confirmLabel={`Switch to ${templateFor(asking.id).title}`}
          danger
          onConfirm={() => apply(asking.id, asking.change)}
          onCancel={() => setAsking(null)}
        >
          <p>
            Your answers for {listed(asking.change.lost)} do not apply to it and will be lost.
            {asking.change.kept.length ? ` Your answers for ${listed(asking.change.kept)} are kept.` : ''}
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/** "A", "A and B", "A, B and C". */
function listed(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
