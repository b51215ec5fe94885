import { useMutation } from '@tanstack/react-query';
import { invoke } from '../../../lib/invoke';

/** Starts a pull; its progress arrives as `pull:event`s under the id it answers. */
export function useStartPull() {
  return useMutation({ mutationFn: (reference: string) => invoke('pull:start', { reference }) });
}

export function cancelPull(id: string): Promise<unknown> {
  return invoke('pull:cancel', { id });
}
