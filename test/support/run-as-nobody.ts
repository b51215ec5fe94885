import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'rolldown';
import { rawImports } from './raw-imports-plugin';

const run = promisify(execFile);

/** A main-process module bundled into one plain CommonJS file that any user can load. */
export interface NobodyBundle {
  path: string;
  dispose(): void;
}

/**
 * Bundles `entry` once, so that tests which must run code as an unprivileged user (root reads
 * every file) start plain Node in a child process — no TypeScript transpiler per test, which took
 * 4–15 s on a cold machine and made such tests depend on how warm a cache was.
 */
export async function bundleForNobody(entry: string): Promise<NobodyBundle> {
  const dir = mkdtempSync(join(tmpdir(), 'dw-nobody-bundle-'));
  chmodSync(dir, 0o755);
  const path = join(dir, 'bundle.cjs');
  await build({
    input: entry,
    platform: 'node',
    logLevel: 'silent',
    plugins: [rawImports()],
    output: { file: path, format: 'cjs' },
  });
  return { path, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs `body` as user `nobody` with the bundle's exports in `module`; `body` is an expression
 * whose (awaited) value is printed as JSON and returned.
 */
export async function runAsNobody<T>(bundle: NobodyBundle, body: string): Promise<T> {
  const script = [
    `const module = require(${JSON.stringify(bundle.path)});`,
    `Promise.resolve().then(async () => (${body})).then(`,
    '  (value) => console.log(JSON.stringify({ value })),',
    '  (error) => console.log(JSON.stringify({ thrown: String(error) })),',
    ');',
  ].join('\n');
  const { stdout } = await run(process.execPath, ['-e', script], {
    uid: 65534,
    gid: 65534,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: '/tmp' },
  });
  const answer = JSON.parse(stdout.trim().split('\n').pop()!) as { value?: T; thrown?: string };
  if (answer.thrown !== undefined) throw new Error(`As nobody: ${answer.thrown}`);
  return answer.value as T;
}
