import { describe, expect, it } from 'vitest';
import { createNotifier } from '../../../../../src/renderer/lib/operations/create-notifier';

describe('createNotifier', () => {
  it('tells its listeners once per scheduled frame, however many changes came before it', () => {
    const frames: (() => void)[] = [];
    const notifier = createNotifier((run) => frames.push(run));
    let heard = 0;
    notifier.subscribe(() => (heard += 1));
    for (let change = 0; change < 500; change++) notifier.notify();
    expect(frames).toHaveLength(1);
    expect(heard).toBe(0);
    frames.shift()!();
    expect(heard).toBe(1);
    notifier.notify();
    expect(frames).toHaveLength(1);
  });

  it('stops telling a listener that unsubscribed', () => {
    const frames: (() => void)[] = [];
    const notifier = createNotifier((run) => frames.push(run));
    let heard = 0;
    const off = notifier.subscribe(() => (heard += 1));
    notifier.notify();
    off();
    frames.shift()!();
    expect(heard).toBe(0);
  });
});
