import { useEffect, useMemo, useState } from 'react';
import type { BuildWarning } from '@shared/builds/build-model';
import { lintDockerfile } from '@shared/dockerfile/lint/lint-dockerfile';
import { placeWasteMarks, type WasteReport } from '@shared/layers/waste-report';
import { errorMessage } from '../../lib/invoke';
import { dockerfileMtime, openDockerfile, saveDockerfile } from './api/dockerfile-api';
import { useNow } from '../../components/use-now';
import { DockerfileEditor } from './dockerfile-editor';
import type { LinePrediction } from './cache-gutter';
import { DiffView } from '../../components/diff-view';
import { plural } from '@shared/plural';
import { lineCosts } from '@shared/builds/line-costs';
import { currentLine, lineWaste } from './waste-gutter';
import { WasteFixPanel } from './waste-fix-panel';

/** How often the editor looks for changes made outside it (another editor, git checkout). */
const DISK_CHECK_MS = 2000;

/** Edit a Dockerfile: lint as you type, save back to disk, and notice when someone else changed it. */
export function EditorPage({
  path,
  buildWarnings,
  wasteReport,
  wasteBuildId = null,
  proposal = null,
  forecast,
  lastBuild = null,
  onTextChange,
}: {
  path: string;
  buildWarnings: readonly BuildWarning[];
  /**
   * What the last successful build of this file wasted: its lines get info marks (lines edited
   * since that build get none). Null when there is no such build or it is not known yet.
   */
  wasteReport: WasteReport | null;
  /** The build `wasteReport` is of: "Verify" rebuilds in its context with its arguments. */
  wasteBuildId?: string | null;
  /** A whole new text proposed from elsewhere (the build's reorder advice): opened unsaved, shown as a diff. */
  proposal?: string | null;
  /** The next build's forecast for the text being edited (composed by the app from the build history). */
  forecast?: { lines: readonly LinePrediction[]; basisTime: string | null; error: string | null };
  /** The file's last successful build, for the cost beside each line it built (null: none yet). */
  lastBuild?: Omit<Parameters<typeof lineCosts>[0], 'currentText'> | null;
  /** The text as it is being edited, saved or not, for the forecast. */
  onTextChange?(text: string): void;
}) {
  // The text as last read from or written to disk. Read afresh every time the page opens: a query
  // cache kept the first version ever read, so reopening after a save showed (and then saved) that.
  const [base, setBase] = useState<{ text: string; mtimeMs: number } | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [text, setText] = useState<string | null>(proposal);
  const [error, setError] = useState<string | null>(null);
  const [outsideChange, setOutsideChange] = useState(false);
  const now = useNow(DISK_CHECK_MS);

  useEffect(() => {
    let cancelled = false;
    openDockerfile(path).then(
      (fresh) => {
        if (!cancelled) setBase({ text: fresh.text, mtimeMs: fresh.mtimeMs });
      },
      (caught: unknown) => {
        if (!cancelled) setOpenError(errorMessage(caught) ?? String(caught));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [path]);

  const current = text ?? base?.text ?? '';
  useEffect(() => {
    if (base) onTextChange?.(current);
  }, [base, current, onTextChange]);
  const dirty = base !== null && current !== base.text;
  const costs = useMemo(
    () => (lastBuild ? lineCosts({ ...lastBuild, currentText: current }) : []),
    [lastBuild, current],
  );
  const wasteMarks = useMemo(
    () => (wasteReport ? placeWasteMarks(wasteReport, current) : []),
    [wasteReport, current],
  );
  const wasteLines = useMemo(
    () => (wasteReport ? lineWaste(wasteReport, currentLine(current)) : []),
    [wasteReport, current],
  );
  const counts = lintDockerfile(current).reduce<Record<string, number>>(
    (all, d) => ({ ...all, [d.severity]: (all[d.severity] ?? 0) + 1 }),
    {},
  );

  // Keyed on the number, not `base` (a new object each render), so typing asks the disk nothing.
  const baseMtimeMs = base?.mtimeMs ?? null;
  useEffect(() => {
    if (baseMtimeMs === null) return;
    let cancelled = false;
    void dockerfileMtime(path).then(({ mtimeMs }) => {
      if (!cancelled) setOutsideChange(mtimeMs !== baseMtimeMs);
    });
    return () => {
      cancelled = true;
    };
  }, [now, path, baseMtimeMs]);

  const save = async (force: boolean): Promise<void> => {
    try {
      const result = await saveDockerfile(path, current, force ? null : (base?.mtimeMs ?? null));
      setBase({ text: result.text, mtimeMs: result.mtimeMs });
      setText(null);
      setError(null);
      setOutsideChange(false);
    } catch (caught) {
      setError(errorMessage(caught) ?? String(caught));
    }
  };
  const reload = async (): Promise<void> => {
    try {
      const fresh = await openDockerfile(path);
      setBase({ text: fresh.text, mtimeMs: fresh.mtimeMs });
      setText(null);
      setOutsideChange(false);
      setError(null);
    } catch (caught) {
      setError(errorMessage(caught) ?? String(caught));
    }
  };

  if (openError)
    return (
      <section className="page" data-testid="editor-open-error">
        <p className="error-text" role="alert">
          {openError}
        </p>
        <p className="muted">The editor shows only what is on disk, so there is nothing to edit here.</p>
      </section>
    );
  if (!base) return <p className="muted page">Opening {path}…</p>;
  return (
    <section className="page editor-page" data-testid="editor-page">
      <header className="page-header">
        <h1>
          <code>{path}</code>{' '}
          {dirty ? (
            <span className="status-pill cancelled">modified</span>
          ) : (
            <span className="status-pill succeeded">saved</span>
          )}
        </h1>
        <div className="toolbar">
          <span className="muted" data-testid="lint-counts">
            {plural(counts['error'] ?? 0, 'error')} · {plural(counts['warning'] ?? 0, 'warning')} ·{' '}
            {plural(counts['info'] ?? 0, 'tip')}
          </span>
          <button type="button" className="primary" onClick={() => void save(false)} disabled={!dirty}>
            Save
          </button>
        </div>
      </header>
      {outsideChange ? (
        <div className="callout" role="alert" data-testid="outside-change">
          The file changed on disk since it was opened.{' '}
          <button type="button" className="small" onClick={() => void reload()}>
            Reload it{dirty ? ' (drops your changes)' : ''}
          </button>{' '}
          {dirty ? (
            <button type="button" className="small" onClick={() => void save(true)}>
              Keep mine and overwrite
            </button>
          ) : null}
        </div>
      ) : null}
      {proposal !== null && dirty ? (
        <div className="callout" data-testid="editor-proposal">
          Proposed change, not saved yet: Save writes it to the file.{' '}
          <button type="button" className="small" onClick={() => setText(null)}>
            Discard it
          </button>
          <DiffView before={base.text} after={current} />
        </div>
      ) : null}
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      <DockerfileEditor
        text={base.text === current ? base.text : current}
        buildWarnings={buildWarnings}
        notes={wasteMarks}
        cacheLines={forecast?.lines}
        lineCosts={costs}
        lineWaste={wasteLines}
        onChange={setText}
        onSave={() => void save(false)}
      />
      <p className="muted small" data-testid="cache-gutter-legend">
        {forecast?.basisTime
          ? `Beside the line numbers: ✓ the next build takes the step from cache, ↻ it runs it — as the file and its folder are now, against the build of ${forecast.basisTime}. Hover for why.`
          : 'Build this Dockerfile once and the editor shows, beside each step, whether the next build will take it from cache.'}
        {forecast?.error ? ` (No forecast: ${forecast.error})` : ''}
      </p>
      {lastBuild ? (
        <p className="muted small" data-testid="cost-gutter-legend">
          Beside each step: how long it ran in {lastBuild.buildName}, or that it came from the cache, and the
          bytes its layers added to the image (lines edited since have none).
        </p>
      ) : null}
      {wasteReport ? (
        <WasteFixPanel report={wasteReport} text={current} buildId={wasteBuildId} onApply={setText} />
      ) : null}
      <p className="muted small">
        Hover a mark to see what is wrong and why; where a fix is safe, a button in that note applies it.
        Ctrl/⌘-S saves.
      </p>
    </section>
  );
}
