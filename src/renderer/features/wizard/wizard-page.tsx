import { useEffect, useRef, useState } from 'react';
import type { BuildRequest } from '@shared/builds/build-request';
import type { ProjectDetection } from '@shared/wizard/project-detection';
import type { WizardAnswers } from '@shared/wizard/wizard-answers';
import { templateFor } from '@shared/wizard/wizard-templates';
import { errorMessage } from '../../lib/invoke';
import { usePickPath } from '../../components/use-pick-path';
import { FieldError } from '../../components/field-error';
import { useDetectProject } from './api/wizard-api';
import { detectionBanner } from './detection-banner';
import { FilesPage } from './files-page';
import { LivePreview } from './live-preview';
import type { OptionDescription } from './option-field';
import { StepPage } from './step-page';
import { TemplateChooser } from './template-chooser';

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
  // A step starts at its heading, also when it is reached from the Next button of a long one.
  const top = useRef<HTMLElement>(null);
  useEffect(() => {
    top.current?.scrollIntoView({ block: 'start' });
  }, [stepIndex]);
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
  // Detection's suggestions name fields of the template it picked; another template's fields differ.
  const suggestions = detection && answers?.template === detection.template ? detection.suggestions : {};

  return (
    <section ref={top} className="page wizard" data-testid="wizard">
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
      {/* The Files step shows the Dockerfile itself: a preview beside it would show it twice. */}
      <div className={`wizard-columns${onFiles ? ' single' : ''}`}>
        <div className="wizard-main">
          {stepIndex === -1 ? (
            <div data-testid="wizard-start">
              <p>
                Point the wizard at your project folder. It looks at what is in it (package.json,
                requirements.txt, go.mod…) and fills in the answers; you can change every one of them.
              </p>
              <label className="field-label" htmlFor="wizard-project-folder">
                Project folder
              </label>
              <div className="row">
                <input
                  id="wizard-project-folder"
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
                  {detectionBanner(detection)}
                </div>
              ) : null}
              <h2>What are you packaging?</h2>
              <TemplateChooser answers={answers} detection={detection} onChange={setAnswers} />
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
              suggestions={suggestions}
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
        {answers && !onFiles ? <LivePreview answers={answers} /> : null}
      </div>
    </section>
  );
}
