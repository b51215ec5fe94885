import { useEffect, useRef } from 'react';
import type { BuildStep } from '@shared/builds/build-model';
import { CodeSpans } from './code-spans';

/**
 * The Dockerfile as built, with each instruction's state on its line: running, cached, done,
 * cancelled, not run, and the failing line with the error (in words) under it.
 */
export function DockerfilePanel({
  text,
  steps,
  error,
  explanation,
  focusLine,
}: {
  text: string;
  steps: BuildStep[];
  error: { message: string; line: number | null } | null;
  /** The error in words, shown instead of the engine's text. */
  explanation: string | null;
  focusLine: number | null;
}) {
  const lineState = new Map<number, BuildStep['status']>();
  for (const step of steps) if (step.line !== null) lineState.set(step.line, step.status);
  const errorLine = error?.line ?? steps.find((step) => step.status === 'error')?.line ?? null;
  const containerRef = useRef<HTMLDivElement>(null);

  const shownLine =
    focusLine ?? errorLine ?? [...lineState.entries()].find(([, status]) => status === 'running')?.[0];
  // Only when the line to show changes: scrolling into view lays the page out, and the build view
  // renders every frame while a log streams in.
  useEffect(() => {
    if (!shownLine) return;
    containerRef.current?.querySelector(`[data-line="${shownLine}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [shownLine, text]);

  return (
    <div className="dockerfile-panel" ref={containerRef} data-testid="dockerfile-panel">
      {text.split('\n').map((content, index) => {
        const line = index + 1;
        const status = line === errorLine ? 'error' : lineState.get(line);
        return (
          <div key={line}>
            <div
              className={`df-line${status ? ` df-${status}` : ''}${focusLine === line ? ' df-focus' : ''}`}
              data-line={line}
              data-status={status}
            >
              <span className="df-number">{line}</span>
              <code>{content || ' '}</code>
              {status === 'cached' ? <span className="badge cached">cached</span> : null}
              {status === 'running' ? <span className="badge running">running</span> : null}
              {status === 'cancelled' ? <span className="badge cancelled">cancelled</span> : null}
              {status === 'not-run' ? <span className="badge not-run">not run</span> : null}
            </div>
            {line === errorLine && error ? (
              <div className="df-error-message" role="alert" data-testid="dockerfile-error">
                {explanation ? <CodeSpans text={explanation} /> : error.message}
              </div>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
