import { readJsonLines } from './read-json-lines';

/**
 * Reports a long silence in one of the engine's progress streams (push, pull).
 *
 * A registry that stops answering without closing the connection (frozen, or a network that drops
 * packets) gets no error from the engine, which waits without a time limit: the user has to be
 * told, and told again when the stream moves on.
 */
function createStallWatchdog(afterMs: number, on: { stalled(): void; resumed(): void }) {
  let stalled = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      on.stalled();
    }, afterMs);
  };
  arm();
  return {
    /** The stream said something. */
    heard(): void {
      if (stalled) {
        stalled = false;
        on.resumed();
      }
      arm();
    },
    stop: (): void => clearTimeout(timer),
  };
}

/** Silence after which a push or pull counts as stalled, unless a test sets another. */
export const DEFAULT_STALL_MS = 30_000;

/** How a stream's silence, and the end of it, are reported (push and pull events share these kinds). */
export type StallEvent = { kind: 'stalled'; silentMs: number } | { kind: 'resumed' };

/**
 * Opens an engine progress stream and reads its JSON lines, reporting `stalled` after `afterMs`
 * of silence and `resumed` when it moves on. Silence counts from the request: for a pull the
 * engine answers nothing at all until the registry does. A message `onMessage` answers `false`
 * to only repeats an earlier one and counts as silence: the containerd image store restates
 * every layer's progress every 100 ms, also while the registry hangs.
 */
export async function readWatchingStalls(
  open: () => Promise<NodeJS.ReadableStream>,
  afterMs: number,
  report: (event: StallEvent) => void,
  onMessage: (message: unknown) => boolean | void,
): Promise<void> {
  const watchdog = createStallWatchdog(afterMs, {
    stalled: () => report({ kind: 'stalled', silentMs: afterMs }),
    resumed: () => report({ kind: 'resumed' }),
  });
  try {
    const stream = await open();
    watchdog.heard();
    await readJsonLines(stream, (message) => {
      if (onMessage(message) !== false) watchdog.heard();
    });
  } finally {
    watchdog.stop();
  }
}
