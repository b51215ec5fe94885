/**
 * Output arrives from the engine in small pieces (one per write of the build's command: about
 * 4 KiB, ~600 lines of `seq`), and each piece sent on costs a fold in main, a message on the
 * wire and a parse and fold in the page. Adjacent pieces of the same step and stream are joined
 * here and sent once per frame or per 64 Ki characters, whichever comes first, so a 500,000-line
 * build sends about sixty events instead of 656. Any other event sends the joined text first, so order is kept.
 */
import type { BuildEvent } from '../../shared/builds/build-record';
import type { ContainerEvent } from '../../shared/containers';

/** An event that is either output text (joinable) or anything else. */
export interface CoalescableEvent {
  kind: string;
}

/** Joins output events; `push` takes every event in order, `flush` sends what is held. */
export interface LogCoalescer<E> {
  push(event: E): void;
  /** Sends the held text now (before reading state the events build up, and at the end). */
  flush(): void;
  /** Flushes and stops the timer. */
  dispose(): void;
}

/** How output is joined: what may join, how, and when the joined text goes. */
export interface JoinRules<E> {
  /** What an event may join with (same key ⇒ same step and stream); null: it never joins. */
  key(event: E): string | null;
  /** The held event with the next one's text appended. */
  join(held: E, next: E): E;
  /** The text an event carries, in characters. */
  size(event: E): number;
  /** Held text is sent at the latest this long after it arrived... */
  intervalMs: number;
  /**
   * ...or as soon as it reaches this many characters: a page folds one event in one task, and a
   * few thousand lines fold in a few milliseconds where a whole second's worth would take a frame.
   */
  maxChars: number;
}

/** Joins adjacent joinable events by `rules`; events that do not join pass straight through, after the held text. */
export function coalesceLogEvents<E extends CoalescableEvent>(
  send: (event: E) => void,
  rules: JoinRules<E>,
): LogCoalescer<E> {
  let held: E | null = null;
  let heldKey: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    const event = held;
    held = null;
    heldKey = null;
    if (event) send(event);
  };

  return {
    push(event) {
      const key = rules.key(event);
      if (key === null) {
        flush();
        send(event);
        return;
      }
      if (held && key === heldKey) {
        held = rules.join(held, event);
      } else {
        flush();
        held = event;
        heldKey = key;
        timer = setTimeout(flush, rules.intervalMs);
      }
      if (rules.size(held) >= rules.maxChars) flush();
    },
    flush,
    dispose: flush,
  };
}

/** Output is sent on at most once per frame, or in pieces of 64 Ki characters (~9,000 short lines). */
const OUTPUT_RULES = { intervalMs: 16, maxChars: 64 * 1024 };

/** Joins a build's output events of the same step and stream (see `coalesceLogEvents`). */
export function coalesceBuildEvents(send: (event: BuildEvent) => void): LogCoalescer<BuildEvent> {
  return coalesceLogEvents<BuildEvent>(send, {
    ...OUTPUT_RULES,
    key: (event) => (event.kind === 'log' ? `${event.stepId ?? ''}\u0000${event.stream ?? 0}` : null),
    join: (held, next) =>
      held.kind === 'log' && next.kind === 'log' ? { ...held, text: held.text + next.text } : held,
    size: (event) => (event.kind === 'log' ? event.text.length : 0),
  });
}

/** Joins a followed container's output of the same stream (see `coalesceLogEvents`). */
export function coalesceContainerOutput(send: (event: ContainerEvent) => void): LogCoalescer<ContainerEvent> {
  return coalesceLogEvents<ContainerEvent>(send, {
    ...OUTPUT_RULES,
    key: (event) => (event.kind === 'output' ? event.stream : null),
    join: (held, next) =>
      held.kind === 'output' && next.kind === 'output' ? { ...held, text: held.text + next.text } : held,
    size: (event) => (event.kind === 'output' ? event.text.length : 0),
  });
}
