import { useMemo, useState } from 'react';
import type { BuildRequest } from '@shared/builds/build-request';
import { generateDockerfile } from '@shared/wizard/generate-dockerfile';
import { generateDockerignore } from '@shared/wizard/generate-dockerignore';
import type { WizardAnswers } from '@shared/wizard/wizard-answers';
import { errorMessage } from '../../lib/invoke';
import { useExistingFiles, useWriteFiles } from './api/wizard-api';
import { DiffView } from '../../components/diff-view';
import { KeptIgnoreLines } from './kept-ignore-lines';
import { ownIgnoreLines, withKeptLines } from './keep-ignore-lines';
import { DockerfileWarnings } from './live-preview';
import { RunCheckPanel } from './run-check-panel';

/** The wizard's last step: both files as they will be written, what they replace, then build. */
export function FilesPage({
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
  const generatedIgnore = useMemo(() => generateDockerignore(answers), [answers]);
  const existing = useExistingFiles(dir);
  // The user's own .dockerignore lines: kept at the end of the new file unless unticked.
  const [droppedLines, setDroppedLines] = useState<Set<string>>(new Set());
  const ownLines = useMemo(
    () => (existing.data?.dockerignore ? ownIgnoreLines(existing.data.dockerignore, generatedIgnore) : []),
    [existing.data, generatedIgnore],
  );
  const dockerignore = useMemo(
    () =>
      withKeptLines(
        generatedIgnore,
        ownLines.filter((line) => !droppedLines.has(line)),
      ),
    [generatedIgnore, ownLines, droppedLines],
  );
  const write = useWriteFiles();
  const writeAll = (): void =>
    write.mutate(
      { dir, dockerfile, dockerignore, expected: existing.data ?? { dockerfile: null, dockerignore: null } },
      { onSettled: () => void existing.refetch() },
    );
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
  const buildRequest: BuildRequest = {
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
  };

  return (
    <div data-testid="wizard-files">
      <h2>Your files</h2>
      <label className="check">
        <input type="checkbox" checked={commented} onChange={(event) => setCommented(event.target.checked)} />{' '}
        Explain each line with a comment
      </label>
      <div className="field-label">Dockerfile</div>
      <pre className="file-preview" data-testid="wizard-file-dockerfile">
        {dockerfile}
      </pre>
      <DockerfileWarnings answers={answers} dockerfile={dockerfile} />
      <div className="field-label">.dockerignore</div>
      <pre className="file-preview">{dockerignore}</pre>
      {changes.map((file) => (
        <div key={file.name} data-testid="wizard-diff">
          <p className="warning-text">
            {file.name} already exists in the folder. Writing replaces it; the changes:
          </p>
          {file.name === '.dockerignore' ? (
            <KeptIgnoreLines lines={ownLines} dropped={droppedLines} onChange={setDroppedLines} />
          ) : null}
          <DiffView before={file.before!} after={file.after} />
        </div>
      ))}
      {write.error ? (
        <p className="error-text" role="alert">
          {errorMessage(write.error)}
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
          onClick={writeAll}
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
          onClick={() => onBuild(buildRequest)}
        >
          Build it
        </button>
      </div>
      <RunCheckPanel request={buildRequest} answers={answers} written={write.isSuccess} />
    </div>
  );
}
