import { useMemo } from 'react';
import { useOperations } from '../../lib/operations/operations-context';
import type { PushState } from '@shared/operations/fold-push';

/** Every push of this session, newest first; pushes outlive the screen that started them. */
export function usePushes(): PushState[] {
  const pushes = useOperations('push');
  return useMemo(() => [...pushes].sort((a, b) => b.startedAt - a.startedAt), [pushes]);
}
