import { describe, expect, it } from 'vitest';
import { supportsBuildKit } from '../../../../src/main/engine/read-engine-info';

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
