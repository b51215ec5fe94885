import { describe, expect, it } from 'vitest';
import { parseNodeVersionText, versionSuggestions } from '../../../../src/main/wizard/node-version';

describe('parseNodeVersionText', () => {
  it.each([
    ['20.11.1\n', '20.11.1'],
    ['v20.11.1', '20.11.1'],
    ['v18', '18'],
    ['22.3', '22.3'],
    ['lts/iron', '20'],
    ['lts/Jod', '22'],
    ['lts/*', '24'],
    ['node', '24'],
    ['# pinned for CI\n20.10.0\n', '20.10.0'],
    ['>=18 <21', '20'],
    ['lts/constructor', null],
    ['', null],
  ])('%j names Node.js %s', (text, version) => {
    expect(parseNodeVersionText(text)).toBe(version);
  });
});

describe('versionSuggestions', () => {
  it('offers the exact pin first and the major line beside it', () => {
    expect(versionSuggestions('20.11.1')).toEqual(['20.11.1', '20']);
    expect(versionSuggestions('20')).toEqual([]);
  });
});
