import { useState, type ReactNode } from 'react';
import { inDockerfileOrder, stepPosition, type BuildStep } from '@shared/builds/build-model';
import type { StepLines } from '@shared/builds/step-output';

const STATUS_LABEL: Record<BuildStep['status'], string> = {
  queued: 'queued',
  running: 'running',
  cached: 'cached',
  done: 'done',
  error: 'failed',
  cancelled: 'cancelled',
  'not-run': 'not run',
};

/** Duration of a step in ms, up to `now` while it runs. */
export function stepDuration(step: BuildStep, now: number): number | null {
  if (step.startedAt === null) return null;
  // A step heard of after the clock's last tick has run for no time yet, not for a negative one.
  return Math.max(0, (step.endedAt ?? now) - step.startedAt);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** The steps with status, a duration bar each (relative to the slowest), expandable to their output. */
export function StepList({
  steps,
  stepLogs,
  now,
  onSelectLine,
  cacheReason,
  stepAction,
}: {
  steps: BuildStep[];
  stepLogs: StepLines;
  now: number;
  onSelectLine(line: number): void;
  /** Why the step at a Dockerfile line ran or came from cache, once the build is explained. */
  cacheReason?(line: number): ReactNode;
  /** Shown under an expanded step's output (a shell after the step). */
  stepAction?(step: BuildStep): ReactNode;
}) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const visible = inDockerfileOrder(steps.filter((step) => !step.internal));
  const longest = Math.max(1, ...visible.map((step) => stepDuration(step, now) ?? 0));

  return (
    <ol className="steps" data-testid="steps">
      {visible.map((step) => {
        const duration = stepDuration(step, now);
        const expanded = open.has(step.id);
        const logs = stepLogs[step.id] ?? [];
        return (
          <li
            key={step.id}
            className={`step step-${step.status}`}
            data-testid="step"
            data-status={step.status}
          >
            <button
              type="button"
              className="step-head"
              aria-expanded={expanded}
              onClick={() => {
                const next = new Set(open);
                if (expanded) next.delete(step.id);
                else next.add(step.id);
                setOpen(next);
                if (step.line !== null) onSelectLine(step.line);
              }}
            >
              <span className={`status-dot ${step.status}`} aria-hidden />
              <span className="step-name">
                {step.index !== null ? <span className="muted">{stepPosition(step)} </span> : null}
                {step.instruction}
              </span>
              <span className="step-status">{STATUS_LABEL[step.status]}</span>
              <span className="step-bar" aria-hidden>
                <span
                  style={{ width: `${duration === null ? 0 : Math.max(2, (duration / longest) * 100)}%` }}
                />
              </span>
              <span className="step-time">
                {duration === null ? '' : step.status === 'cached' ? '—' : formatDuration(duration)}
              </span>
            </button>
            {step.line !== null && cacheReason ? cacheReason(step.line) : null}
            {expanded ? (
              <pre className="step-logs">{logs.length ? logs.join('\n') : (step.error ?? 'No output.')}</pre>
            ) : null}
            {expanded && stepAction ? stepAction(step) : null}
          </li>
        );
      })}
    </ol>
  );
}
