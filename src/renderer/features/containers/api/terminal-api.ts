import type { EventPayloads } from '@shared/api';
import type { TerminalSession } from '@shared/terminal';
import { invoke } from '../../../lib/invoke';

/** What a terminal tab runs: a new shell in the container, or the container's own main process. */
export interface TerminalTarget {
  kind: 'exec' | 'attach';
  containerId: string;
  /** For `exec`: what to run (null: the image's shell), as whom and where (null: the container's). */
  command?: string[] | null;
  user?: string | null;
  workdir?: string | null;
}

/** Opens the session with the terminal's size; output comes on `terminal:event`. */
export function openTerminal(target: TerminalTarget, cols: number, rows: number): Promise<TerminalSession> {
  return target.kind === 'exec'
    ? invoke('terminal:open', {
        containerId: target.containerId,
        command: target.command ?? null,
        user: target.user ?? null,
        workdir: target.workdir ?? null,
        cols,
        rows,
      })
    : invoke('terminal:attach', { containerId: target.containerId, cols, rows });
}

export function sendTerminalInput(sessionId: string, data: string): Promise<unknown> {
  return invoke('terminal:input', { sessionId, data });
}

export function resizeTerminal(sessionId: string, cols: number, rows: number): Promise<unknown> {
  return invoke('terminal:resize', { sessionId, cols, rows });
}

/** Tells main how many more output bytes the terminal has drawn, so it sends more. */
export function ackTerminal(sessionId: string, bytes: number): Promise<unknown> {
  return invoke('terminal:ack', { sessionId, bytes });
}

export function closeTerminal(sessionId: string): Promise<unknown> {
  return invoke('terminal:close', { sessionId });
}

/** Every terminal event this page receives (only its own sessions' reach it). */
export function onTerminalEvent(listener: (payload: EventPayloads['terminal:event']) => void): () => void {
  return window.api.on('terminal:event', listener);
}
