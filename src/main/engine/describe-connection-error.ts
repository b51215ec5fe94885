import type { EngineCandidate } from './discovery-types';

/**
 * Turns a failed connection attempt into the exact error plus what the user can do next.
 *
 * The error text stays verbatim (it is what a support thread will be searched for); the hint is
 * ours, chosen by the errno the OS gave and the kind of place we tried.
 */
export function describeConnectionError(
  candidate: EngineCandidate,
  error: unknown,
): { error: string; hint?: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const hint = hintFor(candidate, code, message);
  return hint ? { error: message, hint } : { error: message };
}

function hintFor(candidate: EngineCandidate, code: string | undefined, message: string): string | undefined {
  const local = candidate.endpoint.kind === 'unix' || candidate.endpoint.kind === 'npipe';
  if (code === 'EACCES' || code === 'EPERM') {
    return 'Permission denied: add yourself to the docker group (sudo usermod -aG docker $USER) and log in again.';
  }
  if (code === 'ABORT_ERR' || /aborted|timed? ?out/i.test(message)) {
    return 'The engine did not answer in time: it may be starting, overloaded or stuck.';
  }
  if (candidate.source === 'DOCKER_HOST') {
    return `DOCKER_HOST is set to ${candidate.address}: start the engine there, or unset DOCKER_HOST to use the local one.`;
  }
  if (candidate.source === 'DOCKER_CONTEXT' || candidate.source === 'context') {
    return 'Start the engine of this docker context, or switch context (docker context use default) or pick one in Settings.';
  }
  if (candidate.source === 'settings')
    return 'This engine was chosen in Settings: start it, or choose another.';
  if (!local) return 'Check that the host is reachable and the engine listens on that port.';
  switch (candidate.label) {
    case 'Docker Desktop':
      return 'Start Docker Desktop.';
    case 'Docker Engine':
      return 'Start the engine: sudo systemctl start docker';
    case 'Docker rootless':
      return 'Start rootless Docker: systemctl --user start docker';
    case 'Podman (rootless)':
      return 'Start the Podman API socket: systemctl --user start podman.socket';
    case 'Podman':
      return 'Start the Podman API socket: sudo systemctl start podman.socket (or podman machine start)';
    case 'Colima':
      return 'Start Colima: colima start';
    case 'Rancher Desktop':
      return 'Start Rancher Desktop (with the dockerd/moby engine).';
    case 'OrbStack':
      return 'Start OrbStack.';
    default:
      return undefined;
  }
}
