import { describe, expect, it } from 'vitest';
import {
  baseName,
  extrasOf,
  requirementName,
} from '../../../../../src/shared/wizard/templates/python-requirement-name';

describe('requirementName', () => {
  it.each([
    ['Flask[async]>=2.0', 'flask[async]'],
    ['fastapi[standard] >=0.115', 'fastapi[standard]'],
    ['Fast_API[Standard, all]==1', 'fast-api[all,standard]'],
    ['zope.interface', 'zope-interface'],
    ['tomli>=2.0; python_version < "3.11"', 'tomli'],
    ['requests  # HTTP', 'requests'],
    ['mypkg @ https://example.com/mypkg-1.0.tar.gz', 'mypkg'],
    ['-e git+https://github.com/org/tool.git@v1#egg=My_Tool', 'my-tool'],
    ['fastapi (>=0.115.0,<0.116.0)', 'fastapi'],
  ])('reads %s as %s', (spec, name) => {
    expect(requirementName(spec)).toBe(name);
  });

  it.each(['', '# comment', '-r base.txt', '--index-url https://x', '.', './libs/a', 'https://x/y.whl'])(
    'names nothing for %j',
    (spec) => {
      expect(requirementName(spec)).toBeNull();
    },
  );

  it('splits a declared name into its distribution and extras', () => {
    expect(baseName('fastapi[all,standard]')).toBe('fastapi');
    expect(extrasOf('fastapi[all,standard]')).toEqual(['all', 'standard']);
    expect(extrasOf('fastapi')).toEqual([]);
  });
});
