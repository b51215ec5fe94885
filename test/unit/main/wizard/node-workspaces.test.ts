import { describe, expect, it } from 'vitest';
import { pnpmWorkspacePatterns } from '../../../../src/main/wizard/node-workspaces';

describe('pnpmWorkspacePatterns', () => {
  it('reads the packages list in its quoted and unquoted forms, and stops at the next key', () => {
    const yaml = [
      'packages:',
      "  - 'apps/*'",
      '  - "packages/**"',
      '  - tools/cli # the CLI',
      "  - '!**/test/**'",
      'catalog:',
      '  - react: ^18',
    ].join('\n');
    expect(pnpmWorkspacePatterns(yaml)).toEqual(['apps/*', 'packages/**', 'tools/cli', '!**/test/**']);
  });

  it('finds nothing without a packages key', () => {
    expect(pnpmWorkspacePatterns('onlyBuiltDependencies:\n  - esbuild\n')).toEqual([]);
  });
});
