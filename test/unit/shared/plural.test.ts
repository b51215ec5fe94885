import { describe, expect, it } from 'vitest';
import { plural } from '../../../src/shared/plural';

describe('plural', () => {
  it('says one thing in the singular and any other count in the plural, with thousands grouped', () => {
    expect(plural(1, 'tip')).toBe('1 tip');
    expect(plural(0, 'error')).toBe('0 errors');
    expect(plural(1204, 'file')).toBe('1,204 files');
    expect(plural(2, 'symbolic link')).toBe('2 symbolic links');
  });
});
