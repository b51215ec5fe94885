/**
 * Containers the Run form started interactively (-it), waiting for the Containers page to open
 * a terminal attached to them: the form closes before the page that shows terminals opens.
 */
const waiting = new Set<string>();

export function requestAttach(containerId: string): void {
  waiting.add(containerId);
}

/** True once per request: the caller opens the terminal. */
export function takeAttachRequest(containerId: string): boolean {
  return waiting.delete(containerId);
}
