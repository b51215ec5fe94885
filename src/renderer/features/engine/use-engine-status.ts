import { useEffect } from 'react';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EngineStatus } from '@shared/engine-status';
import { invoke } from '../../app/invoke';
import { imagesKeys } from '../images/api/images-keys';

export const engineKeys = {
  all: ['engine'] as const,
  status: () => [...engineKeys.all, 'status'] as const,
  choices: () => [...engineKeys.all, 'choices'] as const,
};

export const engineStatusQuery = queryOptions({
  queryKey: engineKeys.status(),
  queryFn: () => invoke('engine:status', {}),
  staleTime: Infinity,
});

/**
 * The engine connection, kept current by main's `engine:event` events.
 *
 * When the engine comes back, every engine-backed query is refetched so the UI recovers without
 * a reload.
 */
export function useEngineStatus(): EngineStatus | undefined {
  const queryClient = useQueryClient();
  const { data } = useQuery(engineStatusQuery);

  useEffect(
    () =>
      window.api.on('engine:event', (status) => {
        const previous = queryClient.getQueryData<EngineStatus>(engineKeys.status());
        queryClient.setQueryData(engineKeys.status(), status);
        if (status.state === 'connected' && previous?.state !== 'connected') {
          void queryClient.invalidateQueries({ queryKey: imagesKeys.all });
        }
      }),
    [queryClient],
  );

  useEffect(
    () =>
      window.api.on('images:event', () => {
        void queryClient.invalidateQueries({ queryKey: imagesKeys.all });
      }),
    [queryClient],
  );

  return data;
}
