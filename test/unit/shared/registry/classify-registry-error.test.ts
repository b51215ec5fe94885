import { describe, expect, it } from 'vitest';
import {
  classifyRegistryError,
  describePullFailure,
} from '../../../../src/shared/registry/classify-registry-error';

describe('classifyRegistryError', () => {
  it.each([
    // Messages as engine 20.10 printed them in this project's runs against docker-registry.
    ['unauthorized: authentication required', 'unauthorized'],
    ['denied: requested access to the resource is denied', 'denied'],
    ['name unknown: repository name not known to registry', 'name-unknown'],
    ['dial tcp 127.0.0.1:46299: connect: connection refused', 'unreachable'],
    // Engine 26.1 (containerd store) with the registry killed mid-upload.
    [
      'failed to copy: failed to do request: Put "http://127.0.0.1:38351/v2/dw-test/e2e-killed/blobs/uploads/72709d81": readfrom tcp 127.0.0.1:47270->127.0.0.1:38351: write tcp 127.0.0.1:47270->127.0.0.1:38351: use of closed network connection',
      'unreachable',
    ],
    ['An image does not exist locally with the tag: 127.0.0.1:5000/app', 'not-found'],
    ['something else entirely', 'other'],
  ] as const)('reads "%s" as %s', (message, reason) => {
    expect(classifyRegistryError(message, '127.0.0.1:5000').reason).toBe(reason);
  });

  it('names the registry to log in to', () => {
    expect(classifyRegistryError('unauthorized: authentication required', 'ghcr.io')).toMatchObject({
      registry: 'ghcr.io',
      message: expect.stringMatching(/^Log in to ghcr\.io/),
    });
  });
});

describe('describePullFailure', () => {
  it('says an image the registry does not have may need a login to be seen', () => {
    expect(describePullFailure('manifest unknown: manifest unknown', 'me/app:1.0', 'ghcr.io')).toBe(
      'me/app:1.0 is not on ghcr.io (or you may not see it without logging in): manifest unknown: manifest unknown',
    );
  });

  it('words other refusals as a push would', () => {
    expect(describePullFailure('unauthorized: authentication required', 'me/app', null)).toMatch(
      /^Log in to the registry/,
    );
  });
});

/** Messages as engine 26.1 with the containerd image store printed them in this project's runs. */
describe('classifyRegistryError on engine 26.1', () => {
  it('reads a push without credentials as a login to do', () => {
    const failure = classifyRegistryError(
      'push access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials',
      '127.0.0.1:40427',
    );
    expect(failure).toMatchObject({
      reason: 'unauthorized',
      registry: '127.0.0.1:40427',
      message: expect.stringMatching(/^Log in to 127\.0\.0\.1:40427 to push there\./),
    });
  });

  it("reads a registry killed mid-upload as unreachable, without the upload URL's state token", () => {
    const failure = classifyRegistryError(
      'failed commit on ref "config-sha256:dcdd": failed to do request: Put "http://127.0.0.1:44609/v2/dw-test/probe-kill/blobs/uploads/9558cf51?_state=nwwZZkSHudSuDQwBBX5u&digest=sha256%3Adcdd": EOF',
      '127.0.0.1:44609',
    );
    expect(failure).toEqual({
      reason: 'unreachable',
      registry: '127.0.0.1:44609',
      message:
        'The registry could not be reached: failed commit on ref "config-sha256:dcdd": failed to do request: Put "http://127.0.0.1:44609/v2/dw-test/probe-kill/blobs/uploads/9558cf51": EOF',
    });
  });

  it('says which certificate problem the engine has, on either engine', () => {
    for (const message of [
      'Get "https://192.0.2.2:43011/v2/": x509: certificate signed by unknown authority',
      'Get "https://192.0.2.2:43011/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority',
    ]) {
      expect(classifyRegistryError(message, '192.0.2.2:43011').message).toBe(
        'The engine does not trust the TLS certificate of 192.0.2.2:43011 (x509: certificate signed by unknown authority). Put the registry\'s CA certificate in /etc/docker/certs.d/192.0.2.2:43011/ca.crt on the engine\'s machine, or add "192.0.2.2:43011" to "insecure-registries".',
      );
    }
  });
});

describe('describePullFailure on engine 26.1', () => {
  it('asks for a login when the registry wants one, though 26.1 also says the repository may not exist', () => {
    expect(
      describePullFailure(
        'failed to resolve reference "127.0.0.1:40427/dw-test/probe:1": pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials',
        '127.0.0.1:40427/dw-test/probe:1',
        '127.0.0.1:40427',
      ),
    ).toMatch(/^Log in to 127\.0\.0\.1:40427 to pull from it\./);
  });

  it('says an image the registry does not have is not there', () => {
    expect(
      describePullFailure(
        'failed to resolve reference "127.0.0.1:40427/dw-test/never:1": 127.0.0.1:40427/dw-test/never:1: not found',
        '127.0.0.1:40427/dw-test/never:1',
        '127.0.0.1:40427',
      ),
    ).toMatch(/^127\.0\.0\.1:40427\/dw-test\/never:1 is not on 127\.0\.0\.1:40427/);
  });
});
