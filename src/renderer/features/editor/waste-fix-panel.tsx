import { useMemo, useState } from 'react';
import { formatSize } from '@shared/format-size';
import type { WasteFixState } from '@shared/layers/waste-fix-verification';
import { proposeWasteFix, type WasteFix, type WasteFixProposal } from '@shared/layers/waste-fixes';
import { placeName, type WasteFinding, type WasteReport } from '@shared/layers/waste-report';
import { errorMessage } from '../../lib/invoke';
import { useOperation } from '../../lib/operations/operations-context';
import { cancelWasteFixVerification, verifyWasteFix } from './api/waste-fix-api';

const keyOf = (finding: WasteFinding): string => `${finding.writer.layerIndex}-${finding.remover.layerIndex}`;

/**
 * The last build's wasted bytes as a list under the editor: each finding with "Show fix" (the
 * diff), "Verify" (both files built and compared on the engine, with progress and Cancel) and
 * "Apply" (the fixed text into the editor, unsaved), which waits for a verification that passed.
 */
export function WasteFixPanel({
  report,
  text,
  buildId,
  onApply,
}: {
  report: WasteReport;
  /** The Dockerfile as it is in the editor now (fixes are proposed for it). */
  text: string;
  /** The build the report belongs to: its context and arguments are what Verify builds with. */
  buildId: string | null;
  onApply(text: string): void;
}) {
  const [keepImages, setKeepImages] = useState(false);
  const own = useMemo(
    () =>
      report.findings.filter((finding) => !finding.writer.fromBaseImage || !finding.remover.fromBaseImage),
    [report],
  );
  const proposals = useMemo(
    () => own.map((finding) => proposeWasteFix(text, finding, report.findings)),
    [own, report, text],
  );
  if (own.length === 0) return null;
  return (
    <section className="waste-fix-panel" data-testid="waste-fix-panel" aria-label="Wasted space">
      <h2>Wasted space in the last build</h2>
      <p className="muted small">
        {formatSize(report.ownWastedBytes)} this Dockerfile stores but the image never shows. Marked ⚠ beside
        the lines.
      </p>
      <label className="small">
        <input
          type="checkbox"
          checked={keepImages}
          onChange={(event) => setKeepImages(event.target.checked)}
        />{' '}
        Keep the two images Verify builds (otherwise they are removed; both builds stay in History)
      </label>
      <ul className="waste-fix-list">
        {own.map((finding, index) => (
          <FindingRow
            key={keyOf(finding)}
            finding={finding}
            proposal={proposals[index]!}
            text={text}
            buildId={buildId}
            keepImages={keepImages}
            onApply={onApply}
          />
        ))}
      </ul>
    </section>
  );
}

function FindingRow({
  finding,
  proposal,
  text,
  buildId,
  keepImages,
  onApply,
}: {
  finding: WasteFinding;
  proposal: WasteFixProposal;
  text: string;
  buildId: string | null;
  keepImages: boolean;
  onApply(text: string): void;
}) {
  const [shown, setShown] = useState(false);
  const [applied, setApplied] = useState(false);
  // The verification asked for, and the fixed text it builds: its answer counts only for that text.
  const [asked, setAsked] = useState<{ id: string; fixedText: string } | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const operation = useOperation('wasteFix', asked?.id ?? null);
  const fix = proposal.fix;
  const matches = asked !== null && fix !== null && asked.fixedText === fix.text;
  const current = matches ? (operation ?? null) : null;
  // Asked, and no event yet: it is starting (its first event can also come before the answer).
  const running = starting || (matches && (current === null || current.state === 'running'));
  const passed = current?.state === 'done' && current.result.equivalent;

  const verify = async (chosen: WasteFix): Promise<void> => {
    if (!buildId) return;
    setStarting(true);
    setStartError(null);
    try {
      const { id } = await verifyWasteFix({
        buildId,
        originalText: text,
        fixedText: chosen.text,
        wasted: finding.paths,
        ownersUnder: chosen.ownersUnder,
        keepImages,
      });
      setAsked({ id, fixedText: chosen.text });
    } catch (caught) {
      setStartError(errorMessage(caught) ?? 'Could not start.');
    } finally {
      setStarting(false);
    }
  };

  return (
    <li className="waste-fix-item" data-testid="waste-fix-item">
      <div>
        <strong>{formatSize(finding.bytes)}</strong> written by {placeName(finding.writer)} and{' '}
        {finding.how === 'deleted' ? 'deleted' : 'written again'} by {placeName(finding.remover)}
        {finding.paths.length > 0 ? (
          <span className="muted small"> — {finding.paths.slice(0, 3).join(', ')}</span>
        ) : null}
      </div>
      {applied && !fix ? (
        <p className="small" data-testid="waste-fix-applied">
          Fix applied in the editor: save, then build again to see the space gone.
        </p>
      ) : !fix ? (
        <p className="muted small" data-testid="waste-fix-reason">
          No fix offered: {proposal.reason}
        </p>
      ) : (
        <>
          <div className="toolbar">
            <button type="button" className="small" aria-expanded={shown} onClick={() => setShown(!shown)}>
              {shown ? 'Hide fix' : 'Show fix'}
            </button>
            {running ? (
              <button
                type="button"
                className="small"
                disabled={!asked}
                onClick={() => asked && void cancelWasteFixVerification(asked.id).catch(() => undefined)}
              >
                Cancel
              </button>
            ) : (
              <button
                type="button"
                className="small"
                disabled={!buildId}
                title={buildId ? undefined : 'Build this Dockerfile first: Verify builds in its context.'}
                onClick={() => void verify(fix)}
              >
                Verify
              </button>
            )}
            <button
              type="button"
              className="small primary"
              disabled={!passed}
              title={
                passed ? undefined : 'Verify first: Apply is offered once both builds show the same files.'
              }
              onClick={() => {
                setApplied(true);
                onApply(fix.text);
              }}
            >
              Apply
            </button>
          </div>
          {shown ? <FixDiff fix={fix} /> : null}
          {startError ? (
            <p className="error-text small" role="alert">
              {startError}
            </p>
          ) : running && current?.state !== 'running' ? (
            <p className="muted small" role="status" data-testid="waste-fix-progress">
              Starting…
            </p>
          ) : current ? (
            <VerificationLine verification={current} />
          ) : null}
        </>
      )}
    </li>
  );
}

function FixDiff({ fix }: { fix: WasteFix }) {
  return (
    <div className="waste-fix-diff" data-testid="waste-fix-diff">
      <p className="small">
        <strong>{fix.title}</strong>. {fix.description}
      </p>
      <pre className="diff" aria-label="Lines removed and added">
        {fix.diff.map((line, index) => (
          <div key={index} className={`diff-${line.kind}`}>
            <span className="diff-line-number">{line.before ?? ''}</span>
            <span className="diff-line-number">{line.after ?? ''}</span>
            {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  '}
            {line.text}
          </div>
        ))}
      </pre>
    </div>
  );
}

function VerificationLine({ verification }: { verification: WasteFixState }) {
  switch (verification.state) {
    case 'running':
      return (
        <p className="muted small" role="status" data-testid="waste-fix-progress">
          {verification.message}
        </p>
      );
    case 'failed':
      return (
        <p className="error-text small" role="alert" data-testid="waste-fix-progress">
          {verification.message}
        </p>
      );
    case 'cancelled':
      return (
        <p className="muted small" data-testid="waste-fix-progress">
          Verification cancelled.
        </p>
      );
    case 'done': {
      const { result } = verification;
      return (
        <div
          className={result.equivalent ? 'waste-fix-result ok' : 'waste-fix-result bad'}
          data-testid="waste-fix-result"
        >
          <p>
            {result.equivalent ? '✓ ' : '✗ '}
            {result.summary}
          </p>
          {result.ownership.note ? <p className="muted small">{result.ownership.note}</p> : null}
          {result.differences.length > 0 ? (
            <ul className="small">
              {result.differences.slice(0, 10).map((item) => (
                <li key={item.path}>
                  {item.change} {item.path}
                </li>
              ))}
              {result.differenceCount > 10 ? <li>and {result.differenceCount - 10} more</li> : null}
            </ul>
          ) : null}
          {result.images.kept ? (
            <p className="muted small">Both images kept (tagged dockwright-verify/…).</p>
          ) : null}
        </div>
      );
    }
  }
}
