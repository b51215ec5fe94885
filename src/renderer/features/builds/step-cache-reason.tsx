import { useState } from 'react';
import type { CacheReason, ReorderAdvice, StepCacheExplanation } from '@shared/cache/cache-model';
import { CodeSpans } from './code-spans';
import {
  cacheReasonText,
  changedFileList,
  diffWords,
  type ReasonContext,
} from '../../components/cache-reason-text';

/**
 * Why one step ran or came from cache, in one line; a files list, an instruction diff or the
 * reorder advice open under it.
 */
export function StepCacheReason({
  step,
  context,
  dockerfileText,
  onShowAdvice,
}: {
  step: StepCacheExplanation;
  context: ReasonContext;
  /** The Dockerfile as this build used it: the advice's diff is against it. */
  dockerfileText: string;
  onShowAdvice?(advice: ReorderAdvice): void;
}) {
  const [open, setOpen] = useState(false);
  const { reason } = step;
  const text = cacheReasonText(reason, context, dockerfileText);
  const expandable = reason.kind === 'files-changed' || reason.kind === 'instruction-changed';
  return (
    <div
      className={`cache-reason cache-reason-${reason.kind}`}
      data-testid="cache-reason"
      data-kind={reason.kind}
    >
      <span className="cache-reason-text">
        <CodeSpans text={text} />
      </span>
      {expandable ? (
        <button type="button" className="link small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'hide' : reason.kind === 'files-changed' ? 'show the files' : 'show the change'}
        </button>
      ) : null}
      {reason.kind === 'cascade' && reason.advice && onShowAdvice ? (
        <button type="button" className="small" onClick={() => onShowAdvice(reason.advice!)}>
          Show the reordered Dockerfile
        </button>
      ) : null}
      {open ? <ReasonDetail reason={reason} /> : null}
    </div>
  );
}

function ReasonDetail({ reason }: { reason: CacheReason }) {
  if (reason.kind === 'instruction-changed') {
    return (
      <div className="word-diff" data-testid="instruction-diff">
        {diffWords(reason.before, reason.after).map((part, index) => (
          <span key={index} className={`word-${part.kind}`}>
            {part.text}{' '}
          </span>
        ))}
      </div>
    );
  }
  if (reason.kind !== 'files-changed') return null;
  const list = changedFileList(reason);
  return (
    <ul className="changed-files" data-testid="changed-files">
      {list.shown.map((line) => (
        <li key={line}>{line}</li>
      ))}
      {list.more ? <li className="muted">{list.more}</li> : null}
    </ul>
  );
}
