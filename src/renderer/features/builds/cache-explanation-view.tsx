import type { ReactNode } from 'react';
import type { BuildStep } from '@shared/builds/build-model';
import type { BuildCacheExplanation, ReorderAdvice } from '@shared/cache/cache-model';
import {
  cacheSummaryText,
  clockTime,
  predictionCheckText,
  type ReasonContext,
} from '../../components/cache-reason-text';
import { CodeSpans } from './code-spans';
import { StepCacheReason } from './step-cache-reason';

/** "step 4" as the step list numbers it (within its stage), else the Dockerfile line. */
export function stepNamer(steps: readonly BuildStep[]): (line: number) => string {
  return (line) => {
    const step = steps.find((candidate) => candidate.line === line && !candidate.internal);
    if (!step || step.index === null) return `line ${line}`;
    return step.stage === null || step.stage === '0'
      ? `step ${step.index}`
      : `step ${step.index} of stage ${step.stage}`;
  };
}

/** "7 of 9 steps cached, 41 s saved", and what the build was compared with. */
export function CacheSummaryLine({
  explanation,
  steps,
  now,
}: {
  explanation: BuildCacheExplanation;
  steps: readonly BuildStep[];
  now: number;
}) {
  const check = explanation.predictionCheck;
  const checked = check ? predictionCheckText(check, stepNamer(steps)) : '';
  return (
    <>
      <div className="cache-summary" data-testid="cache-summary">
        {cacheSummaryText(explanation.summary)}
        <span className="muted">
          {explanation.previousStartedAt !== null
            ? ` · compared with the build of ${clockTime(explanation.previousStartedAt, now)}`
            : ' · no earlier build of this Dockerfile to compare with'}
        </span>
      </div>
      {checked ? (
        <div
          className={`prediction-check${check!.misses.length > 0 ? ' missed' : ''}`}
          data-testid="prediction-check"
        >
          <CodeSpans text={checked} />
        </div>
      ) : null}
    </>
  );
}

/**
 * The reason line under each step of a finished build, by Dockerfile line (for `StepList`);
 * nothing for a line the explanation does not cover (internal steps).
 */
export function cacheReasonsOf(
  explanation: BuildCacheExplanation,
  steps: readonly BuildStep[],
  dockerfileText: string,
  now: number,
  onShowAdvice: (advice: ReorderAdvice) => void,
): (line: number) => ReactNode {
  const context: ReasonContext = {
    previousStartedAt: explanation.previousStartedAt,
    tense: 'past',
    stepName: stepNamer(steps),
    timeOf: (ms) => clockTime(ms, now),
  };
  return (line) => {
    const step = explanation.steps.find((candidate) => candidate.line === line);
    return step ? (
      <StepCacheReason
        step={step}
        context={context}
        dockerfileText={dockerfileText}
        onShowAdvice={onShowAdvice}
      />
    ) : null;
  };
}
