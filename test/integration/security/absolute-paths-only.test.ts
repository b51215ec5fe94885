/**
 * Issue #13, finding 8: a path from a request is absolute; a relative one would be resolved
 * against wherever the server happens to run.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecurityRig, type SecurityRig } from './security-rig';

let rig: SecurityRig;
beforeEach(() => {
  rig = createSecurityRig();
});
afterEach(() => rig.dispose());

describe('fs:list-folders', () => {
  it.each(['.', '..', 'src', '../..', './node_modules', 'C:relative'])(
    'refuses the relative path %s',
    async (path) => {
      const result = await rig.dispatch('fs:list-folders', { path });

      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'path' } });
    },
  );

  it('still lists an absolute folder and the home folder', async () => {
    expect(await rig.dispatch('fs:list-folders', { path: rig.picked })).toMatchObject({
      ok: true,
      value: { path: rig.picked },
    });
    expect(await rig.dispatch('fs:list-folders', { path: null })).toMatchObject({ ok: true });
  });
});
