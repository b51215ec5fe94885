import { describe, expect, it } from 'vitest';
import { baseImageCredentials } from '../../../../src/main/builds/base-image-credentials';
import type { RegistryCredential } from '../../../../src/main/registry/credentials';

function storeOf(saved: Record<string, Omit<RegistryCredential, 'registry' | 'source' | 'helper'>>) {
  const asked: string[] = [];
  return {
    asked,
    get: async (registry: string): Promise<RegistryCredential | null> => {
      asked.push(registry);
      const found = saved[registry];
      return found ? { registry, source: 'session', helper: null, ...found } : null;
    },
  };
}

describe('baseImageCredentials', () => {
  it("answers a registry's saved username and password", async () => {
    const store = storeOf({ 'localhost:5000': { username: 'me', secret: 'pw', kind: 'password' } });
    expect(await baseImageCredentials(store)('localhost:5000')).toEqual({ username: 'me', secret: 'pw' });
  });

  it("looks Docker Hub's login up under its index URL, as the CLI keeps it", async () => {
    const store = storeOf({
      'https://index.docker.io/v1/': { username: 'hubber', secret: 'hub-pw', kind: 'password' },
    });
    expect(await baseImageCredentials(store)('registry-1.docker.io')).toEqual({
      username: 'hubber',
      secret: 'hub-pw',
    });
    expect(store.asked).toEqual(['https://index.docker.io/v1/']);
  });

  it('sends an identity token without a username', async () => {
    const store = storeOf({ 'ghcr.io': { username: 'someone', secret: 'tok', kind: 'identity-token' } });
    expect(await baseImageCredentials(store)('ghcr.io')).toEqual({ username: '', secret: 'tok' });
  });

  it('answers nothing for an unknown registry and for a store that cannot be read', async () => {
    expect(await baseImageCredentials(storeOf({}))('other:5000')).toBeNull();
    const broken = {
      get: async (): Promise<RegistryCredential | null> => {
        throw new Error('helper missing');
      },
    };
    expect(await baseImageCredentials(broken)('other:5000')).toBeNull();
  });
});
