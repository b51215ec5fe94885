import { Fragment, useMemo, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { BuildRequest } from '@shared/build/build-record';
import { lintDockerfile } from '@shared/dockerfile/lint/lint-dockerfile';
import { checkWizardAnswers } from '@shared/wizard/check-wizard-answers';
import { generateDockerfile } from '@shared/wizard/generate-dockerfile';
import { generateDockerignore } from '@shared/wizard/generate-dockerignore';
import type { ProjectDetection } from '@shared/wizard/project-detection';
import type { TemplateId, WizardAnswers } from '@shared/wizard/wizard-answers';
import { defaultAnswers, templateFor, WIZARD_TEMPLATES } from '@shared/wizard/wizard-templates';
import { ApiError, invoke } from '../../app/invoke';
import { diffLines } from './line-diff';
import { FolderPicker, useInPagePicker } from '../../components/folder-picker';
import { OptionField, type OptionDescription } from './option-field';

/**
 * The guided Dockerfile: start from a folder (its files prefill the answers), walk the steps with
 * an explanation each and the Dockerfile updating live, then write the files and build.
 */
export function WizardPage({
  onBuild,
  onEdit,
  pickFolder,
}: {
  onBuild(request: BuildRequest): void;
  onEdit(path: string): void;
  pickFolder(): Promise<string | null>;
}) {
  const [dir, setDir] = useState('');
  const [detection, setDetection] = useState<ProjectDetection | null>(null);
  const [answers, setAnswers] = useState<WizardAnswers | null>(null);
  const [stepIndex, setStepIndex] = useState(-1);
  const detect = useMutation({
    mutationFn: (folder: string) => invoke('wizard:detect', { dir: folder }),
    onSuccess: (found) => {
      setDetection(found);
      setAnswers(found.answers);
    },
  });

  const inPagePicker = useInPagePicker();
  const [picking, setPicking] = useState(false);
  const choose = (folder: string): void => {
    setDir(folder);
    detect.mutate(folder);
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
      {picking ? (
        <FolderPicker
          kind="folder"
          title="Choose your project folder"
          startPath={dir.trim() || null}
          onChoose={(folder) => {
            setPicking(false);
            choose(folder);
          }}
          onCancel={() => setPicking(false)}
        />
      ) : null}
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
                    void (async () => {
                      // Browser mode has no OS dialog: the in-page picker browses the server's folders.
                      if (await inPagePicker()) return setPicking(true);
                      const folder = await pickFolder();
                      if (folder) choose(folder);
                    })()
                  }
                >
                  Choose…
                </button>
                <button type="button" onClick={() => detect.mutate(dir.trim())} disabled={!dir.trim()}>
                  Look inside
                </button>
              </div>
              {detect.error ? <p className="field-error">{detect.error.message}</p> : null}
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
        <p key={problem.field} className="field-error" role="alert">
          {problem.message}
        </p>
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

function FilesPage({
  dir,
  answers,
  onBack,
  onBuild,
  onEdit,
}: {
  dir: string;
  answers: WizardAnswers;
  onBack(): void;
  onBuild(request: BuildRequest): void;
  onEdit(path: string): void;
}) {
  const [commented, setCommented] = useState(false);
  const dockerfile = useMemo(() => generateDockerfile(answers, { commented }), [answers, commented]);
  const dockerignore = useMemo(() => generateDockerignore(answers), [answers]);
  const existing = useQuery({
    queryKey: ['wizard', 'files', dir],
    queryFn: () => invoke('wizard:read-files', { dir }),
  });
  const write = useMutation({
    mutationFn: () =>
      invoke('wizard:write-files', {
        dir,
        dockerfile,
        dockerignore,
        expected: existing.data ?? { dockerfile: null, dockerignore: null },
      }),
    onSettled: () => void existing.refetch(),
  });
  const changes = existing.data
    ? [
        { name: 'Dockerfile', before: existing.data.dockerfile, after: dockerfile },
        { name: '.dockerignore', before: existing.data.dockerignore, after: dockerignore },
      ].filter((file) => file.before !== null && file.before !== file.after)
    : [];
  const folderName = dir.split(/[\\/]/).filter(Boolean).pop() ?? 'app';
  const tag = `${
    folderName
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[._-]+|[._-]+$/g, '') || 'app'
  }:dev`;

  return (
    <div data-testid="wizard-files">
      <h2>Your files</h2>
      <label className="check">
        <input type="checkbox" checked={commented} onChange={(event) => setCommented(event.target.checked)} />{' '}
        Explain each line with a comment
      </label>
      <div className="field-label">Dockerfile</div>
      <pre className="file-preview">{dockerfile}</pre>
      <div className="field-label">.dockerignore</div>
      <pre className="file-preview">{dockerignore}</pre>
      {changes.map((file) => (
        <div key={file.name} data-testid="wizard-diff">
          <p className="warning-text">
            {file.name} already exists in the folder. Writing replaces it; the changes:
          </p>
          <pre className="diff">
            {diffLines(file.before!, file.after).map((line, index) => (
              <div key={index} className={`diff-${line.kind}`}>
                {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  '}
                {line.text}
              </div>
            ))}
          </pre>
        </div>
      ))}
      {write.error ? (
        <p className="error-text" role="alert">
          {write.error instanceof ApiError ? write.error.error.message : write.error.message}
        </p>
      ) : null}
      {write.isSuccess ? (
        <p className="notice" role="status">
          {write.data.written.length
            ? `Wrote ${write.data.written.join(' and ')} in ${dir}.`
            : 'The files were already up to date.'}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" onClick={onBack}>
          Back
        </button>
        <button
          type="button"
          className={changes.length ? 'danger' : 'primary'}
          disabled={!existing.data || write.isPending}
          onClick={() => write.mutate()}
        >
          {changes.length ? `Overwrite ${changes.map((file) => file.name).join(' and ')}` : 'Write the files'}
        </button>
        <button
          type="button"
          disabled={!write.isSuccess}
          onClick={() => onEdit(`${dir.replace(/[\\/]$/, '')}/Dockerfile`)}
        >
          Open in the editor
        </button>
        <button
          type="button"
          className="primary"
          disabled={!write.isSuccess}
          onClick={() =>
            onBuild({
              contextDir: dir,
              dockerfile: null,
              tags: [tag],
              buildArgs: {},
              target: null,
              noCache: false,
              pull: false,
              platform: null,
              labels: {},
              builder: 'auto',
            })
          }
        >
          Build it
        </button>
      </div>
    </div>
  );
}
