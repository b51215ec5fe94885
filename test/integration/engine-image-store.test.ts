import { afterEach, describe, expect, inject, it } from 'vitest';
import { dockerCli } from '../support/docker-cli';
import { startServices, type TestServices } from '../support/main-services';

const rig = inject('rig');

describe('the image store the engine view reports', () => {
  let app: TestServices | null = null;
  afterEach(() => {
    app?.dispose();
    app = null;
  });

  it('says what docker info says: the containerd store by its snapshotter, else the storage driver', async () => {
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    const status = await app.settled();
    if (status.state !== 'connected') throw new Error(`not connected: ${JSON.stringify(status)}`);
    const info = JSON.parse(await dockerCli(rig.dockerHost, ['info', '--format', '{{json .}}'])) as {
      Driver: string;
      DriverStatus: Array<[string, string]> | null;
    };
    const snapshotter = (info.DriverStatus ?? []).some(
      ([key, value]) => key === 'driver-type' && value === 'io.containerd.snapshotter.v1',
    );
    expect(status.info.storageDriver).toBe(info.Driver);
    expect(status.info.imageStore).toBe(snapshotter ? 'containerd' : 'storage-driver');
    // What the two rig engines are: 20.10 on overlay2, 26.1 on the containerd store.
    if (rig.mode === 'private') {
      expect(status.info.imageStore).toBe(rig.target === 'engine2' ? 'containerd' : 'storage-driver');
    }
  });
});
