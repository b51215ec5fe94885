import type { EventSink } from '../shared/api';

/**
 * The page (an app window, a browser tab's socket) a request came from. Most channels do not care;
 * terminal sessions belong to one page: only it receives their output and may type into them, and
 * they end when it goes away.
 */
export interface RequestPage {
  /** Unique for the life of the process (a reloaded window is a new page). */
  id: string;
  /** Sends an event to this page only. */
  emit: EventSink;
  /** Calls `listener` once when the page goes away (closed, reloaded, its socket dropped). */
  onGone(listener: () => void): void;
}

/** A page that never goes away and hears every event: for transports with one page (tests, the e2e bridge). */
export function everyPage(emit: EventSink): RequestPage {
  return { id: 'every-page', emit, onGone: () => {} };
}
