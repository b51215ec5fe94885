import { describe, expect, it } from 'vitest';
import {
  imageStoreLabel,
  imageStoreMeaning,
} from '../../../../../src/renderer/features/engine/image-store-text';

describe('imageStoreLabel', () => {
  it('names the containerd store and its snapshotter (Driver on that store)', () => {
    expect(imageStoreLabel({ imageStore: 'containerd', storageDriver: 'overlayfs' })).toBe(
      'containerd image store (overlayfs)',
    );
  });

  it('names the storage driver of the classic store', () => {
    expect(imageStoreLabel({ imageStore: 'storage-driver', storageDriver: 'overlay2' })).toBe(
      'overlay2 storage driver',
    );
  });

  it('says unknown when the engine reported no driver', () => {
    expect(imageStoreLabel({ imageStore: 'storage-driver', storageDriver: '' })).toBe(
      'unknown storage driver',
    );
  });
});

describe('imageStoreMeaning', () => {
  it('tells containerd-store users about multi-platform images and content-plus-disk sizes', () => {
    const text = imageStoreMeaning({ imageStore: 'containerd' });
    expect(text).toContain('several platforms');
    expect(text).toContain('compressed content and the unpacked files together');
  });

  it('tells storage-driver users that images hold one platform and sizes are disk only', () => {
    const text = imageStoreMeaning({ imageStore: 'storage-driver' });
    expect(text).toContain('one platform');
    expect(text).toContain('unpacked files on disk');
  });
});
