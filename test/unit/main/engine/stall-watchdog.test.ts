import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readWatchingStalls, type StallEvent } from '../../../../src/main/engine/stall-watchdog';

describe('readWatchingStalls', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reports silence once, then its end, and reads every line', async () => {
    const stream = new PassThrough();
    const reported: StallEvent[] = [];
    const messages: unknown[] = [];
    const done = readWatchingStalls(
      async () => stream,
      1000,
      (event) => reported.push(event),
      (message) => void messages.push(message),
    );
    await vi.advanceTimersByTimeAsync(900);
    stream.write('{"status":"Pushing"}\n');
    await vi.advanceTimersByTimeAsync(900);
    expect(reported).toEqual([]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(reported).toEqual([{ kind: 'stalled', silentMs: 1000 }]);
    stream.write('{"status":"Pushed"}\n');
    await vi.advanceTimersByTimeAsync(0);
    expect(reported).toEqual([{ kind: 'stalled', silentMs: 1000 }, { kind: 'resumed' }]);
    stream.end();
    await done;
    expect(messages).toEqual([{ status: 'Pushing' }, { status: 'Pushed' }]);
    // Nothing is reported after the stream ended, however long it stays quiet.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(reported).toHaveLength(2);
  });

  it('counts silence from the request: an engine that does not even answer is stalled', async () => {
    const reported: StallEvent[] = [];
    let answer: (stream: NodeJS.ReadableStream) => void = () => {};
    const done = readWatchingStalls(
      () => new Promise((resolve) => (answer = resolve)),
      1000,
      (event) => reported.push(event),
      () => {},
    );
    await vi.advanceTimersByTimeAsync(1500);
    expect(reported).toEqual([{ kind: 'stalled', silentMs: 1000 }]);
    const stream = new PassThrough();
    answer(stream);
    await vi.advanceTimersByTimeAsync(0);
    expect(reported).toEqual([{ kind: 'stalled', silentMs: 1000 }, { kind: 'resumed' }]);
    stream.end();
    await done;
  });

  it('stops watching when opening the stream fails', async () => {
    const reported: StallEvent[] = [];
    await expect(
      readWatchingStalls(
        async () => {
          throw new Error('refused');
        },
        1000,
        (event) => reported.push(event),
        () => {},
      ),
    ).rejects.toThrow('refused');
    await vi.advanceTimersByTimeAsync(5000);
    expect(reported).toEqual([]);
  });

  it('counts messages that only repeat earlier ones as silence, and the next real one as the end of it', async () => {
    const stream = new PassThrough();
    const reported: StallEvent[] = [];
    const seen: string[] = [];
    const done = readWatchingStalls(
      async () => stream,
      1000,
      (event) => reported.push(event),
      (message) => {
        const line = JSON.stringify(message);
        const isNew = !seen.includes(line);
        seen.push(line);
        return isNew;
      },
    );
    stream.write('{"status":"Pushing","current":5}\n');
    // The containerd store restates the same progress every 100 ms while the registry hangs.
    for (let tick = 0; tick < 15; tick += 1) {
      await vi.advanceTimersByTimeAsync(100);
      stream.write('{"status":"Pushing","current":5}\n');
    }
    expect(reported).toEqual([{ kind: 'stalled', silentMs: 1000 }]);
    stream.write('{"status":"Pushing","current":6}\n');
    await vi.advanceTimersByTimeAsync(0);
    expect(reported).toEqual([{ kind: 'stalled', silentMs: 1000 }, { kind: 'resumed' }]);
    stream.end();
    await done;
    expect(seen).toHaveLength(17);
  });
});
