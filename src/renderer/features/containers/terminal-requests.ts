/**
 * Containers started to be talked to (a Run form's -it, a debug shell), waiting for the Containers
 * page to open a terminal attached to them: what asked closes before the page that shows
 * terminals opens.
 */
const waiting = new Map<string, string | null>();

/** `title` names the tab (a debug shell says where it is); null names it after the container. */
export function requestAttach(containerId: string, title: string | null = null): void {
  waiting.set(containerId, title);
}

/** Once per request: undefined when none waits, else the tab's title (null: the default). */
export function takeAttachRequest(containerId: string): string | null | undefined {
  if (!waiting.has(containerId)) return undefined;
  const title = waiting.get(containerId) ?? null;
  waiting.delete(containerId);
  return title;
}
