import { useMutation, useMutationState, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestInput } from '@shared/api';
import { invoke } from '../../../lib/invoke';

/** Query keys of the containers feature. */
export const containerKeys = {
  all: ['containers'] as const,
  list: (all: boolean) => [...containerKeys.all, 'list', all] as const,
  defaults: (image: string) => [...containerKeys.all, 'defaults', image] as const,
  /** With the state the page last saw, so a start or an exit reads the details again. */
  inspect: (id: string, state: string) => [...containerKeys.all, 'inspect', id, state] as const,
  stop: () => [...containerKeys.all, 'stop'] as const,
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

const STOP_KEY = containerKeys.stop();

/** Seconds the engine waits after SIGTERM before it kills, as `docker stop` does. */
export const STOP_TIMEOUT_SECONDS = 10;

/**
 * Stops a container: SIGTERM, then SIGKILL after `timeoutSeconds` (0 kills at once). The request
 * returns once the container has stopped, so a pending one means "stopping".
 */
export function useStopContainer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: STOP_KEY,
    mutationFn: ({ id, timeoutSeconds }: { id: string; timeoutSeconds: number }) =>
      invoke('containers:stop', { id, timeoutSeconds }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: containerKeys.all }),
  });
}

/** Ids of containers being stopped right now, from any stop request in the window. */
export function useStoppingIds(): ReadonlySet<string> {
  const ids = useMutationState({
    filters: { mutationKey: STOP_KEY, status: 'pending' },
    select: (mutation) => (mutation.state.variables as { id: string } | undefined)?.id ?? '',
  });
  return new Set(ids);
}

/** Start, restart or remove (stop: useStopContainer); refreshes the list afterwards. */
export function useContainerAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, id }: { action: 'start' | 'restart' | 'remove'; id: string }) =>
      invoke(`containers:${action}`, { id }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: containerKeys.all }),
  });
}

/** A container's settings as the engine reports them. */
export function useContainerDetails(id: string, state: string) {
  return useQuery({
    queryKey: containerKeys.inspect(id, state),
    queryFn: () => invoke('containers:inspect', { id }),
    retry: false,
  });
}

/** Asks main to stream a container's output as `containers:event`s (from its first line). */
export function followContainer(id: string): Promise<unknown> {
  return invoke('containers:follow', { id });
}

export function unfollowContainer(id: string): Promise<unknown> {
  return invoke('containers:unfollow', { id });
}

/** Creates and starts a container from the Run form; refreshes the list. */
export function useStartRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RequestInput<'run:start'>) => invoke('run:start', request),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: containerKeys.all }),
  });
}
