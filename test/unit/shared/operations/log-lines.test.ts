import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendLog, emptyLog, logLines, logText } from '../../../../src/shared/operations/log-lines';

describe('appendLog', () => {
  it('joins a line written in pieces, and keeps the unfinished tail apart', () => {
    let log = appendLog(emptyLog(), 'Step 1/2 : FROM busybox\n ---> a1');
    log = appendLog(log, 'b2\nStep 2/2');
    expect(logLines(log)).toEqual(['Step 1/2 : FROM busybox', ' ---> a1b2']);
    expect(log.partial).toBe('Step 2/2');
  });

  it('takes more lines in one piece than a function call takes arguments', () => {
    const log = appendLog(emptyLog(), 'x\n'.repeat(200_000));
    expect(logLines(log)).toHaveLength(200_000);
  });

  it('does not copy the lines of the newest log', () => {
    const first = appendLog(emptyLog(), 'a\n');
    const second = appendLog(first, 'b\n');
    expect(logLines(second)).toBe(second.buffer);
  });

  it('gives back exactly the text appended, however it was cut', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'é', '\n', '\r', ' ') })), (pieces) => {
        const log = pieces.reduce(appendLog, emptyLog());
        expect(logText(log)).toBe(pieces.join(''));
      }),
      { seed: 1301 },
    );
  });

  it('keeps every earlier log as it was, whatever is appended to it later', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(20), fc.string({ unit: fc.constantFrom('x', '\n') })), { maxLength: 30 }),
        (steps) => {
          // Each step appends to some earlier log, not always the newest one.
          const logs = [emptyLog()];
          const texts = [''];
          for (const [pick, text] of steps) {
            const from = pick % logs.length;
            logs.push(appendLog(logs[from]!, text));
            texts.push(texts[from]! + text);
          }
          logs.forEach((log, index) => expect(logText(log)).toBe(texts[index]));
        },
      ),
      { seed: 1302 },
    );
  });
});
