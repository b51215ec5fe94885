import { describe, expect, inject, it } from 'vitest';
import { rigDocker } from '../support/test-images';

const rig = inject('rig');

describe('the test rig', () => {
  it('runs containers from the busybox base image it built', async () => {
    const docker = rigDocker(rig.dockerHost);
    const container = await docker.createContainer({
      Image: rig.baseImage,
      Cmd: ['sh', '-c', 'echo rig-ok; uname -s'],
    });
    try {
      await container.start();
      await container.wait();
      const logs = (await container.logs({ stdout: true, stderr: true })).toString('utf8');
      expect(logs).toContain('rig-ok');
      expect(logs).toContain('Linux');
    } finally {
      await container.remove({ force: true });
    }
  });

  it('has a registry that refuses anonymous access and accepts its htpasswd user through the engine', async (context) => {
    if (!rig.registry) context.skip('no docker-registry on this machine (install Debian docker-registry)');
    const registry = rig.registry!;
    const anonymous = await fetch(`http://${registry.address}/v2/`);
    expect(anonymous.status).toBe(401);
    const docker = rigDocker(rig.dockerHost);
    const accepted = (await docker.checkAuth({
      serveraddress: registry.address,
      username: registry.username,
      password: registry.password,
    })) as { Status?: string };
    expect(accepted.Status).toBe('Login Succeeded');
    await expect(
      docker.checkAuth({ serveraddress: registry.address, username: registry.username, password: 'wrong' }),
    ).rejects.toThrow(/401 Unauthorized/);
  });
});
