/**
 * Issue #14 item 1: without a credential helper and without an OS keyring (browser mode, Linux
 * with no Secret Service) a login the registry accepted is usable for the rest of the session,
 * and saved unencrypted in config.json only when asked, in the format the docker CLI reads.
 * Ground truth: the registry's own API for the pushed digest, the real docker CLI for config.json.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it as vitestIt } from 'vitest';
import type { SecretCrypto } from '../../src/main/registry/encrypted-store';
import type { PushEvent } from '../../src/shared/push/push-model';
import { dockerCli } from '../support/docker-cli';
import { startServices, type TestServices } from '../support/main-services';
import { TEST_PREFIX } from '../support/rig-info';
import { findLeaks, findSecret } from '../support/secret-scan';
import { fetchManifest } from '../support/start-registry';
import { buildTestImage, rigDocker } from '../support/test-images';

const rig = inject('rig');

/** What browser mode's server has: no keyring, and it says so. */
const NO_KEYRING: SecretCrypto = {
  isAvailable: () => false,
  whyUnavailable: () => 'no keyring in this test',
  encrypt: () => {
    throw new Error('no encryption');
  },
  decrypt: () => {
    throw new Error('no encryption');
  },
};

const it = (name: string, body: () => Promise<void> | void) =>
  vitestIt(name, async (context) => {
    if (!rig.registry) context.skip('no docker-registry on this machine (Debian package docker-registry)');
    await body();
  });

function pushEvents(app: TestServices, id: string): PushEvent[] {
  return app.events
    .filter((e) => e.event === 'push:event' && (e.payload as { id: string }).id === id)
    .map((e) => (e.payload as { event: PushEvent }).event);
}

async function pushAndWait(app: TestServices, reference: string): Promise<PushEvent[]> {
  const { id } = await app.value('push:start', { reference });
  await app.services.pushes.settled(id);
  return pushEvents(app, id);
}

describe('login and push with no credential helper and no OS keyring', () => {
  const registry = rig.registry ?? { address: '', username: '', password: '' };
  const repo = `${TEST_PREFIX}/session-login`;
  const reference = `${registry.address}/${repo}:1`;
  const source = `${TEST_PREFIX}/session-login-src:1`;
  let home: string;
  let app: TestServices;
  /** Every service instance's data folder, kept until the scan at the end. */
  const dataDirs: string[] = [];
  const answers: unknown[] = [];
  /** Every instance started, for the scan of everything they sent. */
  const apps: TestServices[] = [];
  const start = (): TestServices => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dw-int-session-data-'));
    dataDirs.push(dataDir);
    const started = startServices({ DOCKER_HOST: rig.dockerHost }, home, dataDir, {
      secretCrypto: NO_KEYRING,
    });
    apps.push(started);
    return started;
  };

  beforeAll(async () => {
    if (!rig.registry) return;
    home = mkdtempSync(join(tmpdir(), 'dw-int-session-home-'));
    app = start();
    await app.settled();
    const id = await buildTestImage(rigDocker(rig.dockerHost), source, {
      Dockerfile: `FROM ${rig.baseImage}\nRUN head -c 1500000 /dev/urandom > /payload\n`,
    });
    await app.value('images:tag', { source: id, target: reference });
  });
  afterAll(async () => {
    app?.services.dispose();
    await dockerCli(rig.dockerHost, ['rmi', reference, source]).catch(() => '');
    for (const dir of [...dataDirs, home]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('says before the login that it can keep it for this session only, and why', async () => {
    const place = await app.value('registry:place', { registry: registry.address });
    answers.push(place);
    expect(place).toEqual({
      registry: registry.address,
      source: 'session',
      helper: null,
      cliSees: false,
      noEncryption: 'no keyring in this test',
      plainTextFile: join(home, '.docker', 'config.json'),
    });
  });

  it('logs in, keeps the login in memory, and the push succeeds with the digest the registry has', async () => {
    const login = await app.value('registry:login', {
      registry: registry.address,
      username: registry.username,
      password: registry.password,
    });
    answers.push(login);
    expect(login).toMatchObject({ source: 'session', notSaved: null, username: registry.username });

    const events = await pushAndWait(app, reference);
    expect(events.at(-1)).toMatchObject({ kind: 'finished', status: 'succeeded', error: null });
    const done = events.find((event) => event.kind === 'tag-done');
    const response = await fetchManifest(registry, repo, '1');
    expect(response.status).toBe(200);
    expect(done?.kind === 'tag-done' ? done.digest : null).toBe(
      response.headers.get('docker-content-digest'),
    );

    const list = await app.value('registry:list', {});
    answers.push(list);
    expect(list.logins).toEqual([
      {
        registry: registry.address,
        displayName: registry.address,
        username: registry.username,
        source: 'session',
        helper: null,
        cliSees: false,
      },
    ]);
  });

  it('forgets the login when Dockwright restarts: the next push asks for a login', async () => {
    app.services.dispose();
    app = start();
    await app.settled();
    const events = await pushAndWait(app, reference);
    expect(events.at(-1)).toMatchObject({ status: 'failed', error: { reason: 'unauthorized' } });
  });

  it('saves in config.json only when asked, and the docker CLI and the next start both use it', async () => {
    const login = await app.value('registry:login', {
      registry: registry.address,
      username: registry.username,
      password: registry.password,
      keep: 'config-file',
    });
    answers.push(login);
    expect(login).toMatchObject({ source: 'config-auths', cliSees: true, notSaved: null });
    const configPath = join(home, '.docker', 'config.json');
    expect(JSON.parse(readFileSync(configPath, 'utf8'))).toEqual({
      auths: {
        [registry.address]: {
          auth: Buffer.from(`${registry.username}:${registry.password}`).toString('base64'),
        },
      },
    });

    // The real CLI reads what Dockwright wrote: a pull that needs the login succeeds.
    await dockerCli(rig.dockerHost, ['rmi', reference]);
    await dockerCli(rig.dockerHost, ['--config', join(home, '.docker'), 'pull', reference]);

    app.services.dispose();
    app = start();
    await app.settled();
    const events = await pushAndWait(app, reference);
    expect(events.at(-1)).toMatchObject({ kind: 'finished', status: 'succeeded' });
  });

  it('lets the password reach no file but the config.json the user chose, no event and no answer', () => {
    const configPath = join(home, '.docker', 'config.json');
    expect(findLeaks([home, ...dataDirs], registry.password, [configPath])).toEqual([]);
    expect(findSecret(JSON.stringify(apps.map((each) => each.events)), registry.password)).toBeNull();
    expect(findSecret(JSON.stringify(answers), registry.password)).toBeNull();
  });
});
