/**
 * Browser mode's entry point (built to out/main/browser.js, run with plain `node`): the same app
 * served to a browser, for machines without Electron's runtime or with the engine elsewhere.
 */
import { readFileSync } from 'node:fs';
import { homedir, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { isLoopbackHost, isWildcardHost } from './access-guard';
import { createBrowserServer } from './browser-server';
import { defaultDataDir } from './default-data-dir';
import { guardProcess } from './guard-process';
import { openInBrowser } from './open-in-browser';
import { parseServeArgs, SERVE_USAGE } from './parse-serve-args';

function packageVersion(): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version?: string })
      .version;
  } catch {
    return undefined;
  }
}

/** This machine's non-loopback IPv4 addresses, for links on a wildcard bind. */
function externalAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((entries) =>
    (entries ?? [])
      .filter((entry) => !entry.internal && entry.family === 'IPv4')
      .map((entry) => entry.address),
  );
}

async function main(): Promise<void> {
  guardProcess(process, (line) => console.error(line));
  const args = parseServeArgs(process.argv.slice(2));
  if ('error' in args) {
    console.error(`${args.error}\n\n${SERVE_USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    console.log(SERVE_USAGE);
    return;
  }
  if (!isLoopbackHost(args.host)) {
    console.warn(
      `Warning: listening on ${args.host}, not loopback. Whoever reaches this address and gets a sign-in ` +
        'link controls your Docker engine (root-equivalent), over plain HTTP. Prefer 127.0.0.1 and SSH ' +
        'port forwarding (see README, "Browser mode").',
    );
  }
  const homeDir = homedir();
  const version = packageVersion();
  const server = await createBrowserServer({
    rendererDir: join(__dirname, '../renderer'),
    host: args.host,
    port: args.port,
    env: process.env,
    homeDir,
    dataDir: args.dataDir ?? defaultDataDir(process.env, process.platform, homeDir),
    sessionIdleMs: args.sessionIdleMs,
    ...(version ? { version } : {}),
  });

  const link = server.issueLink();
  console.log(`Dockwright (browser mode) is serving ${server.origin}/`);
  console.log(`Open this one-time link to sign in: ${link}`);
  if (isWildcardHost(args.host)) {
    // The same one-time link under this machine's other addresses; whichever is opened first signs in.
    for (const address of externalAddresses()) {
      console.log(
        `  or from another machine: ${link.replace(server.origin, `http://${address}:${server.port}`)}`,
      );
    }
  }
  if (process.stdin.isTTY) console.log('Press Enter for another link; Ctrl+C stops Dockwright.');
  if (args.open && openInBrowser(link, process.platform, process.env)) {
    console.log('Opened it in your browser.');
  }

  if (process.stdin.isTTY) {
    // Each link signs in once, in one tab; another tab, a second browser or an ended session needs a new one.
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', () => console.log(`One-time link: ${server.issueLink()}`));
  }

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    const running = server.services.builds.running().length + server.services.pushes.running().length;
    if (running > 0) console.log(`Cancelling ${running} running operation${running > 1 ? 's' : ''}…`);
    server.services.builds.running().forEach((id) => server.services.builds.cancel(id));
    server.services.pushes.running().forEach((id) => server.services.pushes.cancel(id));
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: NodeJS.ErrnoException) => {
  const reason =
    error.code === 'EADDRINUSE'
      ? 'that port is already in use; pick another with --port, or --port 0 for a free one'
      : error.message;
  console.error(`Dockwright could not start browser mode: ${reason}`);
  process.exit(1);
});
