import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { buildKeys } from '../features/build/api/build-queries';
import { imagesKeys } from '../features/images/api/images-keys';
import { containerKeys } from '../features/containers/api/container-queries';
import type { Stores } from './routes';

/**
 * Feeds main's operation events into the app-level stores and refreshes what a finished
 * operation changed: a build the history and the images, a container's new state the list, an
 * image event from the engine the images.
 */
export function useOperationEvents(stores: Stores): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const refresh = (queryKey: readonly unknown[]): void => void queryClient.invalidateQueries({ queryKey });
    const unsubscribe = [
      window.api.on('build:event', ({ id, event }) => {
        stores.builds.apply(id, event);
        if (event.kind === 'started' || event.kind === 'finished') refresh(buildKeys.history());
        if (event.kind === 'finished') refresh(imagesKeys.all);
      }),
      window.api.on('containers:event', ({ id, event }) => {
        stores.containers.apply(id, event);
        if (event.kind === 'state') refresh(containerKeys.all);
      }),
      window.api.on('push:event', ({ id, event }) => stores.pushes.apply(id, event)),
      window.api.on('images:event', () => refresh(imagesKeys.all)),
    ];
    return () => unsubscribe.forEach((off) => off());
  }, [stores, queryClient]);
}
