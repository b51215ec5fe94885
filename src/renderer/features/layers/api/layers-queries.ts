import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { WasteStatus } from '@shared/layers/layers-view';
import { invoke } from '../../../lib/invoke';

/** Query keys of the layers feature. Pages pass image ids where they have them: a tag can move to another image. */
export const layersKeys = {
  all: ['layers'] as const,
  details: (ref: string) => [...layersKeys.all, 'details', ref] as const,
  compare: (a: string, b: string) => [...layersKeys.all, 'compare', a, b] as const,
  waste: (imageId: string) => [...layersKeys.all, 'waste', imageId] as const,
};

const isImageId = (ref: string): boolean => /^sha256:[0-9a-f]{64}$/.test(ref);

export function useLayers(ref: string | null) {
  return useQuery({
    queryKey: layersKeys.details(ref ?? ''),
    queryFn: () => invoke('layers:details', { ref: ref! }),
    enabled: !!ref,
    // An image id always names the same content; only tags are worth asking again.
    staleTime: ref && isImageId(ref) ? Infinity : undefined,
  });
}

/** Both sides in the key, so changing either one asks again (never a stale side). */
export function useComparison(a: string | null, b: string | null) {
  return useQuery({
    queryKey: layersKeys.compare(a ?? '', b ?? ''),
    queryFn: () => invoke('layers:compare', { a: a!, b: b! }),
    enabled: !!a && !!b && a !== b,
    staleTime: a && b && isImageId(a) && isImageId(b) ? Infinity : undefined,
  });
}

/**
 * The wasted bytes of an image by Dockerfile line, kept current by `waste:event`. Asking starts
 * the background search when it never ran for this image.
 */
export function useWaste(imageId: string | null) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!imageId) return;
    const stop = window.api.on('waste:event', (payload) => {
      if (payload.imageId === imageId)
        queryClient.setQueryData<WasteStatus>(layersKeys.waste(imageId), payload.status);
    });
    // A status kept from a screen that stopped listening (the build page, before the editor
    // opened) can have missed its `done`: measured in the editor, which then waited for ever.
    const kept = queryClient.getQueryData<WasteStatus>(layersKeys.waste(imageId));
    if (kept?.state === 'running' || kept?.state === 'waiting')
      void queryClient.invalidateQueries({ queryKey: layersKeys.waste(imageId) });
    return stop;
  }, [imageId, queryClient]);
  return useQuery({
    queryKey: layersKeys.waste(imageId ?? ''),
    queryFn: async () => {
      const answer = await invoke('waste:get', { ref: imageId! });
      // An event can overtake the answer (a cached analysis finishes at once): keep the later news.
      const known = queryClient.getQueryData<WasteStatus>(layersKeys.waste(imageId!));
      return known && known.state !== 'running' && answer.state === 'running' ? known : answer;
    },
    enabled: !!imageId,
    // Events bring every change; asking again would only repeat the answer.
    staleTime: Infinity,
  });
}

/** Stops the background search for wasted space in `imageId`. */
export function cancelWaste(imageId: string): Promise<unknown> {
  return invoke('waste:cancel', { imageId });
}

/** Searches `imageId` for wasted space again (after a failure or a stop); news comes by `waste:event`. */
export function rerunWaste(imageId: string): Promise<unknown> {
  return invoke('waste:get', { ref: imageId, rerun: true });
}

/** Starts the contents analysis of `ref`; progress and the result arrive as `analysis:event`s under its id. */
export function startAnalysis(ref: string) {
  return invoke('analysis:start', { ref });
}

export function cancelAnalysis(id: string): Promise<unknown> {
  return invoke('analysis:cancel', { id });
}

/** Starts the file diff of two images; progress and the diff arrive as `file-diff:event`s under its id. */
export function startFileDiff(a: string, b: string) {
  return invoke('layers:file-diff', { a, b });
}

/** A file diff runs as an analysis operation, so the analysis cancel stops it. */
export function cancelFileDiff(id: string): Promise<unknown> {
  return invoke('analysis:cancel', { id });
}
