import { describe, expect, it } from 'vitest';
import type { RegistryResponse, RepositoryClient } from '../../../../src/main/push/registry-client';
import { findRepositoryLayers, MAX_COMPARED_TAGS } from '../../../../src/main/push/registry-layers';

const digest = (label: string) => `sha256:${label.padEnd(64, '0')}`;

/** A repository served from a table of paths; every other path answers 404. */
function fakeRepository(routes: Record<string, { body?: unknown; digest?: string }>, heads: Set<string>) {
  const asked: string[] = [];
  const client: RepositoryClient = {
    async request(method, path): Promise<RegistryResponse> {
      asked.push(`${method} ${path}`);
      const headers = new Headers();
      if (method === 'HEAD') {
        const blob = path.replace('blobs/', '');
        if (heads.has(blob)) headers.set('content-length', '123');
        return { status: heads.has(blob) ? 200 : 404, headers, body: '' };
      }
      const route = routes[path];
      if (!route) return { status: 404, headers, body: '{"errors":[]}' };
      if (route.digest) headers.set('docker-content-digest', route.digest);
      return { status: 200, headers, body: JSON.stringify(route.body) };
    },
  };
  return { client, asked };
}

const platform = { os: 'linux', architecture: 'amd64', variant: null };

function image(config: string, layers: string[]) {
  return {
    schemaVersion: 2,
    config: { digest: config, size: 10 },
    layers: layers.map((layer) => ({ digest: layer, size: 100 })),
  };
}

describe('findRepositoryLayers', () => {
  it('matches local diff IDs with the blobs a tag lists, and keeps only the ones HEAD confirms', async () => {
    const { client } = fakeRepository(
      {
        'tags/list?n=1000': { body: { name: 'a', tags: ['1.0'] } },
        'manifests/1.0': { body: image(digest('c1'), [digest('b1'), digest('b2')]), digest: digest('m1') },
        [`blobs/${digest('c1')}`]: { body: { rootfs: { diff_ids: [digest('d1'), digest('d2')] } } },
      },
      new Set([digest('b1')]),
    );
    const found = await findRepositoryLayers(client, {
      tag: '2.0',
      diffIds: [digest('d1'), digest('d2'), digest('d3')],
      platform,
    });
    expect(found.comparedTags).toEqual(['1.0']);
    expect(found.destinationDigest).toBeNull();
    expect([...found.present]).toEqual([[digest('d1'), { digest: digest('b1'), bytes: 123 }]]);
  });

  it('picks the platform of the local image from an index, and says the destination tag exists', async () => {
    const { client } = fakeRepository(
      {
        'tags/list?n=1000': { body: { tags: ['1.0'] } },
        'manifests/1.0': {
          digest: digest('i1'),
          body: {
            manifests: [
              { digest: digest('marm'), platform: { os: 'linux', architecture: 'arm64' } },
              { digest: digest('mamd'), platform: { os: 'linux', architecture: 'amd64' } },
              { digest: digest('matt'), platform: { os: 'unknown', architecture: 'unknown' } },
            ],
          },
        },
        [`manifests/${digest('mamd')}`]: { body: image(digest('camd'), [digest('bamd')]) },
        [`manifests/${digest('marm')}`]: { body: image(digest('carm'), [digest('barm')]) },
        [`blobs/${digest('camd')}`]: { body: { rootfs: { diff_ids: [digest('d1')] } } },
        [`blobs/${digest('carm')}`]: { body: { rootfs: { diff_ids: [digest('d1')] } } },
      },
      new Set([digest('bamd'), digest('barm')]),
    );
    const found = await findRepositoryLayers(client, { tag: '1.0', diffIds: [digest('d1')], platform });
    expect(found.destinationDigest).toBe(digest('i1'));
    expect(found.present.get(digest('d1'))?.digest).toBe(digest('bamd'));
  });

  it('ignores a config whose diff IDs do not line up with the layers (an artifact, not an image)', async () => {
    const { client, asked } = fakeRepository(
      {
        'tags/list?n=1000': { body: { tags: ['sig'] } },
        'manifests/sig': { body: image(digest('c1'), [digest('b1')]) },
        [`blobs/${digest('c1')}`]: { body: {} },
      },
      new Set([digest('b1')]),
    );
    const found = await findRepositoryLayers(client, { tag: '1.0', diffIds: [digest('d1')], platform });
    expect(found.present.size).toBe(0);
    expect(asked.filter((line) => line.startsWith('HEAD'))).toEqual([]);
  });

  it('reads no tag at all in a repository that does not exist yet', async () => {
    const { client, asked } = fakeRepository({}, new Set());
    const found = await findRepositoryLayers(client, { tag: '1.0', diffIds: [digest('d1')], platform });
    expect(found).toEqual({ comparedTags: [], destinationDigest: null, present: new Map() });
    expect(asked).toEqual(['GET tags/list?n=1000']);
  });

  it(`reads the destination and at most ${MAX_COMPARED_TAGS - 1} other tags`, async () => {
    const tags = Array.from({ length: 20 }, (_, index) => `t${String(index).padStart(2, '0')}`);
    const { client, asked } = fakeRepository({ 'tags/list?n=1000': { body: { tags } } }, new Set());
    await findRepositoryLayers(client, { tag: 't03', diffIds: [], platform });
    const manifests = asked.filter((line) => line.startsWith('GET manifests/'));
    expect(manifests).toHaveLength(MAX_COMPARED_TAGS);
    expect(manifests[0]).toBe('GET manifests/t03');
  });
});
