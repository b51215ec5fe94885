import { useMutation, useQueryClient } from '@tanstack/react-query';
import { invoke } from '../../../lib/invoke';
import { imagesKeys } from './images-keys';

/** Removes an image or one of its tags (`docker rmi`), then refreshes the list. */
export function useRemoveImage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { ref: string; force: boolean }) => invoke('images:remove', input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: imagesKeys.all }),
  });
}

/** Removes dangling images, then refreshes the list. */
export function usePruneImages() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => invoke('images:prune', {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: imagesKeys.all }),
  });
}
