import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { invoke } from '../../../lib/invoke';
import { imagesKeys } from './images-keys';

/** `docker system df`: what images, containers, volumes and the build cache take. */
export function useDiskUsage() {
  return useQuery({ queryKey: imagesKeys.diskUsage(), queryFn: () => invoke('system:disk-usage', {}) });
}

/** Empties the build cache, then reads the sizes again. */
export function usePruneBuildCache() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => invoke('system:prune-build-cache', {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: imagesKeys.all }),
  });
}
