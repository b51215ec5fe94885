import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { KeepLogin } from '@shared/registry';
import { invoke } from '../../../lib/invoke';

/** Query keys of the registry feature. */
export const registryKeys = {
  all: ['registries'] as const,
  logins: () => [...registryKeys.all, 'logins'] as const,
  place: (registry: string) => [...registryKeys.all, 'place', registry] as const,
  preflight: (reference: string) => [...registryKeys.all, 'preflight', reference] as const,
};

export function useLogins() {
  return useQuery({ queryKey: registryKeys.logins(), queryFn: () => invoke('registry:list', {}) });
}

/** Where a login for `registry` would be saved (so the form can say whether the CLI will see it). */
export function useLoginPlace(registry: string) {
  return useQuery({
    queryKey: registryKeys.place(registry),
    queryFn: () => invoke('registry:place', { registry }),
  });
}

/**
 * What pushing `reference` would do; under `registryKeys.all`, so a login made in the dialog
 * checks again with it.
 */
export function usePushPreflight(reference: string) {
  return useQuery({
    queryKey: registryKeys.preflight(reference),
    queryFn: () => invoke('push:preflight', { reference }),
    retry: false,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { registry: string; username: string; password: string; keep: KeepLogin }) =>
      invoke('registry:login', input),
    // Not awaited: a form's own onSuccess (the push dialog notes the login it made) must run while the
    // form is still mounted — awaiting the refetch first let the fresh login list unmount it, and TanStack
    // Query drops the callbacks of an unmounted caller.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: registryKeys.all });
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (registry: string) => invoke('registry:logout', { registry }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: registryKeys.all }),
  });
}

/** Starts a push; its progress arrives as `push:event`s (the first, `started`, lists it). */
export function startPush(reference: string, allTags: boolean) {
  return invoke('push:start', { reference, allTags });
}

export function useStartPush() {
  return useMutation({
    mutationFn: ({ reference, allTags }: { reference: string; allTags: boolean }) =>
      startPush(reference, allTags),
  });
}

export function useCancelPush(id: string) {
  return useMutation({ mutationFn: () => invoke('push:cancel', { id }) });
}

/** Adds tag `target` to `source`; `onTagged` lets the app refresh what shows the image. */
export function useTagImage(onTagged: () => void) {
  return useMutation({
    mutationFn: ({ source, target }: { source: string; target: string }) =>
      invoke('images:tag', { source, target }),
    onSuccess: () => onTagged(),
  });
}
