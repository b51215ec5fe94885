/** What state the container was found in once a terminal's stream ended. */
export type ContainerAfter = 'running' | 'stopped' | 'removed' | 'unknown';

/**
 * What the tab says when its session ends: the container going away is named, since the user did
 * not end the terminal themselves then.
 */
export function exitMessage(
  what: 'shell' | 'process',
  exitCode: number | null,
  container: ContainerAfter,
): string {
  if (container === 'removed') return 'The container was removed; this terminal has ended.';
  if (container === 'stopped' && what === 'shell') return 'The container stopped; this terminal has ended.';
  const name = what === 'shell' ? 'The shell' : 'The process';
  return exitCode === null ? `${name} ended.` : `${name} exited with code ${exitCode}.`;
}
