import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { BuildRequest, BuilderChoice } from '@shared/builds/build-request';
import { parseImageReference } from '@shared/image-reference';
import { appErrorOf, errorMessage, fieldErrorOf } from '../../lib/invoke';
import { usePickPath } from '../../components/use-pick-path';
import { EditableRows } from '../../components/editable-rows';
import {
  historyQuery,
  useContextSummary,
  useDockerfileOutline,
  useIgnorePaths,
  usePredictCache,
  useStartBuild,
} from './api/build-queries';
import { CachePredictionView } from './cache-prediction-view';
import { FieldError } from '../../components/field-error';
import { ContextSummaryView } from './context-summary-view';
import { fromSecretRows, SecretRows, toSecretRows, type SecretRow } from './secret-rows';
import { syntaxProblems } from '@shared/builds/syntax-problems';

interface Pair {
  key: string;
  value: string;
}

const toPairs = (record: Record<string, string>): Pair[] =>
  Object.entries(record).map(([key, value]) => ({ key, value }));
const fromPairs = (pairs: Pair[]): Record<string, string> =>
  Object.fromEntries(pairs.filter((pair) => pair.key.trim()).map((pair) => [pair.key.trim(), pair.value]));

/** The build form: folder, Dockerfile, tags, args, target, options; starts a build and hands its id up. */
export function BuildForm({
  initial,
  onStarted,
  onEdit,
}: {
  initial: BuildRequest | null;
  onStarted(id: string): void;
  /** Opens the Dockerfile in the editor. */
  onEdit(path: string): void;
}) {
  const [contextDir, setContextDir] = useState(initial?.contextDir ?? '');
  const [dockerfile, setDockerfile] = useState(initial?.dockerfile ?? '');
  const [tags, setTags] = useState<string[]>(initial?.tags.length ? initial.tags : ['']);
  const [buildArgs, setBuildArgs] = useState<Pair[]>(toPairs(initial?.buildArgs ?? {}));
  const [labels, setLabels] = useState<Pair[]>(toPairs(initial?.labels ?? {}));
  const [target, setTarget] = useState(initial?.target ?? '');
  const [noCache, setNoCache] = useState(initial?.noCache ?? false);
  const [pull, setPull] = useState(initial?.pull ?? false);
  const [platform, setPlatform] = useState(initial?.platform ?? '');
  const [builder, setBuilder] = useState<BuilderChoice>(initial?.builder ?? 'auto');
  const [secrets, setSecrets] = useState<SecretRow[]>(toSecretRows(initial?.secrets));
  const [ssh, setSsh] = useState(initial?.ssh ?? false);

  const dockerfileOrNull = dockerfile.trim() || null;
  const outline = useDockerfileOutline(contextDir.trim(), dockerfileOrNull);
  const context = useContextSummary(contextDir.trim(), dockerfileOrNull);
  const ignore = useIgnorePaths(contextDir.trim(), dockerfileOrNull);
  const start = useStartBuild();
  const predict = usePredictCache();
  const history = useQuery(historyQuery);

  // A refusal is about the folder and Dockerfile it was given: once either changes, it is stale.
  const resetStart = start.reset;
  useEffect(() => resetStart(), [contextDir, dockerfile, resetStart]);
  const serverError = appErrorOf(start.error);
  const syntaxErrors = useMemo(() => (outline.data ? syntaxProblems(outline.data.text) : []), [outline.data]);
  // The summary and outline answer for the folder as typed; an error there means no build can start.
  const inputsInvalid = Boolean(context.error ?? outline.error);
  const errorAt = (field: string): string | null => fieldErrorOf(start.error, field);
  const tagProblems = tags.map((tag) => {
    if (!tag.trim()) return null;
    const parsed = parseImageReference(tag);
    return parsed.ok ? null : parsed.message;
  });
  const offeredArgs = (outline.data?.args ?? []).filter(
    (arg) => !buildArgs.some((pair) => pair.key === arg.name),
  );

  const { pick, picker } = usePickPath();
  const pickFolder = async (): Promise<void> => {
    const folder = await pick({
      kind: 'folder',
      title: 'Choose the folder to build',
      defaultPath: contextDir || null,
    });
    if (folder) setContextDir(folder);
  };
  const pickDockerfile = async (): Promise<void> => {
    const file = await pick({
      kind: 'file',
      title: 'Choose the Dockerfile',
      defaultPath: contextDir || null,
    });
    if (file) setDockerfile(file);
  };

  const request = (): BuildRequest => ({
    contextDir: contextDir.trim(),
    dockerfile: dockerfileOrNull,
    tags: tags.map((tag) => tag.trim()).filter(Boolean),
    buildArgs: fromPairs(buildArgs),
    labels: fromPairs(labels),
    target: target || null,
    noCache,
    pull,
    platform: platform.trim() || null,
    builder,
    ...(secrets.some((row) => row.id.trim() || row.source.trim())
      ? { secrets: fromSecretRows(secrets) }
      : {}),
    ...(ssh ? { ssh } : {}),
  });
  const submit = (): void => start.mutate(request(), { onSuccess: (summary) => onStarted(summary.id) });
  // A prediction answers for the form as it was asked: any change makes it stale.
  const requestKey = JSON.stringify(request());
  const resetPredict = predict.reset;
  useEffect(() => resetPredict(), [requestKey, resetPredict]);
  const predictedFrom = history.data?.builds.find((build) => build.id === predict.data?.previousBuildId);

  return (
    <form
      className="build-form"
      aria-label="New build"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Field
        label="Folder to build (the context)"
        error={errorAt('contextDir') ?? errorMessage(context.error)}
      >
        <div className="row">
          <input
            aria-label="Context folder"
            value={contextDir}
            placeholder="/home/me/my-app"
            onChange={(event) => setContextDir(event.target.value)}
          />
          <button type="button" onClick={() => void pickFolder()}>
            Choose…
          </button>
        </div>
      </Field>
      {context.data ? (
        <ContextSummaryView summary={context.data} onIgnore={(patterns) => ignore.mutate(patterns)} />
      ) : null}

      <Field
        label="Dockerfile (default: Dockerfile in the folder)"
        error={errorAt('dockerfile') ?? (dockerfileOrNull || contextDir ? errorMessage(outline.error) : null)}
      >
        <div className="row">
          <input
            aria-label="Dockerfile"
            value={dockerfile}
            placeholder={contextDir ? `${contextDir.replace(/\/$/, '')}/Dockerfile` : 'Dockerfile'}
            onChange={(event) => setDockerfile(event.target.value)}
          />
          <button type="button" onClick={() => void pickDockerfile()}>
            Choose…
          </button>
          {outline.data ? (
            <button type="button" onClick={() => onEdit(outline.data.path)}>
              Edit
            </button>
          ) : null}
        </div>
      </Field>

      <Field label="Tags" error={null}>
        <EditableRows
          rows={tags}
          blank=""
          addLabel="Add a tag"
          removeLabel={(index) => `Remove tag ${index + 1}`}
          minRows={1}
          rowClassName="tag-row"
          onChange={setTags}
          renderRow={(tag, index, update) => (
            <input
              aria-label={`Tag ${index + 1}`}
              aria-invalid={tagProblems[index] || errorAt(`tags.${index}`) ? true : undefined}
              value={tag}
              placeholder="myname/myapp:1.0"
              onChange={(event) => update(event.target.value)}
            />
          )}
          renderBelow={(tag, index) => {
            const problem = tagProblems[index] ?? errorAt(`tags.${index}`);
            const parsed = tag.trim() ? parseImageReference(tag) : null;
            if (problem) return <FieldError message={problem} />;
            return parsed?.ok ? <p className="hint">→ {parsed.reference.canonical}</p> : null;
          }}
        />
      </Field>

      <Field label="Build args" error={fieldErrorOf(start.error, (field) => field.startsWith('buildArgs'))}>
        <PairRows pairs={buildArgs} onChange={setBuildArgs} keyLabel="Build arg" />
        {offeredArgs.length > 0 ? (
          <div className="offered">
            ARGs in the Dockerfile:{' '}
            {offeredArgs.map((arg) => (
              <button
                key={arg.name}
                type="button"
                className="small"
                onClick={() => setBuildArgs([...buildArgs, { key: arg.name, value: arg.defaultValue ?? '' }])}
              >
                {arg.name}
                {arg.defaultValue !== null ? `=${arg.defaultValue}` : ''}
              </button>
            ))}
          </div>
        ) : null}
      </Field>

      <div className="grid-2">
        <Field label="Target stage" error={errorAt('target')}>
          <select
            aria-label="Target stage"
            value={target}
            onChange={(event) => setTarget(event.target.value)}
          >
            <option value="">Last stage (default)</option>
            {(outline.data?.stages ?? [])
              .filter((stage) => stage.name)
              .map((stage) => (
                <option key={stage.index} value={stage.name!}>
                  {stage.name} (line {stage.line}, from {stage.baseImage})
                </option>
              ))}
          </select>
        </Field>
        <Field label="Builder" error={errorAt('builder')}>
          <select
            aria-label="Builder"
            value={builder}
            onChange={(event) => setBuilder(event.target.value as BuilderChoice)}
          >
            <option value="auto">Automatic (BuildKit when available)</option>
            <option value="buildkit">BuildKit</option>
            <option value="classic">Classic builder</option>
          </select>
        </Field>
        <Field label="Platform (optional)" error={errorAt('platform')}>
          <input
            aria-label="Platform"
            value={platform}
            placeholder="linux/amd64"
            onChange={(event) => setPlatform(event.target.value)}
          />
        </Field>
        <Field label="Options" error={null}>
          <label className="check">
            <input type="checkbox" checked={noCache} onChange={(event) => setNoCache(event.target.checked)} />{' '}
            Don’t use the cache
          </label>
          <label className="check">
            <input type="checkbox" checked={pull} onChange={(event) => setPull(event.target.checked)} />{' '}
            Always pull base images
          </label>
          <label className="check">
            <input type="checkbox" checked={ssh} onChange={(event) => setSsh(event.target.checked)} /> Forward
            my SSH agent (RUN --mount=type=ssh)
          </label>
          <FieldError message={errorAt('ssh')} />
        </Field>
      </div>

      <Field label="Labels" error={fieldErrorOf(start.error, (field) => field.startsWith('labels'))}>
        <PairRows pairs={labels} onChange={setLabels} keyLabel="Label" />
      </Field>

      <Field label="Secrets (BuildKit)" error={errorAt('secrets')}>
        <SecretRows rows={secrets} onChange={setSecrets} errorAt={errorAt} />
      </Field>

      {serverError && !serverError.field ? (
        <p className="error-text" role="alert">
          {serverError.message}
        </p>
      ) : null}
      {syntaxErrors.length > 0 ? (
        <div className="warning-box" role="status" data-testid="dockerfile-syntax-warning">
          The builder will reject this Dockerfile:
          <ul>
            {syntaxErrors.map((problem) => (
              <li key={`${problem.line}:${problem.message}`}>
                <strong>Line {problem.line}:</strong> {problem.message}
              </li>
            ))}
          </ul>
          {outline.data ? (
            <button type="button" className="small" onClick={() => onEdit(outline.data.path)}>
              Fix it in the editor
            </button>
          ) : null}{' '}
          You can still build to see the builder’s own message.
        </div>
      ) : null}
      {picker}
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={start.isPending || tagProblems.some(Boolean) || !contextDir.trim() || inputsInvalid}
        >
          {start.isPending ? 'Starting…' : 'Build'}
        </button>
        <button
          type="button"
          disabled={predict.isPending || !contextDir.trim() || inputsInvalid}
          onClick={() => predict.mutate(request())}
        >
          What will rebuild?
        </button>
      </div>
      <CachePredictionView
        prediction={predict.data}
        pending={predict.isPending}
        error={errorMessage(predict.error)}
        previousStartedAt={predictedFrom?.startedAt ?? null}
        dockerfileText={outline.data?.text ?? ''}
      />
    </form>
  );
}

function Field({
  label,
  error,
  children,
}: {
  label: string;
  error: string | null;
  children: React.ReactNode;
}) {
  return (
    <div className="field">
      <div className="field-label">{label}</div>
      {children}
      <FieldError message={error} />
    </div>
  );
}

function PairRows({
  pairs,
  onChange,
  keyLabel,
}: {
  pairs: Pair[];
  onChange(pairs: Pair[]): void;
  keyLabel: string;
}) {
  return (
    <EditableRows
      rows={pairs}
      blank={{ key: '', value: '' }}
      addLabel={`Add ${keyLabel.toLowerCase()}`}
      removeLabel={(index) => `Remove ${keyLabel.toLowerCase()} ${index + 1}`}
      onChange={onChange}
      renderRow={(pair, index, update) => (
        <>
          <input
            aria-label={`${keyLabel} name ${index + 1}`}
            value={pair.key}
            placeholder="NAME"
            onChange={(event) => update({ ...pair, key: event.target.value })}
          />
          <input
            aria-label={`${keyLabel} value ${index + 1}`}
            value={pair.value}
            placeholder="value"
            onChange={(event) => update({ ...pair, value: event.target.value })}
          />
        </>
      )}
    />
  );
}
