import { describe, expect, it } from 'vitest';
import { createContentsCache, type AnalyzeById } from '../../../../src/main/layers/contents-cache';
import { summarizeImageContents, type ImageContents } from '../../../../src/shared/layers/image-contents';
import type { ImageInventory } from '../../../../src/shared/layers/image-inventory';

/** An analysis the test finishes by hand; it reports an inventory unless told not to. */
function controllableAnalyze(reportsInventory = true) {
  const started: string[] = [];
  const pending = new Map<string, () => void>();
  const analyze: AnalyzeById = (imageId, signal, _onProgress, onInventory) => {
    started.push(imageId);
    return new Promise<ImageContents>((resolve, reject) => {
      pending.set(imageId, () => {
        if (reportsInventory) onInventory(inventoryOf(imageId));
        resolve(summarizeImageContents(imageId, 'docker-archive', [], []));
      });
      signal.addEventListener('abort', () => reject(new Error('aborted')));
    });
  };
  const finish = async (imageId: string): Promise<void> => {
    pending.get(imageId)!();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { analyze, started, finish };
}

const inventoryOf = (imageId: string): ImageInventory => ({
  imageId,
  files: [],
  captured: [],
  capturedTruncated: false,
  unreadableLayers: [],
});

describe('createContentsCache inventories', () => {
  it('joins the contents run under way instead of reading the image twice', async () => {
    const fake = controllableAnalyze();
    const cache = createContentsCache(fake.analyze);
    const contents = cache.run('sha256:a', { background: false });
    const inventory = cache.inventory('sha256:a', {});
    await fake.finish('sha256:a');
    expect((await inventory.result).imageId).toBe('sha256:a');
    expect((await contents.result).imageId).toBe('sha256:a');
    expect(fake.started).toEqual(['sha256:a']);
  });

  it('answers from what an earlier contents run kept', async () => {
    const fake = controllableAnalyze();
    const cache = createContentsCache(fake.analyze);
    cache.run('sha256:a', { background: true });
    await fake.finish('sha256:a');
    expect((await cache.inventory('sha256:a', {}).result).imageId).toBe('sha256:a');
    expect(fake.started).toEqual(['sha256:a']);
  });

  it('reads an image again when its inventory was evicted, even with its contents still kept', async () => {
    const fake = controllableAnalyze();
    const cache = createContentsCache(fake.analyze, 8, 1);
    for (const id of ['sha256:a', 'sha256:b']) {
      cache.run(id, { background: true });
      await fake.finish(id);
    }
    expect(cache.peek('sha256:a')).not.toBeNull();
    const again = cache.inventory('sha256:a', {});
    expect(fake.started).toEqual(['sha256:a', 'sha256:b', 'sha256:a']);
    await fake.finish('sha256:a');
    expect((await again.result).imageId).toBe('sha256:a');
  });

  it('counts an inventory request as a user waiting, so background pauses leave its run alone', () => {
    const fake = controllableAnalyze();
    const cache = createContentsCache(fake.analyze);
    cache.inventory('sha256:a', {}).result.catch(() => undefined);
    expect(cache.pauseBackground()).toEqual([]);
    expect(cache.isRunning('sha256:a')).toBe(true);
  });

  it('fails plainly when the analysis reported no inventory', async () => {
    const fake = controllableAnalyze(false);
    const cache = createContentsCache(fake.analyze);
    const refused = expect(cache.inventory('sha256:a', {}).result).rejects.toThrow('gave no file inventory');
    await fake.finish('sha256:a');
    await refused;
  });
});
