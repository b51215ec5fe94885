import { useMemo } from 'react';
import { lintDockerfile } from '@shared/dockerfile/lint/lint-dockerfile';
import { generateDockerfile } from '@shared/wizard/generate-dockerfile';
import type { WizardAnswers } from '@shared/wizard/wizard-answers';
import { templateOf } from '@shared/wizard/wizard-templates';
import { WizardMarkdown } from './wizard-markdown';

/** The Dockerfile as the answers make it so far, beside each step, with what to watch out for. */
export function LivePreview({ answers }: { answers: WizardAnswers }) {
  const text = useMemo(() => generateDockerfile(answers, { commented: false }), [answers]);
  return (
    <aside className="wizard-preview" aria-label="Dockerfile preview">
      <div className="field-label">Dockerfile so far</div>
      <pre data-testid="wizard-preview">{text}</pre>
      <DockerfileWarnings answers={answers} dockerfile={text} />
    </aside>
  );
}

/**
 * The linter's warnings about the Dockerfile and the template's cautions about the answers (what
 * the wizard cannot promise: the image builds but may not start). "No warnings" only when neither
 * has anything to say.
 */
export function DockerfileWarnings({ answers, dockerfile }: { answers: WizardAnswers; dockerfile: string }) {
  const diagnostics = useMemo(
    () => lintDockerfile(dockerfile).filter((diagnostic) => diagnostic.severity !== 'info'),
    [dockerfile],
  );
  const cautions = useMemo(() => templateOf(answers).cautions(answers), [answers]);
  if (diagnostics.length === 0 && cautions.length === 0)
    return (
      <p className="muted small" data-testid="wizard-no-warnings">
        No warnings: pinned base image, cache-friendly order, exec-form start command, non-root user.
      </p>
    );
  return (
    <ul className="warnings" aria-label="Warnings" data-testid="wizard-warnings">
      {cautions.map((caution, index) => (
        <li key={`caution-${index}`} data-testid="wizard-caution">
          <WizardMarkdown text={caution.message} inline />
        </li>
      ))}
      {diagnostics.map((diagnostic, index) => (
        <li key={`lint-${index}`}>
          Line {diagnostic.line}: {diagnostic.message}
        </li>
      ))}
    </ul>
  );
}
