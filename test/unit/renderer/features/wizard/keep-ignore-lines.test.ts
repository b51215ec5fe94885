import { describe, expect, it } from 'vitest';
import {
  KEPT_COMMENT,
  ownIgnoreLines,
  withKeptLines,
} from '../../../../../src/renderer/features/wizard/keep-ignore-lines';

const generated = ['# Version control', '.git', '', '# Python', '__pycache__', '*.pyc', ''].join('\n');

describe('ownIgnoreLines', () => {
  it('lists the patterns of the existing file the generated one lacks, in order, once each', () => {
    const existing = ['.git', 'data/', '# my notes', '', 'secrets.json', 'data/', '!keep.log'].join('\n');
    expect(ownIgnoreLines(existing, generated)).toEqual(['data/', 'secrets.json', '!keep.log']);
  });

  it('compares lines without their surrounding spaces or Windows line ends', () => {
    expect(ownIgnoreLines('  .git  \r\n__pycache__\r\nbuild\r\n', generated)).toEqual(['build']);
  });

  it('lists nothing when every pattern is already generated', () => {
    expect(ownIgnoreLines('.git\n*.pyc\n# a comment\n', generated)).toEqual([]);
  });
});

describe('withKeptLines', () => {
  it('appends the kept lines at the end under their own comment', () => {
    expect(withKeptLines(generated, ['data/', '!keep.log'])).toBe(
      `${generated}\n${KEPT_COMMENT}\ndata/\n!keep.log\n`,
    );
  });

  it('leaves the generated file as it is when nothing is kept', () => {
    expect(withKeptLines(generated, [])).toBe(generated);
  });

  it('writes the same file again from its own output: nothing new to keep the second time', () => {
    const merged = withKeptLines(generated, ['data/']);
    const own = ownIgnoreLines(merged, generated);
    expect(withKeptLines(generated, own)).toBe(merged);
  });
});
