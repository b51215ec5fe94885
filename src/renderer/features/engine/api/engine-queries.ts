import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EngineOverride } from '@shared/engine-status';
import { invoke } from '../../../lib/invoke';

/** Query keys of the engine feature. */
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

/** The engines Dockwright could use (docker contexts, the override in force). */
export function useEngineChoices() {
  return useQuery({ queryKey: engineKeys.choices(), queryFn: () => invoke('engine:choices', {}) });
}

/** Picks an engine (null: automatic); the answer is the new status. */
export function useSetEngineOverride(onSaved: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (override: EngineOverride | null) => invoke('engine:set-override', { override }),
    onSuccess: (status) => {
      queryClient.setQueryData(engineKeys.status(), status);
      void queryClient.invalidateQueries({ queryKey: engineKeys.choices() });
      onSaved();
    },
  });
}

/** Looks for an engine now instead of at the next retry. */
export function useReconnect() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => invoke('engine:reconnect', {}),
    onSuccess: (next) => queryClient.setQueryData(engineKeys.status(), next),
  });
}
