import { describe, expect, it } from 'vitest';
import {
  formatSizeOf,
  historySizeKind,
  imageSizeKind,
  layerSizeText,
} from '../../../../src/shared/layers/size-kinds';

describe('size kinds', () => {
  it('names what each store counts', () => {
    expect([historySizeKind('storage-driver'), imageSizeKind('storage-driver')]).toEqual([
      'content',
      'content',
    ]);
    expect([historySizeKind('containerd'), imageSizeKind('containerd')]).toEqual(['disk', 'compressed']);
  });

  it('writes a number with its kind', () => {
    expect(formatSizeOf(1_990_656, 'disk')).toBe('1.99MB on disk');
    expect(formatSizeOf(1_069_446, 'compressed')).toBe('1.07MB compressed');
    expect(formatSizeOf(1_982_256, 'content')).toBe('1.98MB content');
  });

  it('shows content beside disk only where the two differ', () => {
    // The busybox COPY measured on engine 26.1 with the containerd store.
    expect(layerSizeText(1_982_256, 1_990_656, 'disk')).toBe('content 1.98MB · on disk 1.99MB');
    expect(layerSizeText(6, 12_288, 'disk')).toBe('content 6B · on disk 12.3kB');
    expect(layerSizeText(1_990_100, 1_990_656, 'disk')).toBe('1.99MB');
    expect(layerSizeText(1_982_256, 1_982_256, 'content')).toBe('1.98MB');
    expect(layerSizeText(null, 8_192, 'disk')).toBe('8.19kB on disk');
  });
});
