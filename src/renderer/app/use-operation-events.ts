import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { OperationsStore } from '../lib/operations/operations-store';
import { buildKeys } from '../features/builds/api/build-queries';
import { imagesKeys } from '../features/images/api/images-keys';
import { containerKeys } from '../features/containers/api/container-queries';
import { coalescedRefresh } from '../lib/coalesced-refresh';

/**
 * The one subscription to main's operation events: each is folded into the operations store by
 * its id, from the first event on (so no screen has to listen before it asks), and what a
 * finished operation changed is refreshed: a build its record, the history and the images, a container's
 * new state the list, an image event from the engine the images.
 */
export function useOperationEvents(store: OperationsStore): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const refresh = (queryKey: readonly unknown[]): void => void queryClient.invalidateQueries({ queryKey });
    // The engine's image events come in bursts (a save, a build's tags): never cancel a list underway.
    const refreshImages = coalescedRefresh(async () => {
      const listAgain = () =>
        queryClient.invalidateQueries({ queryKey: imagesKeys.all }, { cancelRefetch: false });
      // A list already underway may have been asked before the event: let it end, then ask anew.
      if (queryClient.isFetching({ queryKey: imagesKeys.all }) > 0) await listAgain();
      await listAgain();
    });
    const unsubscribe = [
      window.api.on('build:event', ({ id, event }) => {
        store.apply('build', id, event);
        if (event.kind === 'started' || event.kind === 'finished') refresh(buildKeys.history());
        if (event.kind === 'finished') {
          // The saved record is complete now. Read again even where no screen shows it: an ended
          // build can leave the operations store, and its screen then shows what the cache holds.
          void queryClient.invalidateQueries({ queryKey: buildKeys.record(id), refetchType: 'all' });
          refreshImages();
        }
      }),
      window.api.on('push:event', ({ id, event }) => store.apply('push', id, event)),
      window.api.on('pull:event', ({ id, event }) => store.apply('pull', id, event)),
      window.api.on('analysis:event', ({ id, event }) => store.apply('analysis', id, event)),
      window.api.on('file-diff:event', ({ id, event }) => store.apply('fileDiff', id, event)),
      window.api.on('waste-fix:event', ({ id, event }) => store.apply('wasteFix', id, event)),
      window.api.on('containers:event', ({ id, event }) => {
        store.apply('container', id, event);
        if (event.kind === 'state') refresh(containerKeys.all);
      }),
      window.api.on('images:event', () => refreshImages()),
    ];
    return () => unsubscribe.forEach((off) => off());
  }, [store, queryClient]);
}
