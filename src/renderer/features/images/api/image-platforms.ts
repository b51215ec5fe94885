import { useQuery } from '@tanstack/react-query';
import { invoke } from '../../../lib/invoke';
import { imagesKeys } from './images-keys';

/**
 * The platforms of one image, read from the engine's export of it. Asked only when a user opens
 * them (the export streams the whole image); under `imagesKeys.all`, so image events refresh it.
 */
export function useImagePlatforms(ref: string) {
  return useQuery({
    queryKey: [...imagesKeys.all, 'platforms', ref],
    queryFn: () => invoke('images:platforms', { ref }),
    staleTime: Infinity,
  });
}
