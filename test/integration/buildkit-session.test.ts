/*
 * BuildKit through a session (issue #16 part 1) on the rig engine, compared with the docker
 * 20.10 CLI's own BuildKit session build (/usr/bin/docker, DOCKER_BUILDKIT=1) of the same context.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { readJsonLines } from '../../src/main/engine/read-json-lines';
import type { SyncReport } from '../../src/main/buildkit-session/file-sync-service';
import {
  buildSharedKey,
  startSessionBuild,
  type SessionBuildOptions,
} from '../../src/main/buildkit-session/session-build';
import { makeContext } from '../support/build-fixtures';
import { dockerCli } from '../support/docker-cli';
import { TEST_LABEL, TEST_PREFIX } from '../support/rig-info';
import { rigDocker } from '../support/test-images';

const rig = inject('rig');
const run = promisify(execFile);
/** Debian 12's docker.io CLI: the reference whose BuildKit build runs through its own session. */
const CLI_20 = '/usr/bin/docker';
const nodeId = randomBytes(16).toString('hex');
const created: string[] = [];
const tempDirs: string[] = [];

interface SessionResult {
  imageId: string | null;
  errors: string[];
  reports: SyncReport[];
  logs: string;
}

async function sessionBuild(
  contextDir: string,
  extra: Partial<SessionBuildOptions> & { dockerfile?: string } = {},
): Promise<SessionResult> {
  const docker = rigDocker(rig.dockerHost);
  const reports: SyncReport[] = [];
  const { dockerfile, ...options } = extra;
  const started = await startSessionBuild(docker, {
    contextDir,
    dockerfilePath: join(contextDir, dockerfile ?? 'Dockerfile'),
    sharedKey: buildSharedKey(nodeId, contextDir),
    labels: { [TEST_LABEL]: '1' },
    onSync: (report) => reports.push(report),
    ...options,
  });
  if (!started.ok) throw new Error(started.error.message);
  const result: SessionResult = { imageId: null, errors: [], reports, logs: '' };
  await readJsonLines(started.value.stream, (message) => {
    const record = message as { id?: string; aux?: unknown; error?: string };
    if (record.error) result.errors.push(record.error);
    if (record.id === 'moby.image.id') result.imageId = (record.aux as { ID: string }).ID;
    if (record.id === 'moby.buildkit.trace') result.logs += String(record.aux);
  });
  await started.value.sessionClosed;
  if (result.imageId) created.push(result.imageId);
  return result;
}

async function cliBuild(contextDir: string, args: string[] = []): Promise<string> {
  const config = mkdtempSync(join(tmpdir(), 'dw-cli-config-'));
  tempDirs.push(config);
  const iid = join(config, 'iid');
  await run(CLI_20, ['build', '-q', '--iidfile', iid, '--label', `${TEST_LABEL}=1`, ...args, contextDir], {
    env: { ...process.env, DOCKER_HOST: rig.dockerHost, DOCKER_BUILDKIT: '1', DOCKER_CONFIG: config },
    maxBuffer: 16 * 1024 * 1024,
  });
  const id = (await import('node:fs')).readFileSync(iid, 'utf8').trim();
  created.push(id);
  return id;
}

async function inImage(image: string, script: string): Promise<string> {
  return dockerCli(rig.dockerHost, ['run', '--rm', '--label', `${TEST_LABEL}=1`, image, 'sh', '-c', script]);
}

/** Every path under /ctx with its mode, owner, size, link target, mtime (not folders'), and checksum. */
const LISTING =
  'cd /ctx && find . -mindepth 1 | sort | while read -r p; do stat -c "%n %f %u:%g %s %N" "$p"; done; ' +
  // A folder's mtime is when the engine wrote its last file there, not the context's.
  'find . ! -type d | sort | while read -r p; do stat -c "%n %Y" "$p"; done; ' +
  'find . -type f | sort | xargs md5sum';

function tempContext(files: Record<string, string>): string {
  const dir = makeContext(files);
  tempDirs.push(dir);
  return dir;
}

afterAll(async () => {
  for (const id of new Set(created))
    await dockerCli(rig.dockerHost, ['rmi', '-f', id]).catch(() => undefined);
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('BuildKit build through a session', () => {
  it('builds, and the copied files equal the 20.10 CLI build of the same context', async () => {
    const context = tempContext({
      Dockerfile: `FROM ${rig.baseImage}\nCOPY . /ctx/\n`,
      '.dockerignore': '*.log\n!keep.log\nsecret/\n**/*.tmp\n',
      'a.txt': 'alpha\n',
      'keep.log': 'kept\n',
      'drop.log': 'dropped\n',
      'secret/key': 'do not send\n',
      'sub/deeper/b.txt': 'beta\n',
      'sub/deeper/c.tmp': 'temp\n',
      'sub/d.bin': randomBytes(300_000).toString('latin1'),
    });
    chmodSync(join(context, 'a.txt'), 0o755);
    chmodSync(join(context, 'sub/deeper'), 0o750);
    symlinkSync('deeper/b.txt', join(context, 'sub/link'));
    symlinkSync('/nowhere', join(context, 'dangling'));

    const ours = await sessionBuild(context, { noCache: true });
    expect(ours.errors).toEqual([]);
    expect(ours.imageId).toMatch(/^sha256:/);
    const theirs = await cliBuild(context, ['--no-cache']);

    const listing = await inImage(ours.imageId!, LISTING);
    expect(listing).toBe(await inImage(theirs, LISTING));
    expect(listing).toContain('./keep.log');
    expect(listing).not.toContain('drop.log');
    expect(listing).not.toContain('secret');
    expect(listing).not.toContain('c.tmp');
  });

  it('applies <Dockerfile>.dockerignore instead of .dockerignore, like the CLI', async () => {
    const context = tempContext({
      'app.Dockerfile': `FROM ${rig.baseImage}\nCOPY . /ctx/\n`,
      'app.Dockerfile.dockerignore': 'b.txt\n',
      '.dockerignore': 'a.txt\n',
      'a.txt': 'a\n',
      'b.txt': 'b\n',
    });
    const ours = await sessionBuild(context, { dockerfile: 'app.Dockerfile' });
    expect(ours.errors).toEqual([]);
    const theirs = await cliBuild(context, ['-f', join(context, 'app.Dockerfile')]);
    const listing = await inImage(ours.imageId!, LISTING);
    expect(listing).toBe(await inImage(theirs, LISTING));
    expect(listing).toContain('./a.txt');
    expect(listing).not.toContain('./b.txt');
  });

  it('sends only the changed file when a 2,000-file context is built again', async () => {
    const files: Record<string, string> = { Dockerfile: `FROM ${rig.baseImage}\nCOPY . /ctx/\n` };
    for (let dir = 0; dir < 20; dir++) {
      for (let file = 0; file < 100; file++) files[`d${dir}/f${file}.txt`] = `${dir}/${file}\n`;
    }
    const context = tempContext(files);
    const wholeContext = (reports: SyncReport[]): SyncReport[] =>
      reports.filter((report) => report.dirName === 'context' && !report.filter.followPaths);
    const started = Date.now();
    const first = await sessionBuild(context);
    const firstMs = Date.now() - started;
    expect(first.errors).toEqual([]);
    const [firstSync] = wholeContext(first.reports);
    expect(firstSync).toMatchObject({ entries: 2001 + 20, requests: 2001 });

    writeFileSync(join(context, 'd7/f42.txt'), 'changed\n');
    const again = Date.now();
    const second = await sessionBuild(context);
    const secondMs = Date.now() - again;
    expect(second.errors).toEqual([]);
    const [secondSync] = wholeContext(second.reports);
    expect(secondSync).toMatchObject({ entries: 2021, requests: 1, bytes: 'changed\n'.length });
    expect(await inImage(second.imageId!, 'cat /ctx/d7/f42.txt')).toBe('changed\n');
    console.info(`2,000 files: first build ${firstMs} ms, rebuild after one change ${secondMs} ms`);
  });

  it('mounts a secret for RUN and keeps it out of the image and its history', async () => {
    const secret = `s3cret-${randomBytes(8).toString('hex')}`;
    const context = tempContext({
      Dockerfile: `FROM ${rig.baseImage}\nRUN --mount=type=secret,id=s sha256sum /run/secrets/s | cut -c1-64 > /seen\n`,
    });
    const ours = await sessionBuild(context, {
      secrets: new Map([['s', Buffer.from(secret)]]),
      noCache: true,
    });
    expect(ours.errors).toEqual([]);
    const hash = createHash('sha256').update(secret).digest('hex');
    expect((await inImage(ours.imageId!, 'cat /seen')).trim()).toBe(hash);
    expect(await inImage(ours.imageId!, 'ls /run/secrets 2>/dev/null || true')).toBe('');
    const history = await dockerCli(rig.dockerHost, ['history', '--no-trunc', ours.imageId!]);
    expect(history).not.toContain(secret);
    const saved = await run('sh', ['-c', `docker save ${ours.imageId} | grep -c ${secret} || true`], {
      env: { ...process.env, DOCKER_HOST: rig.dockerHost },
    });
    expect(saved.stdout.trim()).toBe('0');
    expect(ours.logs).not.toContain(Buffer.from(secret).toString('base64'));
  });

  it('fails the RUN when the secret is not given', async () => {
    const context = tempContext({
      Dockerfile: `FROM ${rig.baseImage}\nRUN --mount=type=secret,id=missing,required=true cat /run/secrets/missing\n`,
    });
    const ours = await sessionBuild(context, { noCache: true });
    expect(ours.imageId).toBeNull();
    expect(ours.errors.join('\n')).toMatch(/secret/i);
  });

  it('pulls a private base image through the Auth service', async (test) => {
    if (!rig.registry) test.skip('no docker-registry on this machine (Debian package docker-registry)');
    const registry = rig.registry!;
    const reference = `${registry.address}/${TEST_PREFIX}/private-base:${randomBytes(4).toString('hex')}`;
    const config = mkdtempSync(join(tmpdir(), 'dw-cli-config-'));
    tempDirs.push(config);
    const cli = (args: string[], input?: string) =>
      new Promise<void>((resolve, reject) => {
        const child = execFile(
          CLI_20,
          args,
          { env: { ...process.env, DOCKER_HOST: rig.dockerHost, DOCKER_CONFIG: config } },
          (error) => (error ? reject(error) : resolve()),
        );
        if (input !== undefined) child.stdin!.end(input);
      });
    await cli(['tag', rig.baseImage, reference]);
    await cli(['login', '-u', registry.username, '--password-stdin', registry.address], registry.password);
    await cli(['push', reference]);
    await cli(['rmi', reference]);
    const context = tempContext({ Dockerfile: `FROM ${reference}\nRUN echo private > /from\n` });

    const anonymous = await sessionBuild(context);
    expect(anonymous.imageId).toBeNull();
    expect(anonymous.errors.join('\n')).toMatch(/unauthorized|authorization|denied|401/i);

    const hosts: string[] = [];
    const ours = await sessionBuild(context, {
      lookupCredentials: (host) => {
        hosts.push(host);
        return host === registry.address ? { username: registry.username, secret: registry.password } : null;
      },
    });
    expect(ours.errors).toEqual([]);
    expect(hosts).toContain(registry.address);
    expect(await inImage(ours.imageId!, 'cat /from')).toBe('private\n');
    await dockerCli(rig.dockerHost, ['rmi', '-f', reference]).catch(() => undefined);
  });

  it('forwards an ssh agent to RUN --mount=type=ssh', async (test) => {
    if (!existsSync('/usr/bin/ssh-agent') || !existsSync('/usr/bin/ssh-add'))
      test.skip('no openssh-client here');
    const home = mkdtempSync(join(tmpdir(), 'dw-ssh-'));
    tempDirs.push(home);
    const socket = join(home, 'agent.sock');
    const agent: ChildProcess = spawn('/usr/bin/ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      for (let tries = 0; tries < 100 && !existsSync(socket); tries++)
        await new Promise((r) => setTimeout(r, 50));
      await run('ssh-keygen', [
        '-q',
        '-t',
        'ed25519',
        '-N',
        '',
        '-C',
        'dw-test-key',
        '-f',
        join(home, 'key'),
      ]);
      await run('ssh-add', [join(home, 'key')], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
      // The base image has no ssh client: bring the host's ssh-add with the libraries it loads.
      const context = tempContext({
        Dockerfile: `FROM ${rig.baseImage}\nCOPY root/ /\nRUN --mount=type=ssh /usr/bin/ssh-add -l > /keys\n`,
      });
      const { stdout } = await run('ldd', ['/usr/bin/ssh-add']);
      const libraries = [...stdout.matchAll(/(\/\S+\.so[^\s]*)/g)].map((match) => match[1]!);
      for (const file of ['/usr/bin/ssh-add', ...libraries]) {
        mkdirSync(dirname(join(context, 'root', file)), { recursive: true });
        copyFileSync(file, join(context, 'root', file));
        chmodSync(join(context, 'root', file), 0o755);
      }
      const ours = await sessionBuild(context, { sshAgents: new Map([['default', socket]]), noCache: true });
      expect(ours.errors).toEqual([]);
      expect(await inImage(ours.imageId!, 'cat /keys')).toContain('dw-test-key');
    } finally {
      agent.kill();
    }
  });

  it('cancels: aborting stops the running step on the engine', async () => {
    const context = tempContext({ Dockerfile: `FROM ${rig.baseImage}\nRUN sleep 29 && touch /never\n` });
    const controller = new AbortController();
    const started = await startSessionBuild(rigDocker(rig.dockerHost), {
      contextDir: context,
      dockerfilePath: join(context, 'Dockerfile'),
      sharedKey: buildSharedKey(nodeId, context),
      noCache: true,
      signal: controller.signal,
    });
    if (!started.ok) throw new Error(started.error.message);
    const ended = readJsonLines(started.value.stream, () => undefined).catch(() => undefined);
    // The step's process runs on this host (the rig engine is local): wait for it, abort, wait for it to go.
    const sleeping = async (): Promise<boolean> =>
      (await run('sh', ['-c', 'ps -eo args | grep -c "^sleep 29$" || true'])).stdout.trim() !== '0';
    for (let tries = 0; tries < 200 && !(await sleeping()); tries++)
      await new Promise((r) => setTimeout(r, 50));
    expect(await sleeping()).toBe(true);
    const abortedAt = Date.now();
    controller.abort();
    await ended;
    await started.value.sessionClosed;
    const streamMs = Date.now() - abortedAt;
    for (let tries = 0; tries < 200 && (await sleeping()); tries++)
      await new Promise((r) => setTimeout(r, 50));
    const stoppedMs = Date.now() - abortedAt;
    // Far below the step's 29 s: the engine killed it.
    expect(await sleeping()).toBe(false);
    console.info(
      `cancel: stream and session closed after ${streamMs} ms, step process gone after ${stoppedMs} ms`,
    );
  });
});
