import { useQuery } from '@tanstack/react-query';
import type { EventPayloads } from '@shared/api';
import { invoke } from '../../../lib/invoke';

/** Query keys of the Build-only content view (part of the layers feature). */
export const buildOnlyKeys = {
  all: ['layers', 'build-only'] as const,
  report: (ref: string) => [...buildOnlyKeys.all, ref] as const,
};

const isImageId = (ref: string): boolean => /^sha256:[0-9a-f]{64}$/.test(ref);

/** The build-only content of `ref` and the multi-stage Dockerfile offered for it. */
export function useBuildOnly(ref: string | null) {
  return useQuery({
    queryKey: buildOnlyKeys.report(ref ?? ''),
    queryFn: () => invoke('layers:build-only', { ref: ref! }),
    enabled: !!ref,
    staleTime: ref && isImageId(ref) ? Infinity : undefined,
  });
}

/** Starts "Try it" for the recorded build; progress arrives on `multi-stage:event`. */
export function tryMultiStage(buildId: string, keepImage: boolean) {
  return invoke('layers:try-multi-stage', { buildId, keepImage });
}

export function cancelMultiStage(id: string) {
  return invoke('layers:try-multi-stage-cancel', { id });
}

export function onMultiStageEvent(
  listener: (payload: EventPayloads['multi-stage:event']) => void,
): () => void {
  return window.api.on('multi-stage:event', listener);
}
