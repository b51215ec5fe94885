import { describe, expect, it } from 'vitest';
import { classifyPushError } from '../../../../src/main/push/push-runner';

describe('classifyPushError', () => {
  it.each([
    // Messages as engine 20.10 printed them in this project's runs against docker-registry.
    ['unauthorized: authentication required', 'unauthorized'],
    ['denied: requested access to the resource is denied', 'denied'],
    ['name unknown: repository name not known to registry', 'name-unknown'],
    ['dial tcp 127.0.0.1:46299: connect: connection refused', 'unreachable'],
    ['An image does not exist locally with the tag: 127.0.0.1:5000/app', 'not-found'],
    ['something else entirely', 'other'],
  ] as const)('reads "%s" as %s', (message, reason) => {
    expect(classifyPushError(message, '127.0.0.1:5000').reason).toBe(reason);
  });

  it('names the registry to log in to', () => {
    expect(classifyPushError('unauthorized: authentication required', 'ghcr.io')).toMatchObject({
      registry: 'ghcr.io',
      message: expect.stringMatching(/^Log in to ghcr\.io/),
    });
  });
});
