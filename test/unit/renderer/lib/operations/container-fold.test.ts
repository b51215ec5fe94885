import { describe, expect, it } from 'vitest';
import { logLines, logLineTag } from '../../../../../src/shared/operations/log-lines';
import { containerFold, type LiveContainer } from '../../../../../src/renderer/lib/operations/container-fold';

const streamsOf = (container: LiveContainer): string[] =>
  logLines(container.output).map(
    (line, index) => `${logLineTag(container.output, index) === 1 ? 'err' : 'out'} ${line}`,
  );

describe('containerFold', () => {
  it('joins each stream’s pieces apart, tags lines with their stream, and ends unfinished lines at exit', () => {
    let container = containerFold.start('c1', { kind: 'follow' }, 0)!;
    container = containerFold.apply(container, { kind: 'output', stream: 'stdout', text: 'hel' }, 1);
    container = containerFold.apply(container, { kind: 'output', stream: 'stderr', text: 'oops\r\nha' }, 2);
    container = containerFold.apply(container, { kind: 'output', stream: 'stdout', text: 'lo\nbye' }, 3);
    expect(streamsOf(container)).toEqual(['err oops', 'out hello']);
    container = containerFold.apply(
      container,
      { kind: 'state', state: 'exited', exitCode: 0, error: null },
      4,
    );
    expect(streamsOf(container)).toEqual(['err oops', 'out hello', 'out bye', 'err ha']);
  });

  it('forgets earlier output when followed again, leaving the earlier state as it was', () => {
    const first = containerFold.apply(
      containerFold.start('c1', { kind: 'follow' }, 0)!,
      { kind: 'output', stream: 'stdout', text: 'a\n' },
      1,
    );
    const again = containerFold.apply(first, { kind: 'follow' }, 2);
    expect(again.output.count).toBe(0);
    expect(logLines(first.output)).toEqual(['a']);
  });
});
