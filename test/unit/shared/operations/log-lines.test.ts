import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendLog,
  appendTaggedLines,
  emptyLog,
  logHasText,
  logLine,
  logLineCount,
  logLines,
  logLineTag,
  logStoredChars,
  logText,
} from '../../../../src/shared/operations/log-lines';

/** The lines a reader expects of `text`: split on line breaks, a `\r` before a break dropped. */
const expectedLines = (text: string): string[] => {
  const pieces = text.split('\n');
  pieces.pop();
  return pieces.map((line) => line.replace(/\r$/, ''));
};

describe('appendLog', () => {
  it('joins a line written in pieces, and keeps the unfinished tail apart', () => {
    let log = appendLog(emptyLog(), 'Step 1/2 : FROM busybox\n ---> a1');
    log = appendLog(log, 'b2\nStep 2/2');
    expect(logLines(log)).toEqual(['Step 1/2 : FROM busybox', ' ---> a1b2']);
    expect(log.partial).toBe('Step 2/2');
  });

  it('takes more lines in one piece than a function call takes arguments', () => {
    const log = appendLog(emptyLog(), 'x\n'.repeat(200_000));
    expect(logLineCount(log)).toBe(200_000);
    expect(logLine(log, 199_999)).toBe('x');
  });

  it('reads a line ended by \\r\\n without its \\r, and gives the text back with it', () => {
    const log = appendLog(appendLog(emptyLog(), 'one\r'), '\ntwo\r\nthree');
    expect(logLines(log)).toEqual(['one', 'two']);
    expect(logText(log)).toBe('one\r\ntwo\r\nthree');
  });

  it('keeps a carriage return inside a line (a progress bar) as written', () => {
    const log = appendLog(emptyLog(), '10%\r50%\r100%\n');
    expect(logLine(log, 0)).toBe('10%\r50%\r100%');
  });

  it('grows its offsets past their first size, reading every line back', () => {
    let log = emptyLog();
    for (let index = 0; index < 5000; index++) log = appendLog(log, `line ${index}\n`);
    expect(logLineCount(log)).toBe(5000);
    expect([0, 1023, 1024, 2047, 2048, 4999].map((index) => logLine(log, index))).toEqual(
      [0, 1023, 1024, 2047, 2048, 4999].map((index) => `line ${index}`),
    );
  });

  it('holds the text once, in chunks, however many lines it has', () => {
    const text = 'abcdefghi\n'.repeat(100_000);
    const log = appendLog(emptyLog(), text);
    expect(logStoredChars(log)).toBe(text.length);
    expect(log.store.chunks.length).toBe(1);
    let small = emptyLog();
    for (let index = 0; index < 20_000; index++) small = appendLog(small, 'abcdefghi\n');
    // One chunk per 64 Ki characters, not one string per line.
    expect(small.store.chunks.length).toBeLessThanOrEqual(4);
  });

  it('says which line is out of range', () => {
    expect(() => logLine(appendLog(emptyLog(), 'a\n'), 1)).toThrow(RangeError);
  });

  it('reads every line as split from the text, however the text was cut', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'é', '\n', '\r', ' ') })), (pieces) => {
        const log = pieces.reduce(appendLog, emptyLog());
        const text = pieces.join('');
        expect(logLines(log)).toEqual(expectedLines(text));
        expect(log.partial).toBe(text.slice(text.lastIndexOf('\n') + 1));
      }),
      { seed: 2101 },
    );
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

  it('splits big pieces across chunks the same as small ones', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40_000), fc.nat(30)), { maxLength: 12 }), (sizes) => {
        const pieces = sizes.map(([chars, lines]) => 'y'.repeat(chars) + '\n'.repeat(lines));
        const log = pieces.reduce(appendLog, emptyLog());
        expect(logText(log)).toBe(pieces.join(''));
        expect(logLines(log)).toEqual(expectedLines(pieces.join('')));
      }),
      { seed: 2102, numRuns: 40 },
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
          logs.forEach((log, index) => {
            expect(logText(log)).toBe(texts[index]);
            expect(logLines(log)).toEqual(expectedLines(texts[index]!));
          });
        },
      ),
      { seed: 1302 },
    );
  });

  it('shares one store between a log and the next, and leaves an empty log’s alone', () => {
    const first = appendLog(emptyLog(), 'a\n');
    const second = appendLog(first, 'b\n');
    expect(second.store).toBe(first.store);
    const empty = emptyLog();
    appendLog(empty, 'c\n');
    expect(empty.store.lines).toBe(0);
  });
});

describe('appendTaggedLines', () => {
  it('tags each line with its stream, interleaved as they came', () => {
    let log = appendTaggedLines(emptyLog(), 'out 1\nout 2\n', 0);
    log = appendTaggedLines(log, 'err 1\r\n', 1);
    log = appendTaggedLines(log, 'out 3\n', 0);
    expect(logLines(log)).toEqual(['out 1', 'out 2', 'err 1', 'out 3']);
    expect([0, 1, 2, 3].map((index) => logLineTag(log, index))).toEqual([0, 0, 1, 0]);
  });

  it('takes whole lines only', () => {
    expect(() => appendTaggedLines(emptyLog(), 'no break', 0)).toThrow();
  });
});

describe('logHasText', () => {
  it('says a log holds exactly the text it was built from, and no other, across chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(40_000), fc.nat(30)), { maxLength: 10 }),
        fc.nat(),
        fc.constantFrom('drop', 'change', 'add'),
        (sizes, where, how) => {
          const pieces = sizes.map(([chars, lines]) => 'y'.repeat(chars) + '\n'.repeat(lines));
          const log = pieces.reduce(appendLog, emptyLog());
          const text = pieces.join('');
          expect(logHasText(log, text)).toBe(true);
          const at = text.length === 0 ? 0 : where % text.length;
          const other =
            how === 'drop'
              ? text.slice(0, at) + text.slice(at + 1)
              : how === 'change'
                ? text.slice(0, at) + 'z' + text.slice(at + 1)
                : text.slice(0, at) + 'z' + text.slice(at);
          if (other !== text) expect(logHasText(log, other)).toBe(false);
        },
      ),
      { seed: 3011, numRuns: 60 },
    );
  });

  it('compares the unfinished last line too', () => {
    const log = appendLog(appendLog(emptyLog(), 'one\ntwo\n'), 'thr');
    expect(logHasText(log, 'one\ntwo\nthr')).toBe(true);
    expect(logHasText(log, 'one\ntwo\nthree')).toBe(false);
    expect(logHasText(log, 'one\ntwo\n')).toBe(false);
    expect(logHasText(emptyLog(), '')).toBe(true);
    expect(logHasText(emptyLog(), 'x')).toBe(false);
  });
});
