import { describe, expect, it } from 'vitest';
import { imageStoreOf } from '../../../../src/main/layers/read-image-store';

describe('imageStoreOf', () => {
  it('reads the containerd store from the snapshotter driver type (engine 26.1)', () => {
    expect(
      imageStoreOf({ Driver: 'overlayfs', DriverStatus: [['driver-type', 'io.containerd.snapshotter.v1']] }),
    ).toBe('containerd');
  });

  it('reads a graph driver as the classic store, whatever its name', () => {
    expect(imageStoreOf({ Driver: 'overlay2', DriverStatus: [['Backing Filesystem', 'extfs']] })).toBe(
      'classic',
    );
    expect(imageStoreOf({ Driver: 'btrfs', DriverStatus: [['Build Version', 'Btrfs v6']] })).toBe('classic');
    expect(imageStoreOf({ Driver: 'vfs', DriverStatus: null })).toBe('classic');
  });
});
