import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { invoke } from '../../../app/invoke';

/** Query keys of the containers feature. */
export const containerKeys = {
  all: ['containers'] as const,
  list: (all: boolean) => [...containerKeys.all, 'list', all] as const,
  defaults: (image: string) => [...containerKeys.all, 'defaults', image] as const,
};

export function useContainers(all: boolean) {
  return useQuery({
    queryKey: containerKeys.list(all),
    queryFn: () => invoke('containers:list', { all }),
    refetchInterval: 3000,
  });
}

export function useRunDefaults(image: string) {
  return useQuery({
    queryKey: containerKeys.defaults(image),
    queryFn: () => invoke('run:defaults', { image }),
    staleTime: 0,
  });
}

/** Stop, start, restart or remove; refreshes the list afterwards. */
export function useContainerAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, id }: { action: 'stop' | 'start' | 'restart' | 'remove'; id: string }) =>
      invoke(`containers:${action}`, { id }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: containerKeys.all }),
  });
}
