import { describe, expect, it } from 'vitest';
import { imageStoreOf, supportsBuildKit } from '../../../../src/main/engine/read-engine-info';

describe('supportsBuildKit', () => {
  it.each([
    ['a Linux Docker engine on API 1.41', { podman: false, apiVersion: '1.41', os: 'linux' }, true],
    [
      'a Linux Docker engine on API 1.39, where BuildKit arrived',
      { podman: false, apiVersion: '1.39', os: 'linux' },
      true,
    ],
    ['a Linux Docker engine on API 1.38', { podman: false, apiVersion: '1.38', os: 'linux' }, false],
    ['a Linux Docker engine on API 1.100', { podman: false, apiVersion: '1.100', os: 'linux' }, true],
    ['a Linux Docker engine on API 2.0', { podman: false, apiVersion: '2.0', os: 'linux' }, true],
    ['Podman, even on a recent API', { podman: true, apiVersion: '1.41', os: 'linux' }, false],
    ['a Windows engine', { podman: false, apiVersion: '1.45', os: 'windows' }, false],
    ['an engine that did not report its API version', { podman: false, apiVersion: '', os: 'linux' }, false],
    ['an engine that did not report its OS', { podman: false, apiVersion: '1.45', os: '' }, false],
  ])('answers for %s', (_label, facts, expected) => {
    expect(supportsBuildKit(facts)).toBe(expected);
  });
});

describe('imageStoreOf', () => {
  it.each([
    // The DriverStatus of the two rig engines, as `docker info` sent it.
    [
      'Docker 20.10 on overlay2',
      [
        ['Backing Filesystem', 'extfs'],
        ['Supports d_type', 'true'],
        ['Native Overlay Diff', 'true'],
        ['userxattr', 'false'],
      ],
      'storage-driver',
    ],
    [
      'Docker 26.1 with the containerd snapshotter',
      [['driver-type', 'io.containerd.snapshotter.v1']],
      'containerd',
    ],
    ['a driver-type that is not the snapshotter', [['driver-type', 'something-else']], 'storage-driver'],
    ['an engine that sent no DriverStatus', undefined, 'storage-driver'],
    ['an engine that sent null', null, 'storage-driver'],
    [
      'a DriverStatus that is not a list of pairs',
      [{ 'driver-type': 'io.containerd.snapshotter.v1' }],
      'storage-driver',
    ],
  ])('answers for %s', (_label, driverStatus, expected) => {
    expect(imageStoreOf(driverStatus)).toBe(expected);
  });
});
