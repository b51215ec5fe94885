import { describe, expect, it } from 'vitest';
import { fromSecretRows, toSecretRows } from '../../../../../src/renderer/features/builds/secret-rows';

describe('secret rows', () => {
  it('sends file rows as src and variable rows as env, trimmed, leaving blank rows out', () => {
    expect(
      fromSecretRows([
        { id: ' npm ', from: 'file', source: ' /home/me/.npmrc ' },
        { id: '', from: 'file', source: '  ' },
        { id: 'tok', from: 'env', source: 'GH_TOKEN' },
        { id: 'half', from: 'file', source: '' },
      ]),
    ).toEqual([
      { id: 'npm', src: '/home/me/.npmrc', env: null },
      { id: 'tok', src: null, env: 'GH_TOKEN' },
      // Sent as it is, so the check answers at this row.
      { id: 'half', src: null, env: null },
    ]);
  });

  it('opens a saved build, which keeps ids only, as file rows to fill in again', () => {
    expect(toSecretRows([{ id: 'npm', src: null, env: null }])).toEqual([
      { id: 'npm', from: 'file', source: '' },
    ]);
    expect(toSecretRows(undefined)).toEqual([]);
  });

  it('opens a request that still has its sources as they were', () => {
    const secrets = [
      { id: 'a', src: '/a', env: null },
      { id: 'b', src: null, env: 'B' },
    ];
    expect(fromSecretRows(toSecretRows(secrets))).toEqual(secrets);
  });
});
