import { afterEach, describe, expect, inject, it } from 'vitest';
import { dockerCli } from '../support/docker-cli';
import { startServices, type TestServices } from '../support/main-services';

const rig = inject('rig');

describe('engine connection against a real engine', () => {
  let app: TestServices | null = null;
  afterEach(() => {
    app?.dispose();
    app = null;
  });

  it('connects through DOCKER_HOST and reports what the docker CLI reports', async () => {
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    const status = await app.settled();
    if (status.state !== 'connected') throw new Error(`not connected: ${JSON.stringify(status)}`);
    const cli = JSON.parse(await dockerCli(rig.dockerHost, ['version', '--format', '{{json .Server}}'])) as {
      Version: string;
      ApiVersion: string;
      Os: string;
      Arch: string;
      KernelVersion: string;
    };
    const driver = (await dockerCli(rig.dockerHost, ['info', '--format', '{{.Driver}}'])).trim();
    expect(status.info).toMatchObject({
      product: 'Docker',
      version: cli.Version,
      apiVersion: cli.ApiVersion,
      os: cli.Os,
      arch: cli.Arch,
      kernelVersion: cli.KernelVersion,
      storageDriver: driver,
      buildkit: true,
    });
    expect(status.endpoint).toEqual({ source: 'DOCKER_HOST', label: 'DOCKER_HOST', address: rig.dockerHost });
    expect(app.events.some((e) => e.event === 'engine:event')).toBe(true);
  });

  it('lists the socket it tried with the exact error when DOCKER_HOST points nowhere, and tries nothing else', async () => {
    app = startServices({ DOCKER_HOST: 'unix:///run/dw-nothing-here.sock' });
    const status = await app.settled();
    expect(status.state).toBe('unavailable');
    if (status.state !== 'unavailable') return;
    expect(status.exclusive).toBe(true);
    expect(status.tried).toHaveLength(1);
    expect(status.tried[0]).toMatchObject({
      source: 'DOCKER_HOST',
      address: 'unix:///run/dw-nothing-here.sock',
      error: expect.stringContaining('ENOENT'),
      hint: expect.stringContaining('DOCKER_HOST'),
    });
    expect(status.nextRetryAt).toBeGreaterThan(Date.now() - 1000);
    const list = await app.call('images:list', {});
    expect(list).toMatchObject({ ok: false, error: { code: 'ENGINE_UNAVAILABLE' } });
  });

  it('uses the engine chosen in settings over DOCKER_HOST, and remembers the choice', async () => {
    app = startServices({ DOCKER_HOST: 'unix:///run/dw-nothing-here.sock' });
    await app.settled();
    const status = await app.value('engine:set-override', {
      override: { kind: 'address', address: rig.dockerHost },
    });
    expect(status).toMatchObject({
      state: 'connected',
      endpoint: { source: 'settings', address: rig.dockerHost },
    });
    const choices = await app.value('engine:choices', {});
    expect(choices.override).toEqual({ kind: 'address', address: rig.dockerHost });
  });

  it('refuses a settings address with an unknown scheme at the field', async () => {
    app = startServices({ DOCKER_HOST: rig.dockerHost });
    const result = await app.call('engine:set-override', {
      override: { kind: 'address', address: 'http://localhost:2375' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'override.address' } });
  });
});
