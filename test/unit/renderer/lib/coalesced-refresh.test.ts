import { describe, expect, it } from 'vitest';
import { coalescedRefresh } from '../../../../src/renderer/lib/coalesced-refresh';

/** A refresh whose runs the test finishes one by one. */
function controlled() {
  const finishers: Array<(ok: boolean) => void> = [];
  const run = () =>
    new Promise<void>((resolve, reject) =>
      finishers.push((ok) => (ok ? resolve() : reject(new Error('failed')))),
    );
  return { run, finishers };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('coalescedRefresh', () => {
  it('runs once for any number of asks while one runs, then once more, never two at a time', async () => {
    const { run, finishers } = controlled();
    const refresh = coalescedRefresh(run);
    refresh();
    refresh();
    refresh();
    expect(finishers).toHaveLength(1);
    finishers[0]!(true);
    await settle();
    expect(finishers).toHaveLength(2);
    finishers[1]!(true);
    await settle();
    expect(finishers).toHaveLength(2);
  });

  it('goes on after a failed run', async () => {
    const { run, finishers } = controlled();
    const refresh = coalescedRefresh(run);
    refresh();
    refresh();
    finishers[0]!(false);
    await settle();
    expect(finishers).toHaveLength(2);
    finishers[1]!(true);
    await settle();
    refresh();
    expect(finishers).toHaveLength(3);
  });
});
