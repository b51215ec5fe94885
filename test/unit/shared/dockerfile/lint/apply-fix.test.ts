import { describe, expect, it } from 'vitest';
import { applyFix } from '../../../../../src/shared/dockerfile/lint/apply-fix';

describe('applyFix', () => {
  it('replaces whole lines, applying several edits bottom-up', () => {
    const text = 'a\nb\nc\nd\n';
    const fixed = applyFix(text, {
      title: 't',
      edits: [
        { line: 1, endLine: 1, newText: 'A1\nA2' },
        { line: 3, endLine: 4, newText: 'CD' },
      ],
    });
    expect(fixed).toBe('A1\nA2\nb\nCD\n');
  });

  it('removes lines for an empty replacement and keeps Windows line breaks', () => {
    expect(applyFix('a\r\nb\r\nc\r\n', { title: 't', edits: [{ line: 2, endLine: 2, newText: '' }] })).toBe(
      'a\r\nc\r\n',
    );
  });

  it('refuses edits outside the text or overlapping each other', () => {
    expect(() => applyFix('a\n', { title: 'far', edits: [{ line: 5, endLine: 5, newText: 'x' }] })).toThrow(
      /far/,
    );
    expect(() =>
      applyFix('a\nb\nc', {
        title: 'overlap',
        edits: [
          { line: 1, endLine: 2, newText: 'x' },
          { line: 2, endLine: 3, newText: 'y' },
        ],
      }),
    ).toThrow(/overlap/);
  });
});
