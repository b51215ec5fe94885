import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import tar from 'tar-stream';
import { bundleForNobody, runAsNobody, type NobodyBundle } from '../../../support/run-as-nobody';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  cleanPath,
  DockerignoreMatcher,
  DockerignorePatternError,
  parseDockerignore,
} from '../../../../src/main/context/dockerignore-matcher';
import {
  appendToDockerignore,
  ContextError,
  packContext,
  planContext,
  type ContextPlan,
} from '../../../../src/main/context/pack-context';

const repoRoot = resolve(import.meta.dirname, '../../../..');

let dir: string;
let context: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-pack-context-'));
  context = join(dir, 'ctx');
  mkdirSync(context);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes files (string content) and folders (null) under `root`. */
function tree(root: string, files: Record<string, string | null>): void {
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    if (content === null) mkdirSync(target, { recursive: true });
    else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
}

const paths = (plan: ContextPlan): string[] => plan.entries.map((entry) => entry.path);

async function planError(promise: Promise<unknown>): Promise<ContextError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ContextError);
  return error as ContextError;
}

interface TarEntry {
  header: tar.Header;
  data: Buffer;
}

async function unpack(stream: NodeJS.ReadableStream): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  const extract = tar.extract();
  extract.on('entry', (header, body, next) => {
    const chunks: Buffer[] = [];
    body.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    body.on('end', () => {
      entries.push({ header, data: Buffer.concat(chunks) });
      next();
    });
  });
  await new Promise<void>((done, fail) => {
    extract.on('finish', done);
    extract.on('error', fail);
    stream.on('error', fail);
    stream.pipe(extract as unknown as NodeJS.WritableStream);
  });
  return entries;
}

describe('planContext', () => {
  it('lists everything in byte order, folders (empty ones too) included', async () => {
    tree(context, {
      Dockerfile: 'FROM scratch\n',
      'b.txt': 'bb',
      'a/x.txt': 'x',
      'a/y/z.txt': 'zzz',
      B: '',
      empty: null,
    });
    const plan = await planContext(context, null);
    expect(paths(plan)).toEqual(['B', 'Dockerfile', 'a', 'a/x.txt', 'a/y', 'a/y/z.txt', 'b.txt', 'empty']);
    expect(plan.entries.find((entry) => entry.path === 'a')).toEqual({
      path: 'a',
      type: 'directory',
      size: 0,
    });
    expect(plan.fileCount).toBe(5);
    expect(plan.totalBytes).toBe(13 + 2 + 1 + 3);
    expect(plan).toMatchObject({
      contextDir: context,
      dockerfilePath: join(context, 'Dockerfile'),
      dockerfileName: 'Dockerfile',
      dockerfileAdded: false,
      hasDockerignore: false,
    });
  });

  it('applies .dockerignore and still sends an ignored Dockerfile and .dockerignore', async () => {
    tree(context, {
      Dockerfile: 'FROM scratch\n',
      '.dockerignore': 'Dockerfile\n.dockerignore\nnode_modules\n**/*.log\n!keep.log\n',
      'node_modules/dep/index.js': 'x',
      'src/app.js': 'a',
      'src/debug.log': 'l',
      'keep.log': 'k',
    });
    const plan = await planContext(context, null);
    expect(paths(plan)).toEqual(['.dockerignore', 'Dockerfile', 'keep.log', 'src', 'src/app.js']);
    expect(plan.hasDockerignore).toBe(true);
  });

  it('walks into an excluded folder only for an exception that starts with its path', async () => {
    tree(context, { Dockerfile: '', 'docs/a.md': 'a', 'docs/keep.txt': 'k', 'v/keep.txt': 'v' });
    writeFileSync(join(context, '.dockerignore'), 'docs\nv\n!docs/keep.txt\n!**/keep.txt\n');
    const plan = await planContext(context, null);
    // No `docs` entry: the engine creates the folder; `v` is pruned despite `!**/keep.txt`, as the CLI does.
    expect(paths(plan)).toEqual(['.dockerignore', 'Dockerfile', 'docs/keep.txt']);
  });

  it('falls back to a lowercase dockerfile and takes a relative Dockerfile path from the context', async () => {
    tree(context, { dockerfile: 'FROM scratch\n', 'build/Dockerfile.dev': 'FROM scratch\n' });
    expect((await planContext(context, null)).dockerfileName).toBe('dockerfile');
    const plan = await planContext(context, 'build/Dockerfile.dev');
    expect(plan.dockerfileName).toBe('build/Dockerfile.dev');
    expect(plan.dockerfilePath).toBe(join(context, 'build/Dockerfile.dev'));
  });

  it('adds a Dockerfile from outside the context under a random name, hidden by .dockerignore', async () => {
    tree(dir, { 'outside.Dockerfile': 'FROM scratch\nCOPY . /\n' });
    tree(context, { 'app.js': 'a' });
    const plan = await planContext(context, join(dir, 'outside.Dockerfile'));
    expect(plan.dockerfileAdded).toBe(true);
    expect(plan.dockerfileName).toMatch(/^\.dockerfile\.[0-9a-f]{20}$/);
    expect(plan.hasDockerignore).toBe(false);
    const dockerignore = `.dockerignore\n${plan.dockerfileName}\n`;
    expect(plan.entries).toEqual([
      { path: 'app.js', type: 'file', size: 1 },
      { path: '.dockerignore', type: 'file', size: dockerignore.length },
    ]);

    const entries = await unpack(packContext(plan));
    expect(entries.map((entry) => entry.header.name)).toEqual([
      'app.js',
      '.dockerignore',
      plan.dockerfileName,
    ]);
    expect(entries[1]!.data.toString()).toBe(dockerignore);
    expect(entries[2]!.data.toString()).toBe('FROM scratch\nCOPY . /\n');
    expect(entries[2]!.header.mode).toBe(0o600);
  });

  it('appends the added Dockerfile name to an existing .dockerignore, in place', async () => {
    tree(dir, { 'outside.Dockerfile': 'FROM scratch\n' });
    tree(context, { '.dockerignore': '*.log', 'a.log': 'l', 'b.txt': 'b' });
    const plan = await planContext(context, join(dir, 'outside.Dockerfile'));
    const expected = `*.log\n${plan.dockerfileName}\n`;
    expect(plan.entries).toEqual([
      { path: '.dockerignore', type: 'file', size: expected.length },
      { path: 'b.txt', type: 'file', size: 1 },
    ]);
    const entries = await unpack(packContext(plan));
    expect(entries[0]!.data.toString()).toBe(expected);
    expect(entries.map((entry) => entry.header.name)).toEqual([
      '.dockerignore',
      'b.txt',
      plan.dockerfileName,
    ]);
  });

  it('fails with CONTEXT_NOT_FOUND and DOCKERFILE_NOT_FOUND naming the path', async () => {
    const missing = join(dir, 'nope');
    expect(await planError(planContext(missing, null))).toMatchObject({
      code: 'CONTEXT_NOT_FOUND',
      path: missing,
    });
    tree(dir, { 'file.txt': 'x' });
    expect((await planError(planContext(join(dir, 'file.txt'), null))).code).toBe('CONTEXT_NOT_FOUND');

    const noDockerfile = await planError(planContext(context, null));
    expect(noDockerfile).toMatchObject({ code: 'DOCKERFILE_NOT_FOUND', path: join(context, 'Dockerfile') });
    expect(noDockerfile.message).toContain(join(context, 'Dockerfile'));
    mkdirSync(join(context, 'Dockerfile'));
    expect((await planError(planContext(context, null))).code).toBe('DOCKERFILE_NOT_FOUND');
    expect((await planError(planContext(context, join(dir, 'other')))).code).toBe('DOCKERFILE_NOT_FOUND');
  });

  it('sends every symlink as a link, dangling ones too, and notes those pointing nowhere or outside', async () => {
    tree(context, { Dockerfile: '', 'real/file': 'r' });
    symlinkSync('real', join(context, 'dir-link'));
    symlinkSync('/', join(context, 'root-link'));
    symlinkSync('missing/target', join(context, 'dangling'));
    // An editor's lock file: a link to a name that is not a file at all.
    symlinkSync('user@host.1234', join(context, '.#notes.md'));
    symlinkSync('../../elsewhere', join(context, 'real/up-link'));
    const plan = await planContext(context, null);
    expect(paths(plan)).toEqual([
      '.#notes.md',
      'Dockerfile',
      'dangling',
      'dir-link',
      'real',
      'real/file',
      'real/up-link',
      'root-link',
    ]);
    expect(plan.entries.filter((entry) => entry.type === 'symlink').map((entry) => entry.path)).toEqual([
      '.#notes.md',
      'dangling',
      'dir-link',
      'real/up-link',
      'root-link',
    ]);
    expect(plan.notes).toEqual({ danglingLinks: 3, linksLeavingContext: 2, socketsLeftOut: [] });
    expect(plan.fileCount).toBe(7);

    const entries = await unpack(packContext(plan));
    const links = Object.fromEntries(
      entries
        .filter((entry) => entry.header.type === 'symlink')
        .map((entry) => [entry.header.name, entry.header.linkname]),
    );
    expect(links).toEqual({
      '.#notes.md': 'user@host.1234',
      dangling: 'missing/target',
      'dir-link': 'real',
      'real/up-link': '../../elsewhere',
      'root-link': '/',
    });
  });

  it('sends a FIFO as a FIFO without opening it, and leaves sockets out with a note, as the CLI does', async () => {
    tree(context, { Dockerfile: '', 'ok.txt': 'o' });
    execFileSync('mkfifo', [join(context, 'pipe')]);
    const server: Server = createServer();
    await new Promise<void>((done) => server.listen(join(context, 'sock'), done));
    try {
      const plan = await planContext(context, null);
      expect(plan.entries).toContainEqual({ path: 'pipe', type: 'fifo', size: 0 });
      expect(paths(plan)).not.toContain('sock');
      expect(plan.notes.socketsLeftOut).toEqual(['sock']);
      // Reading the pipe would block until a writer came; a finished tar shows nobody opened it.
      const entries = await unpack(packContext(plan));
      const pipe = entries.find((entry) => entry.header.name === 'pipe')!;
      expect(pipe.header.type).toBe('fifo');
      expect(pipe.data.length).toBe(0);
      expect(pipe.header.mode).toBe(statSync(join(context, 'pipe')).mode & 0o7777);

      writeFileSync(join(context, '.dockerignore'), 'pipe\nsock\n');
      const ignored = await planContext(context, null);
      expect(paths(ignored)).toEqual(['.dockerignore', 'Dockerfile', 'ok.txt']);
      expect(ignored.notes.socketsLeftOut).toEqual([]);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  // Only root may create device nodes; elsewhere this behaviour cannot be set up.
  it.runIf(process.getuid?.() === 0)(
    'sends a device as a device node with its numbers, as the CLI does',
    async () => {
      tree(context, { Dockerfile: '' });
      execFileSync('mknod', [join(context, 'null'), 'c', '1', '3']);
      const plan = await planContext(context, null);
      expect(plan.entries).toContainEqual({ path: 'null', type: 'character-device', size: 0 });
      const entries = await unpack(packContext(plan));
      const device = entries.find((entry) => entry.header.name === 'null')!;
      expect(device.header).toMatchObject({ type: 'character-device', devmajor: 1, devminor: 3 });
      expect(device.data.length).toBe(0);
    },
  );

  it('rejects a pattern the CLI rejects with DOCKERIGNORE_INVALID and its line', async () => {
    tree(context, { Dockerfile: '', '.dockerignore': '# ok\nfine\n[abc\n' });
    const error = await planError(planContext(context, null));
    expect(error.code).toBe('DOCKERIGNORE_INVALID');
    expect(error.message).toContain('line 3');
    writeFileSync(join(context, '.dockerignore'), '!\n');
    expect((await planError(planContext(context, null))).code).toBe('DOCKERIGNORE_INVALID');
  });

  it('names the line of a pattern whose regexp Go rejects, and of a line too long for the CLI', async () => {
    tree(context, { Dockerfile: '', '.dockerignore': 'node_modules\n[Local-Only]/\n' });
    const range = await planError(planContext(context, null));
    expect(range.code).toBe('DOCKERIGNORE_INVALID');
    expect(range.message).toMatch(/^\.dockerignore \(line 2\): "\[Local-Only\]" is not a valid pattern/);
    writeFileSync(join(context, '.dockerignore'), `ok\n${'x'.repeat(65_535)}\n${'y'.repeat(65_536)}\n`);
    const long = await planError(planContext(context, null));
    expect(long.code).toBe('DOCKERIGNORE_INVALID');
    expect(long.message).toContain('line 3');
  });

  it('stops with the abort reason', async () => {
    tree(context, { Dockerfile: '' });
    const controller = new AbortController();
    controller.abort(new Error('user cancelled'));
    await expect(planContext(context, null, { signal: controller.signal })).rejects.toThrow('user cancelled');
  });
});

/**
 * planContext as an unprivileged user: root reads everything, so when the tests run as root a
 * child process runs the bundled module as `nobody` (see test/support/run-as-nobody.ts).
 */
let nobodyBundle: NobodyBundle | null = null;

beforeAll(async () => {
  if (process.getuid?.() === 0) {
    nobodyBundle = await bundleForNobody(join(repoRoot, 'src/main/context/pack-context.ts'));
  }
}, 60_000);
afterAll(() => nobodyBundle?.dispose());

interface UnprivilegedPlan {
  code?: string;
  path?: string;
  errorPaths?: string[];
  message?: string;
  paths?: string[];
}

async function planUnprivileged(contextDir: string): Promise<UnprivilegedPlan> {
  if (!nobodyBundle) {
    try {
      return { paths: paths(await planContext(contextDir, null)) };
    } catch (error) {
      if (!(error instanceof ContextError)) throw error;
      return { code: error.code, path: error.path, errorPaths: [...error.paths], message: error.message };
    }
  }
  chmodSync(dir, 0o755);
  return runAsNobody<UnprivilegedPlan>(
    nobodyBundle,
    `module.planContext(${JSON.stringify(contextDir)}, null).then(
      (plan) => ({ paths: plan.entries.map((entry) => entry.path) }),
      (error) => ({ code: error.code, path: error.path, errorPaths: error.paths, message: error.message }),
    )`,
  );
}

describe('a .dockerignore that is not a small regular file', () => {
  it('is refused with DOCKERIGNORE_INVALID instead of being read without bound', async () => {
    tree(context, { Dockerfile: 'FROM scratch\n' });
    symlinkSync('/dev/zero', join(context, '.dockerignore'));
    const error = await planError(planContext(context, null));
    expect(error.code).toBe('DOCKERIGNORE_INVALID');
    expect(error.message).toMatch(/\.dockerignore/);
  });
});

describe('unreadable files and folders', () => {
  beforeEach(() => {
    tree(context, { Dockerfile: '', 'ok.txt': 'o' });
    chmodSync(context, 0o755);
  });

  it('names an unreadable file with CONTEXT_UNREADABLE', async () => {
    tree(context, { 'secret.txt': 's' });
    chmodSync(join(context, 'secret.txt'), 0o000);
    expect(await planUnprivileged(context)).toMatchObject({
      code: 'CONTEXT_UNREADABLE',
      path: join(context, 'secret.txt'),
    });
  });

  it('names an unreadable folder, but never walks into an excluded one', async () => {
    tree(context, { 'node_modules/locked/x': 'x' });
    chmodSync(join(context, 'node_modules/locked'), 0o000);
    expect(await planUnprivileged(context)).toMatchObject({
      code: 'CONTEXT_UNREADABLE',
      path: join(context, 'node_modules/locked'),
    });
    writeFileSync(join(context, '.dockerignore'), 'node_modules\n');
    expect(await planUnprivileged(context)).toEqual({ paths: ['.dockerignore', 'Dockerfile', 'ok.txt'] });
    // An exception under the folder makes the walk enter it, and then the locked folder matters.
    writeFileSync(join(context, '.dockerignore'), 'node_modules\n!node_modules/locked/x\n');
    expect((await planUnprivileged(context)).code).toBe('CONTEXT_UNREADABLE');
  });

  it('names every unreadable file and folder at once, not only the first', async () => {
    tree(context, { 'a-secret.txt': 's', 'locked/x': 'x', 'sub/z-secret.txt': 'z', 'sub/fine.txt': 'f' });
    for (const path of ['a-secret.txt', 'locked', 'sub/z-secret.txt']) chmodSync(join(context, path), 0o000);
    const result = await planUnprivileged(context);
    expect(result).toMatchObject({
      code: 'CONTEXT_UNREADABLE',
      path: join(context, 'a-secret.txt'),
      errorPaths: [join(context, 'a-secret.txt'), join(context, 'locked'), join(context, 'sub/z-secret.txt')],
    });
    expect(result.message).toContain('Cannot read 3 paths');
    expect(result.message).toContain('"sub/z-secret.txt"');
  });

  it('is fine with an unreadable file that is excluded', async () => {
    tree(context, { '.env': 's', '.dockerignore': '.env\n' });
    chmodSync(join(context, '.env'), 0o000);
    expect(await planUnprivileged(context)).toEqual({ paths: ['.dockerignore', 'Dockerfile', 'ok.txt'] });
  });
});

describe('packContext', () => {
  it('sends exactly the planned entries with modes, whole-second mtimes, uid/gid 0 and links', async () => {
    tree(context, {
      Dockerfile: 'FROM scratch\n',
      'run.sh': '#!/bin/sh\n',
      'locked.txt': 'l',
      'dir/inner.txt': 'inner',
      'dir/deeper': null,
      'ignored.txt': 'no',
      '.dockerignore': 'ignored.txt\n',
      [`${'long-folder-name/'.repeat(8)}file-with-a-long-name.txt`]: 'deep',
      'ünïcödé.txt': 'u',
    });
    chmodSync(join(context, 'run.sh'), 0o755);
    // Root reads a 000 file; anyone else would get CONTEXT_UNREADABLE, tested above.
    const lockedMode = process.getuid?.() === 0 ? 0o000 : 0o400;
    chmodSync(join(context, 'locked.txt'), lockedMode);
    chmodSync(join(context, 'dir'), 0o2750);
    symlinkSync('dir/inner.txt', join(context, 'link'));
    utimesSync(join(context, 'dir/inner.txt'), 1_700_000_000.75, 1_700_000_000.75);
    const plan = await planContext(context, null);

    const entries = await unpack(packContext(plan));
    expect(entries.map((entry) => entry.header.name)).toEqual(
      plan.entries.map((entry) => (entry.type === 'directory' ? `${entry.path}/` : entry.path)),
    );
    const byName = new Map(entries.map((entry) => [entry.header.name, entry]));
    for (const entry of plan.entries) {
      const { header, data } = byName.get(entry.type === 'directory' ? `${entry.path}/` : entry.path)!;
      const stats = statSync(join(context, entry.path), { throwIfNoEntry: false });
      expect(header.uid).toBe(0);
      expect(header.gid).toBe(0);
      expect(header.type).toBe(entry.type);
      if (entry.type === 'file') {
        expect(data.equals(readFileSync(join(context, entry.path)))).toBe(true);
        expect(header.mode).toBe(stats!.mode & 0o7777);
      }
    }
    expect(byName.get('run.sh')!.header.mode).toBe(0o755);
    expect(byName.get('locked.txt')!.header.mode).toBe(lockedMode);
    expect(byName.get('dir/')!.header.mode).toBe(0o2750);
    expect(byName.get('link')!.header.linkname).toBe('dir/inner.txt');
    expect(byName.get('dir/inner.txt')!.header.mtime.getTime()).toBe(1_700_000_000_000);
    expect(byName.has('ignored.txt')).toBe(false);
  });

  it('streams big files intact and reports progress up to totalBytes', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) % 251;
    tree(context, { Dockerfile: 'FROM scratch\n' });
    writeFileSync(join(context, 'big.bin'), big);
    for (let i = 0; i < 300; i++) tree(context, { [`many/${i}.txt`]: 'x'.repeat(i * 10) });
    const plan = await planContext(context, null);
    const progress: number[] = [];
    const entries = await unpack(packContext(plan, { onProgress: (bytes) => progress.push(bytes) }));
    expect(entries.find((entry) => entry.header.name === 'big.bin')!.data.equals(big)).toBe(true);
    expect(entries).toHaveLength(plan.entries.length);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(plan.totalBytes);
  });

  it('destroys the stream with the abort reason', async () => {
    tree(context, { Dockerfile: '' });
    for (let i = 0; i < 200; i++) tree(context, { [`f${i}`]: 'y'.repeat(4096) });
    const plan = await planContext(context, null);
    const controller = new AbortController();
    const stream = packContext(plan, { signal: controller.signal });
    controller.abort(new Error('stop now'));
    await expect(unpack(stream)).rejects.toThrow('stop now');
  });

  it('fails with a ContextError when a planned file vanished before sending', async () => {
    tree(context, { Dockerfile: '', 'gone.txt': 'g' });
    const plan = await planContext(context, null);
    rmSync(join(context, 'gone.txt'));
    const error = await unpack(packContext(plan)).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ContextError);
    expect(error).toMatchObject({ code: 'CONTEXT_UNREADABLE', path: join(context, 'gone.txt') });
  });
});

describe('biggestFolders', () => {
  it('ranks top-level folders by bytes, at most 8, with an escaped pattern', async () => {
    tree(context, { Dockerfile: '', 'main.py': 'p' });
    for (let i = 0; i < 10; i++)
      tree(context, { [`f${i}/data.bin`]: 'x'.repeat(100 * (i + 1)), [`f${i}/more`]: 'y' });
    tree(context, { 'odd[1]/x': 'x'.repeat(5000), 'only-links/': null });
    symlinkSync('../main.py', join(context, 'only-links/l'));
    const plan = await planContext(context, null);
    expect(plan.biggestFolders).toHaveLength(8);
    expect(plan.biggestFolders[0]).toEqual({ path: 'odd[1]', bytes: 5000, files: 1, pattern: 'odd\\[1\\]' });
    expect(plan.biggestFolders[1]).toEqual({ path: 'f9', bytes: 1001, files: 2, pattern: 'f9' });
    expect(plan.biggestFolders.map((folder) => folder.path)).not.toContain('only-links');
    expect(new DockerignoreMatcher(['odd\\[1\\]']).excludes('odd[1]/x')).toBe(true);
  });

  it('looks inside a lone top-level folder that holds the whole build', async () => {
    tree(context, {
      Dockerfile: '',
      '.dockerignore': '',
      'app/src/a.js': 'aaaa',
      'app/assets/logo.png': 'pp',
      'app/x': '',
    });
    const plan = await planContext(context, null);
    expect(plan.biggestFolders.map((folder) => [folder.path, folder.bytes])).toEqual([
      ['app/src', 4],
      ['app/assets', 2],
    ]);
  });
});

describe('appendToDockerignore', () => {
  it('never writes through a linked .dockerignore (a cloned repo pointing it at ~/.bashrc)', async () => {
    const bashrc = join(dir, 'bashrc');
    writeFileSync(bashrc, 'export PS1=x\n');
    symlinkSync(bashrc, join(context, '.dockerignore'));
    await expect(appendToDockerignore(context, ['$(touch${IFS}PWNED)'])).rejects.toMatchObject({
      code: 'DOCKERIGNORE_INVALID',
    });
    expect(readFileSync(bashrc, 'utf8')).toBe('export PS1=x\n');
  });

  it('keeps the mode of the .dockerignore it adds to', async () => {
    writeFileSync(join(context, '.dockerignore'), '.git\n');
    chmodSync(join(context, '.dockerignore'), 0o664);
    await appendToDockerignore(context, ['node_modules']);
    expect(statSync(join(context, '.dockerignore')).mode & 0o777).toBe(0o664);
  });

  it('creates the file when missing', async () => {
    await appendToDockerignore(context, ['node_modules', '.git']);
    expect(readFileSync(join(context, '.dockerignore'), 'utf8')).toBe('node_modules\n.git\n');
  });

  it('keeps the content, adds a missing final newline, and skips patterns already there', async () => {
    writeFileSync(join(context, '.dockerignore'), '# deps\n/node_modules\n*.log');
    await appendToDockerignore(context, ['node_modules', 'dist', './dist/', '*.log', '.env']);
    expect(readFileSync(join(context, '.dockerignore'), 'utf8')).toBe(
      '# deps\n/node_modules\n*.log\ndist\n.env\n',
    );
  });

  it('keeps CRLF line endings and only fixes the final newline when nothing is new', async () => {
    writeFileSync(join(context, '.dockerignore'), 'a\r\nb');
    await appendToDockerignore(context, ['c']);
    expect(readFileSync(join(context, '.dockerignore'), 'utf8')).toBe('a\r\nb\r\nc\r\n');
    writeFileSync(join(context, '.dockerignore'), 'a');
    await appendToDockerignore(context, ['a']);
    expect(readFileSync(join(context, '.dockerignore'), 'utf8')).toBe('a\n');
  });
});

describe('dockerignore matcher (CLI semantics)', () => {
  it('parses like the CLI: BOM, comments before trimming, CRLF, ! with spaces, cleaned paths', () => {
    const lines = parseDockerignore('\uFEFF# comment\r\n  # not a comment\n\n! ./a/../b/ \n/c//d/.\n./\n/\n');
    expect(lines).toEqual([
      { pattern: '# not a comment', line: 2 },
      { pattern: '!b', line: 4 },
      { pattern: 'c/d', line: 5 },
      { pattern: '.', line: 6 },
      { pattern: '/', line: 7 },
    ]);
    expect(cleanPath('a/./b/../../..')).toBe('..');
    expect(cleanPath('/../x/')).toBe('/x');
  });

  it('keeps the CLI quirks: a leading ** is a suffix test, regexp characters are literal', () => {
    const matcher = new DockerignoreMatcher(['**.md', 'a+b', 'f(1)']);
    expect(matcher.excludes('docs/guide.md')).toBe(true);
    expect(matcher.excludes('a+b')).toBe(true);
    expect(matcher.excludes('aab')).toBe(false);
    expect(matcher.excludes('f(1)')).toBe(true);
    expect(new DockerignoreMatcher(['**/*.md']).excludes('x.markdown')).toBe(false);
  });

  it('walks like the CLI: the parent cache re-includes a/b for a, !a/b, a (docker/buildx#850)', () => {
    const matcher = new DockerignoreMatcher(['a', '!a/b', 'a']);
    const a = matcher.walkMatch('a', null);
    expect(a.excluded).toBe(true);
    expect(matcher.mustEnter('a')).toBe(true);
    expect(matcher.walkMatch('a/b', a.matches).excluded).toBe(false);
    expect(matcher.walkMatch('a/c', a.matches).excluded).toBe(true);
    // Without the cache (MatchesOrParentMatches) the last `a` wins.
    expect(matcher.excludes('a/b')).toBe(true);
  });

  it('throws for patterns filepath.Match rejects', () => {
    for (const bad of ['[abc', '[]', '[-a]', 'x\\', '!']) {
      expect(() => new DockerignoreMatcher([bad]), bad).toThrow(DockerignorePatternError);
    }
    expect(() => new DockerignoreMatcher(['[a-c]', '[^x]y', '\\[lit\\]'])).not.toThrow();
  });
});
