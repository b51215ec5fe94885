/**
 * The docker-credential-helpers protocol, spoken to `docker-credential-<name>` the way the docker
 * CLI speaks it (github.com/docker/docker-credential-helpers, client/client.go):
 *
 * - `get`:   stdin the server URL; stdout `{"ServerURL","Username","Secret"}`
 * - `store`: stdin `{"ServerURL","Username","Secret"}`
 * - `erase`: stdin the server URL
 * - `list`:  stdout `{"<url>": "<username>"}`
 *
 * A helper reports errors on stdout and exits non-zero; "credentials not found in native keychain"
 * means there are none. An identity token is stored with the username `<token>`.
 */
import { spawn as nodeSpawn } from 'node:child_process';
import { access, constants, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { CredentialStoreError, redactSecrets } from './credential-store-error';

/** The username helpers store identity tokens under (docker/cli native_store.go). */
export const IDENTITY_TOKEN_USERNAME = '<token>';

/** The helper's message for "no credentials for this server" (credentials/error.go). */
export const CREDENTIALS_NOT_FOUND = 'credentials not found in native keychain';

export type HelperAction = 'get' | 'store' | 'erase' | 'list';

/** What a helper process printed and how it exited. */
export interface HelperOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `docker-credential-<name> <action>` with `input` on stdin.
 *
 * Throws CredentialHelperError when the helper is not installed or does not answer in time; any
 * exit code is returned, not thrown.
 */
export type RunHelper = (name: string, action: HelperAction, input: string) => Promise<HelperOutput>;

export type HelperFailure = 'not-installed' | 'timeout' | 'failed' | 'bad-output';

/** A credential helper could not do what was asked; the message names it and holds no secret. */
export class CredentialHelperError extends CredentialStoreError {
  override readonly name = 'CredentialHelperError';
  constructor(
    readonly helper: string,
    readonly failure: HelperFailure,
    message: string,
  ) {
    super(message);
  }
}

/** The executable of a helper: `docker-credential-osxkeychain` for `osxkeychain`. */
export function helperProgram(name: string): string {
  return `docker-credential-${name}`;
}

/**
 * Folders that hold credential helpers but are often missing from a GUI app's PATH: an app
 * started from the Dock or a desktop menu gets launchd's or the session's minimal PATH, not the
 * shell's, while Docker Desktop, Homebrew and Rancher Desktop install their helpers here.
 */
export function defaultHelperSearchDirs(platform: NodeJS.Platform, homeDir: string): string[] {
  if (platform === 'darwin') {
    return [
      '/usr/local/bin',
      '/opt/homebrew/bin',
      join(homeDir, '.docker', 'bin'),
      '/Applications/Docker.app/Contents/Resources/bin',
      join(homeDir, '.rd', 'bin'),
    ];
  }
  if (platform === 'win32') {
    return ['C:\\Program Files\\Docker\\Docker\\resources\\bin', join(homeDir, '.docker', 'bin')];
  }
  return ['/usr/local/bin', '/usr/bin', join(homeDir, '.docker', 'bin'), join(homeDir, '.rd', 'bin')];
}

/** Where to look for an executable and how the platform names them. */
export interface ExecutableLookup {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  /** Searched after PATH. */
  extraDirs?: readonly string[];
}

/** The full path of `program` on PATH (then `extraDirs`), or null; honours PATHEXT on Windows. */
export async function findExecutable(program: string, lookup: ExecutableLookup): Promise<string | null> {
  const windows = lookup.platform === 'win32';
  const pathValue = (windows ? (lookup.env['Path'] ?? lookup.env['PATH']) : lookup.env['PATH']) ?? '';
  const dirs = [...pathValue.split(windows ? ';' : delimiter), ...(lookup.extraDirs ?? [])].filter(
    (dir) => dir !== '',
  );
  const extensions = windows ? ['', ...(lookup.env['PATHEXT'] ?? '.COM;.EXE;.BAT;.CMD').split(';')] : [''];
  for (const dir of dirs) {
    for (const extension of extensions) {
      const candidate = join(dir, program + extension.toLowerCase());
      try {
        if (!(await stat(candidate)).isFile()) continue;
        if (!windows) await access(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

export interface RunHelperOptions extends ExecutableLookup {
  /** How long a helper may take; a keychain prompt waits for the user, so not too short. */
  timeoutMs?: number;
  /** Injected in tests; the real lookup searches PATH and `extraDirs`. */
  findExecutable?: (program: string) => Promise<string | null>;
  /** Injected in tests. */
  spawn?: typeof nodeSpawn;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** `30 s`, or `300 ms` below a second. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** The real RunHelper: finds the helper, runs it with the app's environment, and times it out. */
export function createRunHelper(options: RunHelperOptions): RunHelper {
  const spawn = options.spawn ?? nodeSpawn;
  const find = options.findExecutable ?? ((program: string) => findExecutable(program, options));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async (name, action, input) => {
    const program = helperProgram(name);
    const executable = await find(program);
    if (!executable) {
      throw new CredentialHelperError(
        name,
        'not-installed',
        `${program} is not installed or not on PATH. Install it, or change the credential helper in the docker config.`,
      );
    }
    return new Promise<HelperOutput>((resolveOutput, reject) => {
      const child = spawn(executable, [action], {
        env: { ...options.env } as NodeJS.ProcessEnv,
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
      let stdout = '';
      let stderr = '';
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish(() =>
          reject(
            new CredentialHelperError(
              name,
              'timeout',
              `${program} ${action} did not finish within ${formatDuration(timeoutMs)} (is it waiting for a keychain prompt?).`,
            ),
          ),
        );
      }, timeoutMs);
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', (error: NodeJS.ErrnoException) =>
        finish(() =>
          reject(
            new CredentialHelperError(
              name,
              error.code === 'ENOENT' ? 'not-installed' : 'failed',
              error.code === 'ENOENT'
                ? `${program} is not installed or not on PATH.`
                : `${program} could not be started: ${error.message}`,
            ),
          ),
        ),
      );
      child.on('close', (code, signal) =>
        finish(() => resolveOutput({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr })),
      );
      // A helper that exits without reading stdin makes the write fail with EPIPE; its exit code says why.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(input);
    });
  };
}

/** Credentials as a helper holds them. */
export interface HelperCredentials {
  serverUrl: string;
  username: string;
  secret: string;
}

function failure(name: string, action: HelperAction, output: HelperOutput, secrets: readonly string[]) {
  const said = redactSecrets((output.stdout.trim() || output.stderr.trim()).slice(0, 500), secrets);
  return new CredentialHelperError(
    name,
    'failed',
    `${helperProgram(name)} ${action} failed${said ? `: ${said}` : ` with exit code ${output.exitCode}`}`,
  );
}

function isNotFound(output: HelperOutput): boolean {
  return output.stdout.trim() === CREDENTIALS_NOT_FOUND || output.stderr.trim() === CREDENTIALS_NOT_FOUND;
}

/** `get`: the helper's credentials for `serverUrl`, or null when it has none. */
export async function helperGet(
  run: RunHelper,
  name: string,
  serverUrl: string,
): Promise<HelperCredentials | null> {
  const output = await run(name, 'get', serverUrl);
  if (output.exitCode !== 0) {
    if (isNotFound(output)) return null;
    throw failure(name, 'get', output, []);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(output.stdout);
  } catch {
    // Never quote the output: it may be the secret.
    throw new CredentialHelperError(name, 'bad-output', `${helperProgram(name)} get did not print JSON.`);
  }
  const { Username, Secret, ServerURL } = (parsed ?? {}) as Record<string, unknown>;
  if (typeof Username !== 'string' || typeof Secret !== 'string') {
    throw new CredentialHelperError(
      name,
      'bad-output',
      `${helperProgram(name)} get printed JSON without a "Username" and "Secret".`,
    );
  }
  // An empty secret cannot authenticate anything: the same as none.
  if (Secret === '') return null;
  return {
    serverUrl: typeof ServerURL === 'string' && ServerURL !== '' ? ServerURL : serverUrl,
    username: Username,
    secret: Secret,
  };
}

/** `store`: saves credentials in the helper. */
export async function helperStore(
  run: RunHelper,
  name: string,
  credentials: HelperCredentials,
): Promise<void> {
  const input = JSON.stringify({
    ServerURL: credentials.serverUrl,
    Username: credentials.username,
    Secret: credentials.secret,
  });
  const output = await run(name, 'store', input);
  if (output.exitCode !== 0) throw failure(name, 'store', output, [credentials.secret]);
}

/** `erase`: removes the credentials for `serverUrl`; false when the helper had none. */
export async function helperErase(run: RunHelper, name: string, serverUrl: string): Promise<boolean> {
  const output = await run(name, 'erase', serverUrl);
  if (output.exitCode === 0) return true;
  if (isNotFound(output)) return false;
  throw failure(name, 'erase', output, []);
}

/** `list`: every server URL the helper holds credentials for, with the username. */
export async function helperList(run: RunHelper, name: string): Promise<Record<string, string>> {
  // The CLI's client sends "unused" on stdin for list.
  const output = await run(name, 'list', 'unused');
  if (output.exitCode !== 0) throw failure(name, 'list', output, []);
  let parsed: unknown;
  try {
    parsed = JSON.parse(output.stdout.trim() === '' ? '{}' : output.stdout);
  } catch {
    throw new CredentialHelperError(name, 'bad-output', `${helperProgram(name)} list did not print JSON.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CredentialHelperError(
      name,
      'bad-output',
      `${helperProgram(name)} list did not print a JSON object.`,
    );
  }
  // Server URLs are looked up in this by name: no prototype to find `constructor` in.
  const listed = Object.create(null) as Record<string, string>;
  for (const [url, username] of Object.entries(parsed))
    if (typeof username === 'string') listed[url] = username;
  return listed;
}
