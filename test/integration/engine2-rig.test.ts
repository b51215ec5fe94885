import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it, type TestContext } from 'vitest';
import { TEST_LABEL, TEST_PREFIX, type Engine2Info } from '../support/rig-info';
import { CONTAINERD_SNAPSHOTTER, engine2Cli, type Engine2Cli } from '../support/start-engine2';

const rig = inject('rig');

/** Why engine 2 is not here, in words a developer can act on. */
function missingReason(): string {
  if (process.env['DW_ENGINE2'] !== '1') return 'the second engine starts only with DW_ENGINE2=1';
  return `the second engine runs only in the private rig (root on Linux): ${rig.limitation ?? 'not started'}`;
}

const suffix = randomBytes(4).toString('hex');
const created: string[] = [];
let cli: Engine2Cli | null = null;

function needEngine2(context: TestContext): { engine: Engine2Info; cli: Engine2Cli } {
  if (!rig.engine2) context.skip(missingReason());
  const engine = rig.engine2!;
  cli ??= engine2Cli(engine);
  return { engine, cli };
}

function contextDir(dockerfile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dw-engine2-ctx-'));
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  return dir;
}

afterAll(async () => {
  if (cli && created.length > 0) await cli.run(['rmi', '--force', ...created]).catch(() => undefined);
  cli?.dispose();
});

describe('the rig second engine (Docker 26.1, containerd image store)', () => {
  it('reports Docker 26.1 with the containerd snapshotter as its image store', async (context) => {
    const { engine, cli } = needEngine2(context);
    const info = JSON.parse((await cli.run(['info', '--format', '{{json .}}'])).stdout) as {
      ServerVersion: string;
      DriverStatus: Array<[string, string]>;
    };
    expect(info.ServerVersion).toMatch(/^26\.1\./);
    expect(info.DriverStatus).toContainEqual(['driver-type', CONTAINERD_SNAPSHOTTER]);
    expect(engine.version).toBe(info.ServerVersion);
    expect(engine.imageStore).toBe('containerd');
    const client = (await cli.run(['version', '--format', '{{.Client.Version}}'])).stdout.trim();
    expect(client).toMatch(/^26\.1\./);
  });

  it('builds with the classic builder from its busybox base image and runs the result', async (context) => {
    const { engine, cli } = needEngine2(context);
    const tag = `${TEST_PREFIX}/engine2-classic-${suffix}:latest`;
    const dir = contextDir(
      `FROM ${engine.baseImage}\nRUN echo built-by-classic > /built\nCMD ["cat", "/built"]\n`,
    );
    try {
      await cli.run(['build', '--label', `${TEST_LABEL}=1`, '-t', tag, dir], {
        env: { DOCKER_BUILDKIT: '0' },
      });
      created.push(tag);
      const { stdout } = await cli.run(['run', '--rm', '--label', `${TEST_LABEL}=1`, tag]);
      expect(stdout.trim()).toBe('built-by-classic');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds with BuildKit through the buildx 0.13 plugin and runs the result', async (context) => {
    const { engine, cli } = needEngine2(context);
    const version = (await cli.run(['buildx', 'version'])).stdout;
    expect(version).toMatch(/ v?0\.13\./);
    const tag = `${TEST_PREFIX}/engine2-buildkit-${suffix}:latest`;
    const dir = contextDir(
      `FROM ${engine.baseImage}\nRUN echo built-by-buildkit > /built\nCMD ["cat", "/built"]\n`,
    );
    try {
      const build = await cli.run([
        'buildx',
        'build',
        '--progress',
        'plain',
        '--label',
        `${TEST_LABEL}=1`,
        '-t',
        tag,
        dir,
      ]);
      created.push(tag);
      // The docker driver writes straight into the engine's image store: no --load needed.
      expect(build.stderr).toContain(`naming to docker.io/${tag}`);
      const { stdout } = await cli.run(['run', '--rm', '--label', `${TEST_LABEL}=1`, tag]);
      expect(stdout.trim()).toBe('built-by-buildkit');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('treats the loopback registry as insecure and pushes to it with the htpasswd user', async (context) => {
    const { engine, cli } = needEngine2(context);
    if (!rig.registry) context.skip('no docker-registry on this machine (Debian package docker-registry)');
    const registry = rig.registry!;
    const info = JSON.parse((await cli.run(['info', '--format', '{{json .RegistryConfig}}'])).stdout) as {
      InsecureRegistryCIDRs: string[];
    };
    expect(info.InsecureRegistryCIDRs).toContain('127.0.0.0/8');
    await cli.run(['login', '--username', registry.username, '--password-stdin', registry.address], {
      input: registry.password,
    });
    const target = `${registry.address}/${TEST_PREFIX}/engine2-push-${suffix}:latest`;
    await cli.run(['tag', engine.baseImage, target]);
    created.push(target);
    const push = (await cli.run(['push', target])).stdout;
    const digest = /digest: (sha256:[0-9a-f]{64})/.exec(push)?.[1];
    expect(digest, push).toBeDefined();
    // Ground truth: the registry serves that digest for the tag, whatever media type it is.
    const served = await fetch(
      `http://${registry.address}/v2/${TEST_PREFIX}/engine2-push-${suffix}/manifests/latest`,
      {
        method: 'HEAD',
        headers: {
          Accept: [
            'application/vnd.oci.image.index.v1+json',
            'application/vnd.oci.image.manifest.v1+json',
            'application/vnd.docker.distribution.manifest.list.v2+json',
            'application/vnd.docker.distribution.manifest.v2+json',
          ].join(', '),
          Authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`,
        },
      },
    );
    expect(served.status).toBe(200);
    expect(served.headers.get('docker-content-digest')).toBe(digest);
  });
});
