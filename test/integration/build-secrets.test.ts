/*
 * Secrets, SSH forwarding and private base images of BuildKit builds started through the handler
 * table (issue #16 part 1), on the rig engine: they travel through the build's BuildKit session,
 * and the history keeps nothing of a secret but its id.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildAndWait, buildRequest, makeContext } from '../support/build-fixtures';
import { dockerCli } from '../support/docker-cli';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_PREFIX } from '../support/rig-info';
import { findLeaks, findSecret } from '../support/secret-scan';

const rig = inject('rig');
const suffix = randomBytes(4).toString('hex');
const tempDirs: string[] = [];
const apps: TestServices[] = [];
const images: string[] = [];
let agent: Server;
let agentSocket: string;

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

function context(files: Record<string, string>): string {
  const dir = makeContext(files);
  tempDirs.push(dir);
  return dir;
}

async function start(env: Record<string, string> = {}): Promise<TestServices> {
  // A home of its own: no docker config.json logins reach these builds.
  const app = startServices({ DOCKER_HOST: rig.dockerHost, ...env }, temp('dw-secrets-home-'));
  apps.push(app);
  await app.settled();
  return app;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

beforeAll(async () => {
  // Only whether the agent is forwarded is checked here; relaying an agent's bytes is
  // buildkit-session.test.ts's ssh test.
  agentSocket = join(temp('dw-agent-'), 'agent.sock');
  agent = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => agent.listen(agentSocket, resolve));
});

afterAll(async () => {
  await new Promise((resolve) => agent.close(resolve));
  for (const app of apps) app.dispose();
  for (const image of images) await dockerCli(rig.dockerHost, ['rmi', '-f', image]).catch(() => '');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('BuildKit secrets through the handler table', () => {
  it('mounts a file secret and a variable secret for RUN; the history, log and events keep neither', async () => {
    const fromFile = `file-s3cret-${randomBytes(8).toString('hex')}`;
    const fromEnv = `env-s3cret-${randomBytes(8).toString('hex')}`;
    const secretDir = temp('dw-secret-src-');
    writeFileSync(join(secretDir, 'token.txt'), fromFile);
    const app = await start({ DW_TEST_BUILD_SECRET: fromEnv });
    const dir = context({
      Dockerfile: [
        `FROM ${rig.baseImage}`,
        'RUN --mount=type=secret,id=s sha256sum /run/secrets/s',
        'RUN --mount=type=secret,id=e sha256sum /run/secrets/e',
        // Mounted for the RUN only: nothing of it stays in the image.
        'RUN ls /run/secrets 2>/dev/null | wc -l > /left',
        '',
      ].join('\n'),
    });
    const record = await buildAndWait(
      app,
      buildRequest(dir, {
        builder: 'buildkit',
        noCache: true,
        secrets: [
          { id: 's', src: join(secretDir, 'token.txt'), env: null },
          { id: 'e', src: null, env: 'DW_TEST_BUILD_SECRET' },
        ],
      }),
    );
    if (record.imageId) images.push(record.imageId);
    expect(record.status, record.log).toBe('succeeded');
    expect(record.contextTransfer).toBe('session');
    expect(record.log).toContain(sha256(fromFile));
    expect(record.log).toContain(sha256(fromEnv));
    expect(await dockerCli(rig.dockerHost, ['run', '--rm', record.imageId!, 'cat', '/left'])).toBe('0\n');

    expect(record.request.secrets).toEqual([
      { id: 's', src: null, env: null },
      { id: 'e', src: null, env: null },
    ]);
    const listed = await app.value('history:list', {});
    const everything = JSON.stringify([record, listed, app.events]);
    for (const secret of [fromFile, fromEnv]) {
      expect(findSecret(everything, secret)).toBeNull();
      expect(findLeaks([app.dataDir], secret)).toEqual([]);
    }
    expect(everything).not.toContain(secretDir);
    expect(everything).not.toContain('DW_TEST_BUILD_SECRET');
  });

  it('answers a missing secret file, an unset variable and the classic builder at their fields', async () => {
    const app = await start();
    const dir = context({ Dockerfile: `FROM ${rig.baseImage}\nRUN true\n` });
    const missing = await app.call(
      'build:start',
      buildRequest(dir, {
        builder: 'buildkit',
        secrets: [{ id: 's', src: join(dir, 'no-such-file'), env: null }],
      }),
    );
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'secrets.0.src' } });
    const unset = await app.call(
      'build:start',
      buildRequest(dir, {
        builder: 'buildkit',
        secrets: [{ id: 's', src: null, env: 'DW_NOT_SET_ANYWHERE' }],
      }),
    );
    expect(unset).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'secrets.0.env' } });
    const classic = await app.call('build:start', buildRequest(dir, { builder: 'classic', ssh: true }));
    expect(classic).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'builder' } });
    // Refused before anything was saved.
    expect((await app.value('history:list', {})).builds).toEqual([]);
  });

  it('forwards the SSH agent of SSH_AUTH_SOCK to RUN --mount=type=ssh only when asked', async () => {
    const app = await start({ SSH_AUTH_SOCK: agentSocket });
    const dir = context({
      Dockerfile: `FROM ${rig.baseImage}\nRUN --mount=type=ssh test -S "$SSH_AUTH_SOCK" && echo agent-${suffix}\n`,
    });
    const forwarded = await buildAndWait(
      app,
      buildRequest(dir, { builder: 'buildkit', noCache: true, ssh: true }),
    );
    if (forwarded.imageId) images.push(forwarded.imageId);
    expect(forwarded.status, forwarded.log).toBe('succeeded');
    expect(forwarded.log).toContain(`agent-${suffix}`);
    expect(forwarded.request.ssh).toBe(true);

    const notAsked = await buildAndWait(app, buildRequest(dir, { builder: 'buildkit', noCache: true }));
    expect(notAsked.status).toBe('failed');
    expect(notAsked.error?.line).toBe(2);
  });
});

describe('BuildKit builds from a private base image', () => {
  it('pull the base image with the login Dockwright holds, and fail without one', async (test) => {
    if (!rig.registry) test.skip('no docker-registry on this machine (Debian package docker-registry)');
    const registry = rig.registry!;
    const reference = `${registry.address}/${TEST_PREFIX}/private-base-${suffix}:1`;
    // Put the base image in the registry, then off the engine: the build must pull it.
    const pusher = await start();
    await pusher.value('registry:login', { ...registryLogin(registry), keep: 'session' });
    await pusher.value('images:tag', { source: rig.baseImage, target: reference });
    const { id } = await pusher.value('push:start', { reference });
    await pusher.services.pushes.settled(id);
    await dockerCli(rig.dockerHost, ['rmi', reference]);

    const app = await start();
    const dir = context({ Dockerfile: `FROM ${reference}\nRUN echo private-${suffix}\n` });
    const anonymous = await buildAndWait(app, buildRequest(dir, { builder: 'buildkit' }));
    expect(anonymous.status).toBe('failed');
    expect(anonymous.error?.message).toMatch(/401|unauthorized|authoriz/i);
    expect(anonymous.error?.line).toBe(1);

    // A login for this session only: the store's session logins reach the build too.
    await app.value('registry:login', { ...registryLogin(registry), keep: 'session' });
    const record = await buildAndWait(app, buildRequest(dir, { builder: 'buildkit' }));
    if (record.imageId) images.push(record.imageId);
    expect(record.status, record.log).toBe('succeeded');
    expect(record.log).toContain(`private-${suffix}`);
    expect(findSecret(JSON.stringify([record, app.events]), registry.password)).toBeNull();
  });
});

function registryLogin(registry: { address: string; username: string; password: string }) {
  return { registry: registry.address, username: registry.username, password: registry.password };
}
