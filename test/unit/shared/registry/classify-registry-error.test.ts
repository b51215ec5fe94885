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
