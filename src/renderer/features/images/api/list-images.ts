import { queryOptions, useQuery } from '@tanstack/react-query';
import { invoke } from '../../../lib/invoke';
import { imagesKeys } from './images-keys';

export const listImagesQuery = queryOptions({
  queryKey: imagesKeys.list(),
  queryFn: () => invoke('images:list', {}),
});

/** Local images; refetched when the engine reports image events. */
export function useImages(enabled: boolean) {
  return useQuery({ ...listImagesQuery, enabled });
}
