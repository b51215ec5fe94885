import { describe, expect, it } from 'vitest';
import { dockerConfigDir } from '../../../../src/main/engine/docker-config-dir';

describe('dockerConfigDir', () => {
  it('uses $DOCKER_CONFIG as set, as the docker CLI does', () => {
    expect(
      dockerConfigDir({ env: { DOCKER_CONFIG: '/opt/cfg' }, platform: 'linux', homeDir: '/home/ada' }),
    ).toBe('/opt/cfg');
    // The CLI does not make it absolute either: a relative one is read from the working directory.
    expect(dockerConfigDir({ env: { DOCKER_CONFIG: 'cfg' }, platform: 'linux', homeDir: '/home/ada' })).toBe(
      'cfg',
    );
  });

  it('defaults to ~/.docker, also when $DOCKER_CONFIG is empty', () => {
    expect(dockerConfigDir({ env: {}, platform: 'linux', homeDir: '/home/ada' })).toBe('/home/ada/.docker');
    expect(dockerConfigDir({ env: { DOCKER_CONFIG: '' }, platform: 'darwin', homeDir: '/Users/ada' })).toBe(
      '/Users/ada/.docker',
    );
  });

  it('joins with backslashes on Windows', () => {
    expect(dockerConfigDir({ env: {}, platform: 'win32', homeDir: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\.docker',
    );
  });
});
