/**
 * Terminal sessions into containers (issue #18): the request schemas main validates the
 * `terminal:*` channels with, and the events a session sends back to the page that opened it.
 */
import { z } from 'zod';
import { utf8Max } from './utf8-max';

import { TERMINAL_INPUT_MAX_BYTES } from './terminal-limits';

export { TERMINAL_INPUT_MAX_BYTES };

/** Terminal size in character cells (xterm's cols × rows). */
const cols = z.number().int().min(1).max(1000);
const rows = z.number().int().min(1).max(500);

const containerRef = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, 'Not a container id or name');

/** Session ids are crypto.randomUUID()s: anything else cannot name a session. */
const sessionId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

/** `terminal:open`: a new process (docker exec -it) in a running container. */
export const terminalOpenSchema = z.strictObject({
  containerId: containerRef,
  /** Exec form; null picks the image's shell (/bin/bash, else /bin/sh, else busybox sh). */
  command: z.array(z.string().max(4096)).min(1, 'Enter a command').max(256).nullable().default(null),
  /** `user`, `user:group` or a uid; null is the container's user. */
  user: z.string().trim().max(256).nullable().default(null),
  /** Absolute folder inside the container; null is the container's working dir. */
  workdir: z
    .string()
    .trim()
    .max(4096)
    .regex(/^\//, 'The folder inside the container must start with /')
    .nullable()
    .default(null),
  cols,
  rows,
});

/** `terminal:attach`: the terminal of a container's main process (started with a TTY and stdin). */
export const terminalAttachSchema = z.strictObject({ containerId: containerRef, cols, rows });

/** `terminal:input`: what the user typed or pasted, as text (xterm's onData). */
export const terminalInputSchema = z.strictObject({
  sessionId,
  data: z.string().min(1).superRefine(utf8Max(TERMINAL_INPUT_MAX_BYTES)),
});

/** `terminal:resize`: the page's terminal changed size. */
export const terminalResizeSchema = z.strictObject({ sessionId, cols, rows });

/** `terminal:ack`: the page has drawn this many more output bytes (flow control). */
export const terminalAckSchema = z.strictObject({
  sessionId,
  bytes: z
    .number()
    .int()
    .min(1)
    .max(1 << 30),
});

/** `terminal:close`: ends the session (the exec'd process gets a hangup). */
export const terminalCloseSchema = z.strictObject({ sessionId });

/** What `terminal:open` and `terminal:attach` answer. */
export interface TerminalSession {
  /** Unguessable; only the page that opened the session can use it. */
  sessionId: string;
  /** What runs in the terminal (the shell picked, the command asked for, or the container's). */
  command: string[];
}

/** What a session sends to its page on `terminal:event`. */
export type TerminalEvent =
  /** Raw output bytes, base64 (a UTF-8 sequence split across chunks survives); `bytes` is their count. */
  | { kind: 'output'; data: string; bytes: number }
  /** The session ended; nothing more comes. `message` says why, for the tab. */
  | { kind: 'exited'; exitCode: number | null; message: string };
