/**
 * docs/architecture.md names the tree's files and folders; this keeps it from rotting: every
 * path it names (in backticks, tables or the diagram) must exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const doc = readFileSync(resolve(root, 'docs/architecture.md'), 'utf8');

/** Repository paths in the text: `src/…`, `test/…`, `scripts/…`, `docs/…`, without trailing punctuation. */
function namedPaths(text: string): string[] {
  const found = text.match(/(?<![\w./-])(?:src|test|scripts|docs)\/[\w./<>*-]*/g) ?? [];
  return [...new Set(found.map((path) => path.replace(/[.,:;)]+$/, '')))];
}

describe('docs/architecture.md', () => {
  const paths = namedPaths(doc);

  it('names the tree it describes', () => {
    expect(paths.length).toBeGreaterThan(60);
    expect(paths).toContain('src/shared/api.ts');
  });

  it('names only paths that exist', () => {
    // Placeholders such as `features/<feature>/` stand for every folder of that kind.
    const concrete = paths.filter((path) => !/[<>*]/.test(path));
    expect(concrete.filter((path) => !existsSync(resolve(root, path)))).toEqual([]);
  });

  it('finds paths wherever the doc writes them and leaves trailing punctuation off', () => {
    expect(namedPaths('see `src/a.ts`, src/b/ and (src/c.ts). Not x/src/d.ts')).toEqual([
      'src/a.ts',
      'src/b/',
      'src/c.ts',
    ]);
  });
});
