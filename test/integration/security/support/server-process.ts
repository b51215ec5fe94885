/**
 * Browser mode's real entry point (src/main/browser/serve.ts) in its own process, as a user runs it,
 * so a test can tell "answered" from "the process died": an in-process server would take the test
 * runner down with it, or have its crash swallowed by the runner.
 *
 * The entry is bundled once per test file into plain CommonJS (bare imports stay requires, found
 * through NODE_PATH). No engine: DOCKER_HOST points at a socket that does not exist.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build as bundle } from 'rolldown';
import { rawImports } from '../../../support/raw-imports-plugin';

const repoRoot = resolve(import.meta.dirname, '../../../..');

export interface ServerProcess {
  origin: string;
  port: number;
  /** The one-time link the process printed. */
  link: string;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** The exit code, or null while it runs. */
  exitCode(): number | null;
  stop(): Promise<void>;
}

/** Bundles serve.ts into `<dir>/main/browser.cjs`, beside a one-file renderer in `<dir>/renderer`. */
export async function bundleServe(): Promise<{ dir: string; entry: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'dw-security-'));
  const entry = join(dir, 'main/browser.cjs');
  await bundle({
    input: join(repoRoot, 'src/main/browser/serve.ts'),
    platform: 'node',
    logLevel: 'silent',
    plugins: [rawImports()],
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    output: { file: entry, format: 'cjs' },
  });
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer/index.html'), '<!doctype html><div id="root"></div>\n');
  return { dir, entry };
}

/** Starts the bundled entry on 127.0.0.1 with a free port; resolves once it printed its link. */
export async function startServerProcess(bundled: { dir: string; entry: string }): Promise<ServerProcess> {
  const home = mkdtempSync(join(bundled.dir, 'home-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [bundled.entry, '--port', '0', '--host', '127.0.0.1', '--data-dir', join(home, 'data'), '--no-open'],
    {
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        HOME: home,
        NODE_PATH: join(repoRoot, 'node_modules'),
        DOCKER_HOST: `unix://${join(home, 'no-engine.sock')}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const link = await new Promise<string>((resolveLink, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /one-time link to sign in: (\S+)/.exec(stdout);
      if (match?.[1]) resolveLink(match[1]);
    });
    child.once('exit', (code) =>
      reject(new Error(`browser mode exited (${code}) before printing a link: ${stderr}`)),
    );
  });
  const url = new URL(link);
  return {
    origin: url.origin,
    port: Number(url.port),
    link,
    stderr: () => stderr,
    exitCode: () => child.exitCode ?? (child.signalCode ? -1 : null),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
