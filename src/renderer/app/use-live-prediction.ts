import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { BuildSummary } from '@shared/builds/build-record';
import { cacheReasonText, clockTime } from '../components/cache-reason-text';
import { useNow } from '../components/use-now';
import { historyQuery, livePredictionQuery } from '../features/builds/api/build-queries';
import type { LinePrediction } from '../features/editor/cache-gutter';

/** What the editor shows of the forecast: per line, and the build it was compared with. */
export interface LiveForecast {
  lines: readonly LinePrediction[];
  basis: BuildSummary | null;
  error: string | null;
}

const NO_LINES: readonly LinePrediction[] = [];

/** Waits this long after the last keystroke before asking: a prediction stats the whole context. */
const TYPING_PAUSE_MS = 600;

function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * What the next build of this Dockerfile will take from cache, as it is being edited: the last
 * build of the same file gives the context, builder and arguments; the editor's text (saved or
 * not) is compared with that build. Nothing when the file was never built.
 */
export function useLivePrediction(path: string, text: string | null): LiveForecast {
  const history = useQuery(historyQuery);
  const now = useNow(60_000);
  const basis =
    history.data?.builds.find((build) => build.dockerfilePath === path && build.status !== 'running') ?? null;
  const settledText = useSettled(text, TYPING_PAUSE_MS);
  const prediction = useQuery({
    ...livePredictionQuery(path, basis, settledText ?? ''),
    enabled: basis !== null && settledText !== null,
  });
  const basisStartedAt = basis?.startedAt ?? null;
  // One array per forecast: the gutter re-marks lines only when a new one arrives, not per keystroke.
  const lines = useMemo(() => {
    if (!prediction.data) return NO_LINES;
    return prediction.data.steps.map((step) => ({
      line: step.line,
      cached: step.cached,
      text: cacheReasonText(step.reason, {
        previousStartedAt: prediction.data.previousBuildId === null ? null : basisStartedAt,
        tense: 'future',
        stepName: (line) => `line ${line}`,
        timeOf: (ms) => clockTime(ms, now),
      }),
    }));
  }, [prediction.data, basisStartedAt, now]);
  return { lines: basis ? lines : NO_LINES, basis, error: prediction.error?.message ?? null };
}
