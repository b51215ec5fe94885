import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BuildEvent } from '../../../../src/shared/builds/build-record';
import { coalesceBuildEvents } from '../../../../src/main/operations/coalesce-log-events';

const log = (text: string, stepId: string | null = 's1', stream?: number): BuildEvent =>
  stream === undefined ? { kind: 'log', stepId, text } : { kind: 'log', stepId, text, stream };

describe('coalesceBuildEvents', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('joins adjacent output of one step into one event sent once the interval has passed', () => {
    const sent: BuildEvent[] = [];
    const logs = coalesceBuildEvents((event) => sent.push(event));
    logs.push(log('1\n2\n'));
    logs.push(log('3\n'));
    logs.push(log('4'));
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(16);
    expect(sent).toEqual([log('1\n2\n3\n4')]);
  });

  it('sends held output before any other event, so the order of what happened is kept', () => {
    const sent: BuildEvent[] = [];
    const logs = coalesceBuildEvents((event) => sent.push(event));
    logs.push(log('a\n'));
    logs.push({ kind: 'image', imageId: 'sha256:1' });
    logs.push(log('b\n'));
    logs.dispose();
    expect(sent).toEqual([log('a\n'), { kind: 'image', imageId: 'sha256:1' }, log('b\n')]);
  });

  it('keeps output of other steps and streams apart', () => {
    const sent: BuildEvent[] = [];
    const logs = coalesceBuildEvents((event) => sent.push(event));
    logs.push(log('a', 's1', 1));
    logs.push(log('b', 's1', 2));
    logs.push(log('c', 's2', 2));
    logs.push(log('d', null, 2));
    logs.push(log('e', null, 2));
    logs.flush();
    expect(sent).toEqual([log('a', 's1', 1), log('b', 's1', 2), log('c', 's2', 2), log('de', null, 2)]);
  });

  it('sends held output as soon as it reaches 64 Ki characters, without waiting for the interval', () => {
    const sent: BuildEvent[] = [];
    const logs = coalesceBuildEvents((event) => sent.push(event));
    const piece = 'x'.repeat(4095) + '\n';
    for (let index = 0; index < 16; index++) logs.push(log(piece));
    expect(sent).toEqual([log(piece.repeat(16))]);
    logs.push(log('tail\n'));
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(16);
    expect(sent).toEqual([log(piece.repeat(16)), log('tail\n')]);
  });

  it('loses nothing when flushed at the end and sends nothing more afterwards', () => {
    const sent: BuildEvent[] = [];
    const logs = coalesceBuildEvents((event) => sent.push(event));
    for (let index = 0; index < 1000; index++) logs.push(log(`${index}\n`));
    logs.dispose();
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual(log(Array.from({ length: 1000 }, (_, index) => `${index}\n`).join('')));
  });
});
