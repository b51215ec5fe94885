import { useMutation, useQueryClient } from '@tanstack/react-query';
import { invoke } from '../../../lib/invoke';
import { imagesKeys } from './images-keys';

/** What saving or loading an archive did. */
export type ArchiveResult = { kind: 'saved'; bytes: number } | { kind: 'loaded'; loaded: string[] };

/** `docker save` of `image` to `path`, or `docker load` from it; refreshes the images either way. */
export function useArchive(mode: 'save' | 'load', image: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (path: string): Promise<ArchiveResult> =>
      mode === 'save'
        ? { kind: 'saved', ...(await invoke('images:save', { ref: image!, path })) }
        : { kind: 'loaded', ...(await invoke('images:load', { path })) },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: imagesKeys.all }),
  });
}
