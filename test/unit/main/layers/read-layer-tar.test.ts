import { describe, expect, it } from 'vitest';
import { createCaptureBudget, readLayerTar } from '../../../../src/main/layers/read-layer-tar';
import { MAX_CAPTURED_FILE_BYTES } from '../../../../src/shared/packages/package-record-paths';
import { chunked, layerTar, sha256 } from './image-archives';

describe('readLayerTar', () => {
  it('hashes files that arrive in many small chunks the same as in one', async () => {
    const content = 'x'.repeat(10_000);
    const tar = await layerTar([{ name: 'big.txt', content }]);
    const small = await readLayerTar(chunked(tar, 7), createCaptureBudget());
    const whole = await readLayerTar(chunked(tar), createCaptureBudget());
    expect(small.digests).toEqual([`sha256:${sha256(content)}`]);
    expect(whole.digests).toEqual(small.digests);
    expect(small.summary.tarBytes).toBe(tar.length);
  });

  it('skips file bytes unhashed when no inventory is wanted', async () => {
    const tar = await layerTar([
      { name: 'a', content: 'a' },
      { name: 'var/lib/dpkg/status', content: 'P' },
    ]);
    const layer = await readLayerTar(chunked(tar), null);
    expect(layer.digests).toEqual([null, null]);
    expect(layer.captured).toEqual([]);
    expect(layer.summary.entries.map((entry) => entry.path)).toEqual(['a', 'var/lib/dpkg/status']);
  });

  it('gives whiteouts and opaque markers no digest slot, so digests stay aligned with entries', async () => {
    const tar = await layerTar([
      { name: '.wh.gone', content: '' },
      { name: 'dir/.wh..wh..opq', content: '' },
      { name: 'dir/file', content: 'f' },
    ]);
    const layer = await readLayerTar(chunked(tar), createCaptureBudget());
    expect(layer.summary.entries.map((entry) => entry.path)).toEqual(['dir/file']);
    expect(layer.digests).toEqual([`sha256:${sha256('f')}`]);
  });

  it('keeps package records within the budget and says when one was left out', async () => {
    const tar = await layerTar([
      { name: 'usr/lib/python3/site-packages/a-1.dist-info/METADATA', content: 'Name: a\n' },
      { name: 'lib/apk/db/installed', content: 'P:musl\nV:1\n' },
      { name: 'app/node_modules/left/package.json', content: '{"name":"left"}' },
      { name: 'etc/hostname', content: 'not a record' },
    ]);
    const budget = createCaptureBudget(8 + 11);
    const layer = await readLayerTar(chunked(tar), budget);
    expect(layer.captured).toEqual([
      { path: 'usr/lib/python3/site-packages/a-1.dist-info/METADATA', content: 'Name: a\n' },
      { path: 'lib/apk/db/installed', content: 'P:musl\nV:1\n' },
    ]);
    expect(budget).toEqual({ remaining: 0, truncated: true });
    // Left out of the captured text, but still hashed like any file.
    expect(layer.digests[2]).toBe(`sha256:${sha256('{"name":"left"}')}`);
  });

  it('leaves out a record bigger than the per-file limit', async () => {
    const tar = await layerTar([{ name: 'var/lib/dpkg/status', size: MAX_CAPTURED_FILE_BYTES + 1 }]);
    const budget = createCaptureBudget();
    const layer = await readLayerTar(chunked(tar), budget);
    expect(layer.captured).toEqual([]);
    expect(budget.truncated).toBe(true);
  });
});
