import type { CachePrediction } from '@shared/cache/cache-model';
import { plural } from '@shared/plural';
import { useNow } from '../../components/use-now';
import { CodeSpans } from './code-spans';
import { cacheReasonText, clockTime, type ReasonContext } from '../../components/cache-reason-text';

/** The answer to "What will rebuild?": per step, cached or run, and why; or why there is no answer. */
export function CachePredictionView({
  prediction,
  pending,
  error,
  previousStartedAt,
  dockerfileText,
}: {
  prediction: CachePrediction | undefined;
  pending: boolean;
  error: string | null;
  /** When the build the prediction compares with started, where the form knows it. */
  previousStartedAt: number | null;
  /** The Dockerfile as it is now: the reorder advice quotes the COPY its reordering adds. */
  dockerfileText: string;
}) {
  const now = useNow(60_000);
  if (pending) {
    return (
      <p className="muted" role="status" data-testid="cache-prediction-loading">
        Comparing the Dockerfile, build args and files with the last build…
      </p>
    );
  }
  if (error) {
    return (
      <p className="error-text" role="alert" data-testid="cache-prediction-error">
        Could not predict the cache: {error}
      </p>
    );
  }
  if (!prediction) return null;
  const context: ReasonContext = {
    previousStartedAt,
    tense: 'future',
    stepName: (line) => `line ${line}`,
    timeOf: (ms) => clockTime(ms, now),
  };
  const running = prediction.steps.filter((step) => !step.cached).length;
  return (
    <div className="cache-prediction" data-testid="cache-prediction">
      <div className="cache-summary">
        {prediction.previousBuildId === null
          ? 'No earlier build of this Dockerfile and folder: every step will run.'
          : running === 0
            ? `Every step will come from cache (${plural(prediction.steps.length, 'step')}).`
            : `${plural(running, 'step')} of ${prediction.steps.length} will run.`}
      </div>
      <table className="cache-steps">
        <tbody>
          {prediction.steps.map((step) => (
            <tr
              key={step.line}
              data-testid="predicted-step"
              data-cached={step.cached}
              data-instruction={step.instruction}
            >
              <td>
                <span className={`status-pill ${step.cached ? 'cache-hit' : 'cache-miss'}`}>
                  {step.cached ? 'cached' : 'will run'}
                </span>
              </td>
              <td className="muted num">{step.line}</td>
              <td>
                <code>{step.instruction}</code>
                {step.cached ? null : (
                  <div className="cache-reason">
                    <CodeSpans text={cacheReasonText(step.reason, context, dockerfileText)} />
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
