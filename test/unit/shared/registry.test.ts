import { describe, expect, it } from 'vitest';
import { plainTextWarning } from '../../../src/shared/registry';

describe('plainTextWarning', () => {
  it('says what docker login says before writing a password unencrypted', () => {
    expect(plainTextWarning('/home/ada/.docker/config.json')).toBe(
      'WARNING! Your password will be stored unencrypted in /home/ada/.docker/config.json.\n' +
        'Configure a credential helper to remove this warning. See\n' +
        'https://docs.docker.com/engine/reference/commandline/login/#credentials-store',
    );
  });
});
