import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** A running private registry (Debian's docker-registry) with one htpasswd user. */
export interface TestRegistry {
  address: string;
  username: string;
  password: string;
  /** Kills the registry at once, mid-request, as a crash or a pulled cable would. */
  kill(): Promise<void>;
  /** Stops the registry answering while it keeps its connections open, as a hung server does. */
  freeze(): void;
  /** Lets a frozen registry answer again. */
  thaw(): void;
  stop(): Promise<void>;
}

/**
 * Every manifest media type a push can record. The registry answers 404 for a tag whose manifest
 * type the Accept header leaves out, so asking for one type would miss the OCI manifests and image
 * indexes the containerd image store (engine 26.1) pushes.
 */
export const MANIFEST_MEDIA_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
] as const;

/**
 * Ground truth for a push: the registry's own API asked for the manifest of `repo:tag`, in
 * whichever type it holds (HTTP status 200 with `docker-content-digest` and `content-type`, or
 * 404 when nothing was recorded).
 */
export function fetchManifest(
  registry: { address: string; username: string; password: string },
  repo: string,
  tag: string,
): Promise<Response> {
  return fetch(`http://${registry.address}/v2/${repo}/manifests/${tag}`, {
    headers: {
      Accept: MANIFEST_MEDIA_TYPES.join(', '),
      Authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`,
    },
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts `docker-registry` on 127.0.0.1 with htpasswd auth and waits until `/v2/` asks for it.
 *
 * 127.0.0.0/8 is an insecure registry by default for dockerd, so plain HTTP works for push.
 */
export async function startRegistry(): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'dw-registry-'));
  const username = 'dw-tester';
  const password = `pw-${randomBytes(9).toString('hex')}`;
  const htpasswd = execFileSync('htpasswd', ['-Bbn', username, password], { encoding: 'utf8' });
  writeFileSync(join(dir, 'htpasswd'), htpasswd);
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  writeFileSync(
    join(dir, 'config.yml'),
    [
      'version: 0.1',
      'log: { level: warn }',
      'storage:',
      `  filesystem: { rootdirectory: ${join(dir, 'data')} }`,
      '  delete: { enabled: true }',
      'http:',
      `  addr: ${address}`,
      'auth:',
      '  htpasswd:',
      '    realm: dockwright-test',
      `    path: ${join(dir, 'htpasswd')}`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('docker-registry', ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const response = await fetch(`http://${address}/v2/`);
      if (response.status === 401) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`docker-registry did not start on ${address}: ${stderr.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const exited = (): Promise<unknown> =>
    new Promise((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve),
    );
  return {
    address,
    username,
    password,
    freeze() {
      child.kill('SIGSTOP');
    },
    thaw() {
      child.kill('SIGCONT');
    },
    async kill() {
      child.kill('SIGKILL');
      await exited();
    },
    async stop() {
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      await exited();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
