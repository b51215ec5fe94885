import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { EngineStatus } from '@shared/engine-status';
import { engineKeys, engineStatusQuery } from './api/engine-queries';

/**
 * The engine connection, kept current by main's `engine:event`s.
 *
 * When the engine comes back, `onReconnected` runs, so the app refetches every engine-backed
 * query and the UI recovers without a reload.
 */
export function useEngineStatus(onReconnected?: () => void): EngineStatus | undefined {
  const queryClient = useQueryClient();
  const { data } = useQuery(engineStatusQuery);
  const reconnected = useRef(onReconnected);
  useEffect(() => {
    reconnected.current = onReconnected;
  });

  useEffect(
    () =>
      window.api.on('engine:event', (status) => {
        const previous = queryClient.getQueryData<EngineStatus>(engineKeys.status());
        queryClient.setQueryData(engineKeys.status(), status);
        if (status.state === 'connected' && previous?.state !== 'connected') reconnected.current?.();
      }),
    [queryClient],
  );

  return data;
}
