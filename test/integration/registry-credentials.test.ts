/**
 * Credentials against the real engine, the real registry, a real credential helper and the real
 * docker CLI: what Dockwright saves, the CLI uses, and the other way round.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAesGcmCrypto } from '../../src/main/registry/aes-gcm-crypto';
import { createRunHelper, findExecutable, type RunHelper } from '../../src/main/registry/credential-helper';
import { createCredentialStore, type CredentialStore } from '../../src/main/registry/credentials';
import { authConfigForImage, login } from '../../src/main/registry/login';
import { TEST_PREFIX } from '../support/rig-info';
import { fetchManifest } from '../support/start-registry';
import { rigDocker } from '../support/test-images';
import { findLeaks } from '../support/secret-scan';

const rig = inject('rig');
const registry = rig.registry;
const execFileAsync = promisify(execFile);

let root: string;
let bin: string;
let docker: Docker;
const crypto = createAesGcmCrypto(randomBytes(32));
/** Every file the test helper keeps its secrets in: the only files allowed to hold the password. */
const helperStores: string[] = [];

/**
 * A real docker-credential-helpers program: the protocol over stdin/stdout, secrets in a JSON file
 * named by DW_TEST_HELPER_STORE, and every call (never the secret) logged to DW_TEST_HELPER_LOG.
 */
const HELPER_SCRIPT = `#!${process.execPath}
const fs = require('node:fs');
const file = process.env.DW_TEST_HELPER_STORE;
const read = () => { try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return {}; } };
const write = (data) => fs.writeFileSync(file, JSON.stringify(data), { mode: 0o600 });
const action = process.argv[2];
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  const store = read();
  const notFound = () => { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1); };
  const url = input.trim();
  fs.appendFileSync(process.env.DW_TEST_HELPER_LOG, action + ' ' + (action === 'store' ? JSON.parse(input).ServerURL : url) + '\\n');
  if (action === 'store') {
    const credentials = JSON.parse(input);
    store[credentials.ServerURL] = { Username: credentials.Username, Secret: credentials.Secret };
    write(store);
  } else if (action === 'get') {
    if (!store[url]) notFound();
    process.stdout.write(JSON.stringify({ ServerURL: url, ...store[url] }));
  } else if (action === 'erase') {
    if (!store[url]) notFound();
    delete store[url];
    write(store);
  } else if (action === 'list') {
    process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(store).map(([u, e]) => [u, e.Username]))));
  } else {
    process.stdout.write('unknown action ' + action + '\\n');
    process.exit(1);
  }
});
`;

/** One scenario's folders: a DOCKER_CONFIG, an app data folder, and the test helper's own files. */
interface Scenario {
  configDir: string;
  dataDir: string;
  helperStore: string;
  helperLog: string;
  env: Record<string, string | undefined>;
  runHelper: RunHelper;
  store: CredentialStore;
}

function scenario(name: string, config: unknown | null): Scenario {
  const dir = join(root, name);
  const configDir = join(dir, 'docker-config');
  const dataDir = join(dir, 'data');
  mkdirSync(configDir, { recursive: true });
  mkdirSync(dataDir, { recursive: true });
  if (config !== null) writeFileSync(join(configDir, 'config.json'), JSON.stringify(config));
  const helperStore = join(dir, 'helper-store.json');
  const helperLog = join(dir, 'helper-calls.log');
  writeFileSync(helperLog, '');
  helperStores.push(helperStore);
  const env = {
    ...process.env,
    PATH: `${bin}:${process.env['PATH'] ?? ''}`,
    DW_TEST_HELPER_STORE: helperStore,
    DW_TEST_HELPER_LOG: helperLog,
  };
  const runHelper = createRunHelper({ env, platform: process.platform, timeoutMs: 10_000 });
  return {
    configDir,
    dataDir,
    helperStore,
    helperLog,
    env,
    runHelper,
    store: createCredentialStore({ dockerConfigDir: configDir, dataDir, crypto, runHelper }),
  };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program with stdin closed or given (never a TTY). */
function runProgram(
  file: string,
  args: string[],
  env: Record<string, string | undefined>,
  stdin = '',
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** The real docker CLI with a scenario's DOCKER_CONFIG and helper, against the rig engine. */
function dockerCli(cli: string, scene: Scenario, args: string[], stdin = ''): Promise<Run> {
  return runProgram(
    cli,
    args,
    { ...scene.env, DOCKER_CONFIG: scene.configDir, DOCKER_HOST: rig.dockerHost, DOCKER_CLI_HINTS: 'false' },
    stdin,
  );
}

function helperCalls(scene: Scenario): string[] {
  return readFileSync(scene.helperLog, 'utf8').split('\n').filter(Boolean);
}

/** The docker CLIs on this machine (e.g. Debian's 20.10 and a newer one first on PATH), each once. */
async function dockerClis(): Promise<Array<{ path: string; version: string }>> {
  const candidates = [
    await findExecutable('docker', { env: process.env, platform: process.platform }),
    '/usr/bin/docker',
  ];
  const seen = new Set<string>();
  const clis: Array<{ path: string; version: string }> = [];
  for (const candidate of candidates) {
    if (!candidate || !existsSync(candidate) || seen.has(realpathSync(candidate))) continue;
    seen.add(realpathSync(candidate));
    const { stdout } = await execFileAsync(candidate, ['--version']);
    clis.push({ path: candidate, version: stdout.trim() });
  }
  return clis;
}

async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A tag of the rig's base image in the test registry, unique to this call. */
async function tagForRegistry(name: string): Promise<{ reference: string; repo: string; tag: string }> {
  const repo = `${TEST_PREFIX}/creds-${name}-${randomBytes(3).toString('hex')}`;
  await docker.getImage(rig.baseImage).tag({ repo: `${registry!.address}/${repo}`, tag: '1' });
  return { reference: `${registry!.address}/${repo}:1`, repo, tag: '1' };
}

/** Ground truth for a push: the registry's own API has the manifest. */
async function registryHasManifest(repo: string, tag: string): Promise<number> {
  return (await fetchManifest(registry!, repo, tag)).status;
}

const clis = await dockerClis();
const PLAINTEXT_SCENARIO = 'plaintext-config';

// Skipped only where the machine has no docker-registry (a laptop without the Debian package): the rig provides one everywhere else.
describe.skipIf(!registry)('registry credentials against the real engine and registry', () => {
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'dw-int-creds-'));
    bin = join(root, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'docker-credential-dwtest'), HELPER_SCRIPT);
    chmodSync(join(bin, 'docker-credential-dwtest'), 0o755);
    docker = rigDocker(rig.dockerHost);
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  describe('login()', () => {
    it('accepts the right password and saves it encrypted when no helper is configured', async () => {
      const scene = scenario('login-ok', null);
      const result = await login(docker, scene.store, {
        registry: registry!.address,
        username: registry!.username,
        secret: registry!.password,
      });

      expect(result).toEqual({
        ok: true,
        value: expect.objectContaining({
          registry: registry!.address,
          source: 'dockwright-encrypted',
          cliSees: false,
        }),
      });
      // Read by the next start (this one reads its session's copy first).
      const next = createCredentialStore({
        dockerConfigDir: scene.configDir,
        dataDir: scene.dataDir,
        crypto,
        runHelper: scene.runHelper,
      });
      expect(await next.get(registry!.address)).toMatchObject({
        username: registry!.username,
        secret: registry!.password,
        source: 'dockwright-encrypted',
      });
      expect(existsSync(join(scene.configDir, 'config.json'))).toBe(false);
    });

    it.each([
      ['a wrong password', 'owner', 'wrong-password'],
      ['an unknown user', 'nobody-here', 'right-password'],
    ])('refuses %s at the password field and saves nothing', async (_label, who, which) => {
      const scene = scenario(`login-refused-${who}`, { credsStore: 'dwtest' });
      const result = await login(docker, scene.store, {
        registry: registry!.address,
        username: who === 'owner' ? registry!.username : who,
        secret: which === 'right-password' ? registry!.password : which,
      });

      expect(result).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION',
          field: 'password',
          message: `${registry!.address} refused this username and password. Check both: to the registry a wrong password and an unknown user look the same.`,
        },
      });
      expect(helperCalls(scene)).toEqual([]);
      expect(existsSync(join(scene.dataDir, 'credentials.json'))).toBe(false);
    });

    it('says a registry that is down cannot be reached, at the registry field', async () => {
      const scene = scenario('login-down', null);
      const address = `127.0.0.1:${await closedPort()}`;
      const result = await login(docker, scene.store, { registry: address, username: 'ada', secret: 'x' });

      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'registry' } });
      expect(!result.ok && result.error.message).toBe(
        `Nothing answers at ${address} (connection refused). Check the address and port, and that the registry is running.`,
      );
    });

    describe('TLS problems, on a non-loopback address of the engine’s own machine', () => {
      const hostAddress = Object.values(networkInterfaces())
        .flat()
        .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
      const refuse: RequestListener = (_request, response) => {
        response.writeHead(401, {
          'Docker-Distribution-Api-Version': 'registry/2.0',
          'WWW-Authenticate': 'Basic realm="dw"',
        });
        response.end('{}');
      };
      const listen = (server: Server) =>
        new Promise<string>((resolve) =>
          server.listen(0, hostAddress, () => {
            const address = server.address();
            resolve(`${hostAddress}:${typeof address === 'object' && address ? address.port : 0}`);
          }),
        );

      it('explains insecure-registries for a plain-HTTP registry', async (context) => {
        if (rig.mode !== 'private' || !hostAddress) {
          context.skip('needs the private engine on this machine, reachable at a non-loopback address');
        }
        const server = createHttpServer(refuse);
        try {
          const address = await listen(server);
          const result = await login(docker, scenario('tls-http', null).store, {
            registry: address,
            username: 'ada',
            secret: 'x',
          });
          expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'registry' } });
          expect(!result.ok && result.error.message).toMatch(
            /answers over plain HTTP.*"insecure-registries"/,
          );
        } finally {
          server.close();
        }
      });

      it('explains an untrusted certificate', async (context) => {
        const openssl = await findExecutable('openssl', { env: process.env, platform: process.platform });
        if (rig.mode !== 'private' || !hostAddress || !openssl) {
          context.skip('needs the private engine on this machine and openssl for a self-signed certificate');
        }
        const dir = join(root, 'tls');
        mkdirSync(dir, { recursive: true });
        await execFileAsync(openssl!, [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=dw-test',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ]);
        const server = createHttpsServer(
          { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
          refuse,
        );
        try {
          const address = await listen(server);
          const result = await login(docker, scenario('tls-x509', null).store, {
            registry: address,
            username: 'ada',
            secret: 'x',
          });
          expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'registry' } });
          expect(!result.ok && result.error.message).toMatch(
            new RegExp(`does not trust the TLS certificate of ${address.replace(/\./g, '\\.')} \\(x509: `),
          );
        } finally {
          server.close();
        }
      });
    });
  });

  describe.each(clis)('shared with the docker CLI ($version)', ({ path: cli }) => {
    const label = randomBytes(2).toString('hex');

    it('saves a login through the credsStore helper, and the CLI logs in and pushes with it', async () => {
      const scene = scenario(`ours-to-cli-${label}`, { credsStore: 'dwtest' });
      const result = await login(docker, scene.store, {
        registry: registry!.address,
        username: registry!.username,
        secret: registry!.password,
      });
      expect(result).toMatchObject({
        ok: true,
        value: { source: 'credsStore', helper: 'dwtest', cliSees: true },
      });

      // The helper, run by hand, lists what we stored.
      const listed = await runProgram(join(bin, 'docker-credential-dwtest'), ['list'], scene.env);
      expect(JSON.parse(listed.stdout)).toEqual({ [registry!.address]: registry!.username });
      // The CLI's own marker, and no secret, in config.json.
      expect(JSON.parse(readFileSync(join(scene.configDir, 'config.json'), 'utf8'))).toEqual({
        credsStore: 'dwtest',
        auths: { [registry!.address]: {} },
      });

      // Without -u/-p and without a TTY, `docker login` succeeds only with the stored credentials.
      const cliLogin = await dockerCli(cli, scene, ['login', registry!.address]);
      expect(cliLogin, cliLogin.stderr).toMatchObject({ code: 0 });
      expect(cliLogin.stdout).toContain('Login Succeeded');

      const { reference, repo, tag } = await tagForRegistry(`cli-${label}`);
      try {
        const anonymous = scenario(`anonymous-${label}`, {});
        const refused = await dockerCli(cli, anonymous, ['push', reference]);
        expect(refused.code).not.toBe(0);
        expect(refused.stderr).toMatch(/no basic auth credentials|unauthorized|authentication required/);

        const before = helperCalls(scene).length;
        const pushed = await dockerCli(cli, scene, ['push', reference]);
        expect(pushed, pushed.stderr).toMatchObject({ code: 0 });
        expect(helperCalls(scene).slice(before)).toContain(`get ${registry!.address}`);
        expect(await registryHasManifest(repo, tag)).toBe(200);
      } finally {
        await docker.getImage(reference).remove();
      }
    });

    it('finds a `docker login -u … --password-stdin` made by the CLI', async () => {
      const scene = scenario(`cli-to-ours-${label}`, { credsStore: 'dwtest' });
      const cliLogin = await dockerCli(
        cli,
        scene,
        ['login', registry!.address, '-u', registry!.username, '--password-stdin'],
        `${registry!.password}\n`,
      );
      expect(cliLogin, cliLogin.stderr).toMatchObject({ code: 0 });
      expect(helperCalls(scene)).toContain(`store ${registry!.address}`);

      expect(await scene.store.get(registry!.address)).toEqual({
        registry: registry!.address,
        username: registry!.username,
        secret: registry!.password,
        kind: 'password',
        source: 'credsStore',
        helper: 'dwtest',
      });
      expect((await scene.store.list()).logins).toEqual([
        expect.objectContaining({
          registry: registry!.address,
          username: registry!.username,
          source: 'credsStore',
        }),
      ]);
    });

    it('logs the CLI out too when erasing', async () => {
      const scene = scenario(`erase-${label}`, { credsStore: 'dwtest' });
      await scene.store.store(registry!.address, registry!.username, registry!.password);
      expect((await dockerCli(cli, scene, ['login', registry!.address])).code).toBe(0);

      expect(await scene.store.erase(registry!.address)).toEqual(['session', 'credsStore']);

      const listed = await runProgram(join(bin, 'docker-credential-dwtest'), ['list'], scene.env);
      expect(JSON.parse(listed.stdout)).toEqual({});
      expect(JSON.parse(readFileSync(join(scene.configDir, 'config.json'), 'utf8')).auths).toEqual({});
      const cliLogin = await dockerCli(cli, scene, ['login', registry!.address]);
      expect(cliLogin.code).not.toBe(0);
      expect(cliLogin.stderr).toMatch(/non TTY/);
    });
  });

  it('reads plaintext auths under a legacy key, as the CLI does, and pushes with them through the engine', async () => {
    const auth = Buffer.from(`${registry!.username}:${registry!.password}`).toString('base64');
    // The user's own plaintext, on purpose: the leak scan skips this folder.
    const scene = scenario(PLAINTEXT_SCENARIO, { auths: { [`http://${registry!.address}/v1/`]: { auth } } });

    expect(await scene.store.get(registry!.address)).toMatchObject({
      username: registry!.username,
      secret: registry!.password,
      source: 'config-auths',
    });

    const ours = await tagForRegistry('plaintext');
    try {
      const authconfig = await authConfigForImage(scene.store, ours.reference);
      expect(authconfig).toEqual({
        username: registry!.username,
        password: registry!.password,
        serveraddress: registry!.address,
      });
      const stream = await docker.getImage(ours.reference).push({ authconfig: authconfig! });
      const messages = await new Promise<Array<{ error?: string }>>((resolve, reject) =>
        docker.modem.followProgress(stream, (error, output) => (error ? reject(error) : resolve(output))),
      );
      expect(messages.filter((message) => message.error)).toEqual([]);
      expect(await registryHasManifest(ours.repo, ours.tag)).toBe(200);
    } finally {
      await docker.getImage(ours.reference).remove();
    }

    // Ground truth that the file is what the CLI reads: each CLI pushes with it too.
    for (const { path: cli } of clis) {
      const theirs = await tagForRegistry('plaintext-cli');
      try {
        const pushed = await dockerCli(cli, scene, ['push', theirs.reference]);
        expect(pushed, pushed.stderr).toMatchObject({ code: 0 });
        expect(await registryHasManifest(theirs.repo, theirs.tag)).toBe(200);
      } finally {
        await docker.getImage(theirs.reference).remove();
      }
    }
  });

  it('leaves the password in no file, in any form, except the test helper’s own store', () => {
    const leaks = findLeaks([root], registry!.password, helperStores).filter(
      (leak) => !leak.startsWith(join(root, PLAINTEXT_SCENARIO)),
    );
    expect(leaks).toEqual([]);
    expect(
      helperStores.some(
        (file) => existsSync(file) && readFileSync(file, 'utf8').includes(registry!.password),
      ),
    ).toBe(true);
  });
});
