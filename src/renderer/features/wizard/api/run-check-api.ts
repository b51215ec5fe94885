import { useMutation } from '@tanstack/react-query';
import type { BuildRequest } from '@shared/builds/build-request';
import type { RunCheckPlan } from '@shared/wizard/run-check';
import { invoke } from '../../../lib/invoke';

/** Starts the build "Run & check" follows (an ordinary build: it shows in the history too). */
export function useStartCheckBuild() {
  return useMutation({ mutationFn: (request: BuildRequest) => invoke('build:start', request) });
}

/** Stops that build. */
export function cancelCheckBuild(id: string) {
  return invoke('build:cancel', { id });
}

/** Starts the built image and checks it by `plan` (bounded by the plan's seconds). */
export function useRunCheck() {
  return useMutation({
    mutationFn: (input: { image: string; name: string | null; plan: RunCheckPlan }) =>
      invoke('wizard:run-check', input),
  });
}

/** Removes the container being checked: the check then ends at once, saying so. */
export function removeCheckedContainer(id: string) {
  return invoke('containers:remove', { id });
}
