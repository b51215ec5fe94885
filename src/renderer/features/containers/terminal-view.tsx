import { useEffect, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';
import type { EventPayloads } from '@shared/api';
import type { TerminalEvent } from '@shared/terminal';
import { useHost } from '../../lib/host';
import {
  ackTerminal,
  closeTerminal,
  onTerminalEvent,
  openTerminal,
  resizeTerminal,
  sendTerminalInput,
  type TerminalTarget,
} from './api/terminal-api';
import { createAckBatcher, decodeOutput, inputPieces } from './terminal-input';

/** How a session ended, or why it never started. */
export interface TerminalEnd {
  message: string;
  failed: boolean;
}

const THEME = {
  background: '#17202e',
  foreground: '#e6e9ef',
  cursor: '#e6e9ef',
  selectionBackground: '#3b4a63',
};

/**
 * One terminal (xterm.js) on one session: opened at the size the panel fits, resized with it,
 * ended when unmounted. Output is drawn as the raw bytes main sends and acknowledged once drawn.
 */
export function TerminalView({
  target,
  active,
  onEnd,
}: {
  target: TerminalTarget;
  /** Only the active tab takes the keyboard focus. */
  active: boolean;
  onEnd(end: TerminalEnd): void;
}) {
  const host = useHost();
  const element = useRef<HTMLDivElement>(null);
  const terminalRef = useRef<Terminal | null>(null);
  const onEndRef = useRef(onEnd);
  useEffect(() => {
    onEndRef.current = onEnd;
  }, [onEnd]);
  // A tab's target never changes; its fields are read once, when the session opens.
  const [initialTarget] = useState(target);

  useEffect(() => {
    const parent = element.current;
    if (!parent) return;
    const terminal = new Terminal({
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: 13,
      scrollback: 5000,
      theme: THEME,
    });
    terminalRef.current = terminal;
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.loadAddon(new WebLinksAddon((_event, uri) => void host.openExternal(uri)));
    terminal.open(parent);
    fit.fit();

    let sessionId: string | null = null;
    let ended = false;
    let unmounted = false;
    /** Output chunks handed to xterm and not drawn yet. */
    let writing = 0;
    /** Events that came before `terminal:open` answered with the session's id. */
    const early: EventPayloads['terminal:event'][] = [];
    const acks = createAckBatcher((bytes) => {
      if (sessionId && !ended) void ackTerminal(sessionId, bytes).catch(() => undefined);
    });
    const end = (message: string, failed: boolean): void => {
      ended = true;
      terminal.write(`\r\n\x1b[2m[${message}]\x1b[0m\r\n`);
      onEndRef.current({ message, failed });
    };
    const handle = (event: TerminalEvent): void => {
      if (event.kind === 'output') {
        const bytes = decodeOutput(event.data);
        writing++;
        terminal.write(bytes, () => {
          writing--;
          acks.add(bytes.length);
          // Everything received is drawn: acknowledge the remainder too, or a quiet tail would wait.
          if (writing === 0) acks.flush();
        });
      } else end(event.message, false);
    };
    const unsubscribe = onTerminalEvent((payload) => {
      if (sessionId === null) early.push(payload);
      else if (payload.sessionId === sessionId) handle(payload.event);
    });

    /** What was typed before the session opened: sent, in order, once it has. */
    const typedEarly: string[] = [];
    const send = (data: string): void => {
      if (ended) return;
      if (!sessionId) {
        typedEarly.push(data);
        return;
      }
      for (const piece of inputPieces(data)) void sendTerminalInput(sessionId, piece).catch(() => undefined);
    };
    openTerminal(initialTarget, terminal.cols, terminal.rows).then(
      (session) => {
        if (unmounted) {
          void closeTerminal(session.sessionId).catch(() => undefined);
          return;
        }
        sessionId = session.sessionId;
        for (const payload of early.splice(0)) if (payload.sessionId === sessionId) handle(payload.event);
        for (const data of typedEarly.splice(0)) send(data);
        if (active) terminal.focus();
      },
      (error: unknown) => {
        if (!unmounted) end(error instanceof Error ? error.message : String(error), true);
      },
    );

    const typed = terminal.onData(send);
    const resized = terminal.onResize(({ cols, rows }) => {
      if (sessionId && !ended) void resizeTerminal(sessionId, cols, rows).catch(() => undefined);
    });
    // Ctrl-C copies when text is selected (as in most terminal apps), else it interrupts; Ctrl-V
    // and Ctrl-Shift-V are left to the browser, whose paste event xterm turns into input.
    terminal.attachCustomKeyEventHandler((event) => {
      if (event.type !== 'keydown' || !event.ctrlKey || event.altKey || event.metaKey) return true;
      const key = event.key.toLowerCase();
      if (key === 'c' && (event.shiftKey || terminal.hasSelection())) {
        void navigator.clipboard?.writeText(terminal.getSelection()).catch(() => undefined);
        if (!event.shiftKey) terminal.clearSelection();
        event.preventDefault();
        return false;
      }
      return key !== 'v';
    });
    // The panel changes size with the window and when dragged taller: refit, which resizes the TTY.
    const observer = new ResizeObserver(() => {
      if (parent.clientWidth > 0 && parent.clientHeight > 0) fit.fit();
    });
    observer.observe(parent);

    return () => {
      unmounted = true;
      observer.disconnect();
      typed.dispose();
      resized.dispose();
      unsubscribe();
      if (sessionId && !ended) void closeTerminal(sessionId).catch(() => undefined);
      terminal.dispose();
      terminalRef.current = null;
    };
    // `active` only matters for the first focus; a tab switch focuses below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialTarget, host]);

  useEffect(() => {
    if (active) terminalRef.current?.focus();
  }, [active]);

  return <div ref={element} className="terminal-screen" data-testid="terminal-screen" />;
}
