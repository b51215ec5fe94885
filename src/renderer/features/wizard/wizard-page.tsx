import { Fragment, useMemo, useState } from 'react';
import type { BuildRequest } from '@shared/builds/build-request';
import { lintDockerfile } from '@shared/dockerfile/lint/lint-dockerfile';
import { checkWizardAnswers } from '@shared/wizard/check-wizard-answers';
import { generateDockerfile } from '@shared/wizard/generate-dockerfile';
import type { ProjectDetection } from '@shared/wizard/project-detection';
import type { TemplateId, WizardAnswers } from '@shared/wizard/wizard-answers';
import { defaultAnswers, templateFor, WIZARD_TEMPLATES } from '@shared/wizard/wizard-templates';
import { errorMessage } from '../../lib/invoke';
import { usePickPath } from '../../components/use-pick-path';
import { FieldError } from '../../components/field-error';
import { useDetectProject } from './api/wizard-api';
import { FilesPage } from './files-page';
import { OptionField, type OptionDescription } from './option-field';

/**
 * The guided Dockerfile: start from a folder (its files prefill the answers), walk the steps with
 * an explanation each and the Dockerfile updating live, then write the files and build.
 */
export function WizardPage({
  onBuild,
  onEdit,
}: {
  onBuild(request: BuildRequest): void;
  onEdit(path: string): void;
}) {
  const [dir, setDir] = useState('');
  const [detection, setDetection] = useState<ProjectDetection | null>(null);
  const [answers, setAnswers] = useState<WizardAnswers | null>(null);
  const [stepIndex, setStepIndex] = useState(-1);
  const detect = useDetectProject();
  const lookInside = (folder: string): void =>
    detect.mutate(folder, {
      onSuccess: (found) => {
        setDetection(found);
        setAnswers(found.answers);
      },
    });

  const { pick, picker } = usePickPath();
  const choose = (folder: string): void => {
    setDir(folder);
    lookInside(folder);
  };
  const template = answers ? templateFor(answers.template) : null;
  const steps = template?.steps ?? [];
  const onFiles = stepIndex === steps.length;

  const chooseTemplate = (id: TemplateId): void => {
    setAnswers(detection?.template === id ? detection.answers : defaultAnswers(id));
  };

  return (
    <section className="page wizard" data-testid="wizard">
      <h1>New Dockerfile</h1>
      <ol className="wizard-progress" aria-label="Wizard steps">
        <li className={stepIndex === -1 ? 'current' : ''}>Project</li>
        {steps.map((step, index) => (
          <li key={step.id} className={index === stepIndex ? 'current' : ''}>
            <button type="button" className="link" onClick={() => setStepIndex(index)} disabled={!answers}>
              {step.title}
            </button>
          </li>
        ))}
        <li className={onFiles ? 'current' : ''}>Files</li>
      </ol>
      {picker}
      <div className="wizard-columns">
        <div className="wizard-main">
          {stepIndex === -1 ? (
            <div data-testid="wizard-start">
              <p>
                Point the wizard at your project folder. It looks at what is in it (package.json,
                requirements.txt, go.mod…) and fills in the answers; you can change every one of them.
              </p>
              <div className="row">
                <input
                  aria-label="Project folder"
                  value={dir}
                  placeholder="/home/me/my-app"
                  onChange={(event) => setDir(event.target.value)}
                />
                <button
                  type="button"
                  onClick={() =>
                    void pick({
                      kind: 'folder',
                      title: 'Choose your project folder',
                      defaultPath: null,
                      inPage: { startPath: dir.trim() || null },
                    }).then((folder) => folder && choose(folder))
                  }
                >
                  Choose…
                </button>
                <button type="button" onClick={() => lookInside(dir.trim())} disabled={!dir.trim()}>
                  Look inside
                </button>
              </div>
              <FieldError message={errorMessage(detect.error)} />
              {detection ? (
                <div className="notice" data-testid="detection">
                  {detection.language ? `Looks like ${detection.language}.` : 'No known project files found.'}{' '}
                  {detection.evidence.length ? `Found: ${detection.evidence.join('; ')}.` : ''}
                </div>
              ) : null}
              <h2>What are you packaging?</h2>
              <div className="template-grid">
                {WIZARD_TEMPLATES.map((candidate) => (
                  <button
                    key={candidate.id}
                    type="button"
                    className={`template-card${answers?.template === candidate.id ? ' chosen' : ''}`}
                    aria-pressed={answers?.template === candidate.id}
                    onClick={() => chooseTemplate(candidate.id)}
                  >
                    <strong>{candidate.title}</strong>
                    <span>{candidate.summary}</span>
                  </button>
                ))}
              </div>
              <div className="actions">
                <button
                  type="button"
                  className="primary"
                  disabled={!answers || !dir.trim()}
                  onClick={() => setStepIndex(0)}
                >
                  Next
                </button>
              </div>
            </div>
          ) : answers && template && !onFiles ? (
            <StepPage
              key={stepIndex}
              step={steps[stepIndex]!}
              options={(template.options as readonly OptionDescription[]).filter(
                (option) => option.step === steps[stepIndex]!.id,
              )}
              answers={answers}
              onChange={setAnswers}
              onBack={() => setStepIndex(stepIndex - 1)}
              onNext={() => setStepIndex(stepIndex + 1)}
            />
          ) : answers && onFiles ? (
            <FilesPage
              dir={dir.trim()}
              answers={answers}
              onBack={() => setStepIndex(stepIndex - 1)}
              onBuild={onBuild}
              onEdit={onEdit}
            />
          ) : null}
        </div>
        {answers ? <LivePreview answers={answers} /> : null}
      </div>
    </section>
  );
}

function StepPage({
  step,
  options,
  answers,
  onChange,
  onBack,
  onNext,
}: {
  step: { id: string; title: string; instructions: string[]; explanation: string };
  options: readonly OptionDescription[];
  answers: WizardAnswers;
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
      <p className="explanation" data-testid="step-explanation">
        {step.explanation}
      </p>
      {options.map((option) => (
        <OptionField
          key={option.key}
          option={option}
          value={(answers as unknown as Record<string, unknown>)[option.key]}
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

function LivePreview({ answers }: { answers: WizardAnswers }) {
  const text = useMemo(() => generateDockerfile(answers, { commented: false }), [answers]);
  const diagnostics = useMemo(
    () => lintDockerfile(text).filter((diagnostic) => diagnostic.severity !== 'info'),
    [text],
  );
  return (
    <aside className="wizard-preview" aria-label="Dockerfile preview">
      <div className="field-label">Dockerfile so far</div>
      <pre data-testid="wizard-preview">{text}</pre>
      {diagnostics.length ? (
        <ul className="warnings">
          {diagnostics.map((diagnostic, index) => (
            <li key={index}>
              Line {diagnostic.line}: {diagnostic.message}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">
          No warnings: pinned base image, cache-friendly order, exec-form start command, non-root user.
        </p>
      )}
    </aside>
  );
}
