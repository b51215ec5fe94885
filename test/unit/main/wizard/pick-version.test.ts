import { describe, expect, it } from 'vitest';
import { pickVersion } from '../../../../src/main/wizard/pick-version';

const PYTHON = ['3.13', '3.12', '3.11', '3.10'];

describe('pickVersion', () => {
  it.each([
    ['>=3.9', '3.12'],
    ['>=3.8,<3.12', '3.11'],
    ['>3.12', '3.13'],
    ['~=3.10', '3.12'],
    ['~=3.10.2', '3.10'],
    ['==3.10.*', '3.10'],
    ['<=3.11', '3.11'],
    ['3.11', '3.11'],
    ['!=3.12, >=3.11', '3.13'],
    ['==3.8', '3.8'],
  ])('picks a Python version for "%s": %s', (spec, expected) => {
    expect(pickVersion(spec, PYTHON, '3.12')).toBe(expected);
  });

  it.each([
    ['^20.11.0', '20'],
    ['~18.19', '18'],
    ['18.x || 20.x', '20'],
    ['>=16 <21', '20'],
    ['v22', '22'],
  ])('picks a Node.js version for "%s": %s', (spec, expected) => {
    expect(pickVersion(spec, ['24', '22', '20', '18'], '22')).toBe(expected);
  });

  it('returns null when the requirement names no version', () => {
    expect(pickVersion('lts/*', ['22'], '22')).toBeNull();
    expect(pickVersion('', ['22'], '22')).toBeNull();
  });
});
