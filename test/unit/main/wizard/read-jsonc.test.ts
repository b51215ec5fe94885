import { describe, expect, it } from 'vitest';
import { parseJsonc } from '../../../../src/main/wizard/read-jsonc';

describe('parseJsonc', () => {
  it('reads tsconfig.json as tsc --init writes it: comments and trailing commas', () => {
    const text = [
      '{',
      '  /* Visit https://aka.ms/tsconfig to read more about this file */',
      '  "compilerOptions": {',
      '    "target": "es2016", // the emitted JavaScript',
      '    "outDir": "./dist",',
      '  },',
      '}',
    ].join('\n');
    expect(parseJsonc(text)).toEqual({ compilerOptions: { target: 'es2016', outDir: './dist' } });
  });

  it('keeps comment-like text and commas inside strings', () => {
    expect(parseJsonc('{"url": "https://example.com/*x*/", "list": "a,]"}')).toEqual({
      url: 'https://example.com/*x*/',
      list: 'a,]',
    });
  });

  it('returns null for text that is not JSON', () => {
    expect(parseJsonc('{ outDir: dist }')).toBeNull();
  });
});
