/**
 * Issue #13, finding 7: names a request supplies (a registry, a key in config.json, an .nvmrc
 * codename) are looked up in Maps or null-prototype objects, never reaching Object.prototype.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecurityRig, type SecurityRig } from './security-rig';

let rig: SecurityRig;
beforeEach(() => {
  rig = createSecurityRig();
});
afterEach(() => rig.dispose());

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

describe('registry:place', () => {
  it.each(PROTOTYPE_NAMES)("places %s in Dockwright's own store, naming no helper", async (registry) => {
    const result = await rig.dispatch('registry:place', { registry });

    expect(result).toEqual({
      ok: true,
      value: {
        registry,
        source: 'dockwright-encrypted',
        helper: null,
        cliSees: false,
        noEncryption: null,
        plainTextFile: expect.stringMatching(/config\.json$/),
      },
    });
    expect(rig.helperRuns).toEqual([]);
  });
});

describe('registry:logout', () => {
  it.each(PROTOTYPE_NAMES)('runs no credential helper and erases nothing for %s', async (registry) => {
    const result = await rig.dispatch('registry:logout', { registry });

    expect(result).toEqual({ ok: true, value: { erasedFrom: [] } });
    expect(rig.helperRuns).toEqual([]);
  });
});

describe('wizard:detect', () => {
  it('reads an .nvmrc of "lts/constructor" as no known Node.js version', async () => {
    const dir = join(rig.picked, 'node-app');
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', dependencies: {} }));
    writeFileSync(join(dir, '.nvmrc'), 'lts/constructor\n');

    const result = await rig.dispatch('wizard:detect', { dir });

    expect(JSON.stringify(result)).not.toContain('function');
    expect(JSON.stringify(result)).not.toContain('native code');
  });
});
