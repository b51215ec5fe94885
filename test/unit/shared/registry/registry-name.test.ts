import { describe, expect, it } from 'vitest';
import { parseImageReference, type ImageReference } from '../../../../src/shared/image-reference';
import {
  convertToHostname,
  credentialKey,
  DOCKER_HUB_KEY,
  isOfficialImage,
  officialImagePushProblem,
  registryAddressProblem,
  registryName,
  registryOfImage,
} from '../../../../src/shared/registry/registry-name';

describe('convertToHostname', () => {
  it.each([
    ['example.com', 'example.com'],
    ['http://example.com', 'example.com'],
    ['https://example.com', 'example.com'],
    ['example.com/v1/', 'example.com'],
    ['https://example.com/v1/', 'example.com'],
    ['http://example.com:5000/v1/', 'example.com:5000'],
    ['https://127.0.0.1:5000/v2/', '127.0.0.1:5000'],
    ['localhost:5000', 'localhost:5000'],
    ['https://user:pw@registry.example.com:443/v1/', 'registry.example.com:443'],
    ['https://[::1]:5000/v1/', '[::1]:5000'],
    ['ftp://example.com/x', 'example.com'],
  ])('%s → %s', (address, hostname) => {
    expect(convertToHostname(address)).toBe(hostname);
  });
});

describe('credentialKey', () => {
  it.each([
    ['', DOCKER_HUB_KEY],
    ['docker.io', DOCKER_HUB_KEY],
    ['index.docker.io', DOCKER_HUB_KEY],
    ['registry-1.docker.io', DOCKER_HUB_KEY],
    ['https://index.docker.io/v1/', DOCKER_HUB_KEY],
    ['https://index.docker.io/v1', DOCKER_HUB_KEY],
    ['  Docker.IO ', DOCKER_HUB_KEY],
    ['ghcr.io', 'ghcr.io'],
    ['https://ghcr.io/', 'ghcr.io'],
    ['127.0.0.1:5000', '127.0.0.1:5000'],
    ['http://127.0.0.1:5000/v2/', '127.0.0.1:5000'],
  ])('stores "%s" under %s', (address, key) => {
    expect(credentialKey(address)).toBe(key);
  });
});

describe('registryName', () => {
  it('names Docker Hub for people and by its v1 key for the CLI', () => {
    expect(registryName('docker.io')).toEqual({
      key: DOCKER_HUB_KEY,
      displayName: 'Docker Hub',
      dockerHub: true,
    });
  });

  it('names other registries host:port', () => {
    expect(registryName('https://localhost:5000/')).toEqual({
      key: 'localhost:5000',
      displayName: 'localhost:5000',
      dockerHub: false,
    });
  });
});

describe('registryOfImage', () => {
  it.each([
    ['busybox', DOCKER_HUB_KEY, 'Docker Hub'],
    ['me/app:1.0', DOCKER_HUB_KEY, 'Docker Hub'],
    ['docker.io/me/app', DOCKER_HUB_KEY, 'Docker Hub'],
    ['index.docker.io/me/app', DOCKER_HUB_KEY, 'Docker Hub'],
    ['127.0.0.1:5000/dw-test/x:1', '127.0.0.1:5000', '127.0.0.1:5000'],
    ['localhost/team/app', 'localhost', 'localhost'],
    ['ghcr.io/org/app@sha256:' + 'a'.repeat(64), 'ghcr.io', 'ghcr.io'],
  ])('%s is pushed to %s', (reference, key, displayName) => {
    const result = registryOfImage(reference);
    expect(result).toEqual({ ok: true, registry: { key, displayName, dockerHub: key === DOCKER_HUB_KEY } });
  });

  it('passes on why a reference is not valid', () => {
    const result = registryOfImage('Me/App');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/lowercase/);
  });
});

describe('registryAddressProblem', () => {
  it.each(['', 'docker.io', 'localhost', 'localhost:5000', 'registry.example.com', 'https://ghcr.io/'])(
    'accepts "%s"',
    (address) => {
      expect(registryAddressProblem(address)).toBeNull();
    },
  );

  it.each([
    ['myregistry', /not a registry address/],
    ['registry.example.com:port', /port "port" must be a number/],
    ['bad_host.example.com', /not a valid registry host/],
  ])('rejects "%s"', (address, problem) => {
    expect(registryAddressProblem(address)).toMatch(problem);
  });
});

describe('official images', () => {
  const parsed = (text: string): ImageReference => {
    const result = parseImageReference(text);
    if (!result.ok) throw new Error(result.message);
    return result.reference;
  };

  it.each([
    ['ubuntu', true],
    ['library/ubuntu:24.04', true],
    ['docker.io/library/ubuntu', true],
    ['me/app', false],
    ['localhost:5000/ubuntu', false],
    ['ghcr.io/library/app', false],
  ])('reads %s as official: %s', (text, official) => {
    expect(isOfficialImage(parsed(text))).toBe(official);
  });

  it('says where to push an official name instead', () => {
    expect(officialImagePushProblem('ubuntu:24.04', parsed('ubuntu:24.04'))).toBe(
      '"ubuntu:24.04" names an official Docker Hub image; push to your own namespace, e.g. yourname/ubuntu.',
    );
    expect(officialImagePushProblem('me/app', parsed('me/app'))).toBeNull();
  });
});
