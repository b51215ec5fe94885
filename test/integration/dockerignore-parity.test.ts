/**
 * Build-context parity: every case is built twice on the rig engine — once by the app, once by the
 * engine's own `docker build` — and the files `COPY . /ctx` put into the image (read from the
 * image's last layer) must be identical: names, types, modes, sizes, link targets. Twice over:
 * - the classic builder: planContext + packContext through dockerode, against `DOCKER_BUILDKIT=0`;
 * - BuildKit: the app's session build (its file sync applies .dockerignore and the
 *   `<Dockerfile>.dockerignore` rule), against the CLI's own BuildKit build (buildx on 26.1).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildSharedKey, startSessionBuild } from '../../src/main/buildkit-session/session-build';
import { packContext, planContext } from '../../src/main/context/pack-context';
import { readJsonLines } from '../../src/main/engine/read-json-lines';
import { rigCli } from '../support/docker-cli';
import { readSavedImageLayers, readTar } from '../support/read-saved-image';
import { TEST_LABEL } from '../support/rig-info';
import { rigDocker } from '../support/test-images';

const run = promisify(execFile);
const rig = inject('rig');
const docker = rigDocker(rig.dockerHost);
const root = mkdtempSync(join(tmpdir(), 'dw-parity-'));
const created = new Set<string>();
const nodeId = randomBytes(16).toString('hex');

/** What a case's tree holds, by POSIX path inside the context. */
type Node = string | { content: string; mode: number } | { dir: true; mode?: number } | { symlink: string };

interface Case {
  name: string;
  files: Record<string, Node>;
  dockerignore?: string;
  /** `-f` relative to the context (`../x` for outside); default: `<context>/Dockerfile` written by the harness. */
  dockerfile?: string;
  /** No Dockerfile written by the harness (the tree brings its own). */
  ownDockerfile?: boolean;
  /** Spot checks that the case exercises what its name says: paths that must (not) land in /ctx. */
  present?: string[];
  absent?: string[];
  /** Spot checks where BuildKit's walker (fsutil) differs from the classic CLI's, when it does. */
  buildkit?: { present?: string[]; absent?: string[]; cliSendsEmpty?: string[] };
}

const TREE: Record<string, Node> = {
  'README.md': '# readme\n',
  'app.js': 'console.log(1)\n',
  '.env': 'SECRET=1\n',
  'src/index.js': 'x\n',
  'src/lib/util.js': 'y\n',
  'src/README.md': 'nested\n',
  'docs/guide.md': 'guide\n',
  'docs/notes.txt': 'notes\n',
  'node_modules/pkg/index.js': 'dep\n',
  'src/node_modules/inner/index.js': 'dep2\n',
  empty: { dir: true },
};

const CASES: Case[] = [
  { name: 'no .dockerignore sends everything, empty folders included', files: TREE },
  { name: 'a name matches only at the top level', files: TREE, dockerignore: 'node_modules\n' },
  { name: '**/ matches at any depth', files: TREE, dockerignore: '**/node_modules\n' },
  { name: '*.md is top-level only', files: TREE, dockerignore: '*.md\n' },
  { name: '**/*.md reaches into folders', files: TREE, dockerignore: '**/*.md\n' },
  // CLI quirk kept: a leading ** without a later wildcard is a plain suffix test, so this also
  // drops docs/guide.md and src/README.md (balena's port of moby 19.03 would keep them).
  {
    name: '**.md matches any path ending in .md',
    files: TREE,
    dockerignore: '**.md\n',
    present: ['src/index.js'],
    absent: ['README.md', 'docs/guide.md', 'src/README.md'],
  },
  { name: 'dir/ and dir are the same pattern', files: TREE, dockerignore: 'docs/\nsrc\n' },
  { name: 'leading / and ./ are cleaned away', files: TREE, dockerignore: '/docs\n./src/lib\n' },
  {
    name: '! re-includes a file inside an excluded folder',
    files: TREE,
    dockerignore: 'docs\n!docs/notes.txt\n',
    present: ['docs/notes.txt'],
    absent: ['docs/guide.md'],
  },
  { name: 'dir/* then ! one file', files: TREE, dockerignore: 'src/*\n!src/index.js\n' },
  {
    name: 'exclude everything, then ! a few',
    files: TREE,
    dockerignore: '*\n!src\n!app.js\n',
  },
  {
    name: 'the Dockerfile itself ignored is still sent (and dropped by the engine)',
    files: TREE,
    dockerignore: 'Dockerfile\n',
  },
  { name: '.dockerignore ignoring itself', files: TREE, dockerignore: '.dockerignore\n*.md\n' },
  {
    name: '.env files with an exception',
    files: { ...TREE, '.env.local': 'a\n', '.env.example': 'b\n', 'config/.env': 'c\n' },
    dockerignore: '.env\n.env.*\n!.env.example\n',
  },
  {
    name: 'patterns are case-sensitive',
    files: { 'README.MD': 'a\n', 'readme.md': 'b\n', 'Notes.Md': 'c\n' },
    dockerignore: '*.md\n',
  },
  {
    name: '? matches one character, not a slash',
    files: { 'file1.txt': '1', 'file22.txt': '2', 'file/.txt': '3', 'fileA.txt': 'a' },
    dockerignore: 'file?.txt\n',
  },
  {
    name: 'character classes and negated classes',
    files: { 'a.log': 'a', 'b.log': 'b', 'd.log': 'd', 'x.txt': 'x', 'y.txt': 'y' },
    dockerignore: '[a-c].log\n[^x].txt\n',
  },
  {
    name: 'comments, blank lines, trailing spaces, a # after a space',
    files: { ...TREE, '# not a comment': 'z', 'trailing.txt': 't' },
    dockerignore: '# a comment\n\n   \ntrailing.txt   \n\t*.md\t\n # not a comment\n#app.js\n',
  },
  {
    name: 'CRLF line endings and a byte-order mark',
    files: TREE,
    dockerignore: '\uFEFFapp.js\r\ndocs\r\n!docs/guide.md\r\n',
  },
  // CLI quirk kept (docker/buildx#850): the final `a` does not win for a/b — the walker's
  // per-pattern parent cache forgets the first `a` for the subtree once `!a/b` re-included it.
  {
    name: 'a, !a/b, a: the walker re-includes a/b',
    files: { 'a/b/f': 'f', 'a/c/g': 'g', 'a/h': 'h' },
    dockerignore: 'a\n!a/b\na\n',
    present: ['a/b/f'],
    absent: ['a/c', 'a/h'],
    // Deliberate difference: buildx's walker lists a/b/f but its filtered open then refuses it (the
    // last `a` excludes it), so the CLI's image gets a/b/f empty. The app sends what it lists.
    buildkit: { present: ['a/b/f'], absent: ['a/c', 'a/h'], cliSendsEmpty: ['a/b/f'] },
  },
  // CLI quirk kept: an excluded folder is entered only when an exception starts with its path.
  {
    name: '!**/keep does not reach into an excluded folder',
    files: { 'v/keep': 'k', 'v/w/keep': 'k', 'v/other': 'o', keep: 'k' },
    dockerignore: 'v\n!**/keep\n',
    present: ['keep'],
    absent: ['v', 'v/keep'],
    // fsutil enters an excluded folder whenever an exception could match below it.
    buildkit: { present: ['keep', 'v/keep', 'v/w/keep'], absent: ['v/other'] },
  },
  {
    name: 'an exception with a wildcard inside an excluded folder',
    files: TREE,
    dockerignore: 'docs\n!docs/*.txt\n',
  },
  {
    name: 'a deep exception: parents are implied, not sent',
    files: { 'a/b/c/keep': 'k', 'a/b/c/drop': 'd', 'a/b/other': 'o', 'a/x': 'x' },
    dockerignore: 'a\n!a/b/c/keep\n',
    present: ['a/b/c/keep'],
    absent: ['a/b/c/drop', 'a/x'],
  },
  {
    name: 'symlinks are sent as links, never followed',
    files: {
      'real/file.txt': 'r',
      'link-to-file': { symlink: 'real/file.txt' },
      'link-to-dir': { symlink: 'real' },
      'abs-link': { symlink: '/etc/hostname' },
      'up-link': { symlink: '../context' },
    },
    absent: ['link-to-dir/file.txt'],
  },
  {
    name: 'dangling symlinks (an editor lock file, a path only in the image) are sent as links',
    files: {
      ok: 'o',
      '.#notes.md': { symlink: 'user@host.1234' },
      dangling: { symlink: 'nowhere' },
      'in-image': { symlink: '/usr/share/nothing-here' },
    },
    present: ['.#notes.md', 'dangling', 'in-image'],
  },
  {
    name: 'an excluded link target does not exclude the link',
    files: { 'secret/key': 'k', 'key-link': { symlink: 'secret/key' }, 'dir-link': { symlink: 'secret' } },
    dockerignore: 'secret\n',
  },
  {
    name: 'regexp characters in names and patterns are literal',
    files: { 'c++/main.cc': 'm', 'file(1).txt': '1', 'a{b}': 'b', $x: 'x', 'a+b': 'p', aab: 'q', 'x|y': 'y' },
    dockerignore: 'c++\nfile(1).txt\na{b}\n$x\na+b\nx|y\n',
    present: ['aab'],
    absent: ['a+b', 'c++', 'file(1).txt', 'x|y'],
  },
  {
    name: 'backslash escapes a wildcard and a leading #',
    files: { '*star': 's', astar: 'a', '#hash': 'h', hash: 'h2' },
    dockerignore: '\\*star\n\\#hash\n',
  },
  { name: '** alone excludes everything', files: TREE, dockerignore: '**\n' },
  {
    name: '**/temp* and temp?/**',
    files: { 'temp1/a': 'a', 'x/temporary': 't', 'x/y/tempest/z': 'z', 'tempo/q': 'q', 'keep/me': 'm' },
    dockerignore: '**/temp*\ntemp?/**\n',
  },
  {
    name: 'a Dockerfile in an excluded folder is still sent',
    files: { ...TREE, 'docker/Dockerfile': 'FROM BASE\nCOPY . /ctx\n', 'docker/other': 'o' },
    dockerignore: 'docker\n',
    dockerfile: 'docker/Dockerfile',
    ownDockerfile: true,
    absent: ['docker/other', 'docker/Dockerfile'],
  },
  {
    name: 'a Dockerfile outside the context, no .dockerignore',
    files: TREE,
    dockerfile: '../outside.Dockerfile',
    present: ['app.js'],
    absent: ['.dockerignore'],
  },
  {
    name: 'a Dockerfile outside the context, with a .dockerignore',
    files: TREE,
    dockerignore: 'node_modules\n',
    dockerfile: '../outside.Dockerfile',
    present: ['.dockerignore'],
    absent: ['node_modules'],
  },
  {
    name: 'a/**/b and */*/deep',
    files: { 'a/b': '1', 'a/x/b': '2', 'a/x/y/b': '3', 'a/x/y/c': '4', 'p/q/deep': 'd', 'p/deep': 'e' },
    dockerignore: 'a/**/b\n*/*/deep\n',
  },
  {
    name: '.git excluded, .gitignore kept',
    files: { ...TREE, '.git/HEAD': 'ref', '.git/objects/ab/cd': 'o', '.gitignore': 'node_modules\n' },
    dockerignore: '.git\n.gitignore\n!.gitignore\n',
  },
  {
    name: 'the last matching line wins',
    files: TREE,
    dockerignore: '!app.js\n*.js\n!src/index.js\n**/*.js\n',
  },
  {
    name: 'empty folders excluded and kept',
    files: { empty1: { dir: true }, empty2: { dir: true }, 'nested/empty3': { dir: true } },
    dockerignore: 'empty1\nnested/empty3\n',
  },
  {
    name: 'unicode names: ? is one character, even past U+FFFF',
    files: { 'café.txt': 'c', 'cafe.txt': 'e', '😀.txt': 'x', 'ab.txt': 'ab' },
    dockerignore: 'caf?.txt\n?.txt\n',
    present: ['ab.txt'],
    absent: ['café.txt', 'cafe.txt', '😀.txt'],
  },
  {
    name: 'a lowercase dockerfile is used when there is no Dockerfile',
    files: { ...TREE, dockerfile: 'FROM BASE\nCOPY . /ctx\n' },
    ownDockerfile: true,
  },
  {
    name: 'modes are kept: executable, private, setgid folder',
    files: {
      'run.sh': { content: '#!/bin/sh\n', mode: 0o755 },
      'private.key': { content: 'k', mode: 0o600 },
      shared: { dir: true, mode: 0o2775 },
      'shared/file': 'f',
    },
  },
  {
    name: 'odd patterns: /, ., .., ../x are harmless',
    files: TREE,
    dockerignore: '/\n.\n..\n../x\n',
  },
  {
    name: 'a chosen Dockerfile.dev excluded by Dockerfile*',
    files: { ...TREE, 'Dockerfile.dev': 'FROM BASE\nCOPY . /ctx\n', 'Dockerfile.prod': 'p' },
    dockerignore: 'Dockerfile*\n',
    dockerfile: 'Dockerfile.dev',
    ownDockerfile: true,
  },
  {
    name: 'long and deep paths (tar PAX names)',
    files: {
      [`${'d'.repeat(60)}/${'e'.repeat(60)}/${'f'.repeat(90)}.txt`]: 'long',
      [`${'n'.repeat(120)}`]: 'long name',
      'x/ünïcödé/file': 'u',
    },
    dockerignore: `${'d'.repeat(60)}/${'e'.repeat(60)}/*.md\n`,
  },
];

/** BuildKit only: a `<Dockerfile>.dockerignore` next to the Dockerfile replaces `.dockerignore`. */
const BUILDKIT_CASES: Case[] = [
  {
    name: 'Dockerfile.dev.dockerignore replaces .dockerignore for Dockerfile.dev',
    files: {
      ...TREE,
      'Dockerfile.dev': 'FROM BASE\nCOPY . /ctx\n',
      'Dockerfile.dev.dockerignore': 'docs\nnode_modules\n',
    },
    dockerignore: 'src\n',
    dockerfile: 'Dockerfile.dev',
    ownDockerfile: true,
    present: ['src/index.js', '.dockerignore'],
    absent: ['docs/guide.md', 'node_modules'],
  },
  {
    name: 'a Dockerfile-specific ignore file in a subfolder, with exceptions',
    files: {
      ...TREE,
      'build/app.Dockerfile': 'FROM BASE\nCOPY . /ctx\n',
      'build/app.Dockerfile.dockerignore': '*\n!src\n!app.js\n',
    },
    dockerignore: 'app.js\n',
    dockerfile: 'build/app.Dockerfile',
    ownDockerfile: true,
    present: ['app.js', 'src/index.js'],
    absent: ['docs', 'build', 'README.md'],
  },
  {
    name: 'the default Dockerfile with its own Dockerfile.dockerignore',
    files: { ...TREE, 'Dockerfile.dockerignore': '**/*.md\n' },
    dockerignore: 'app.js\n',
    present: ['app.js'],
    absent: ['README.md', 'src/README.md'],
  },
];

function writeTree(contextDir: string, files: Record<string, Node>): void {
  mkdirSync(contextDir, { recursive: true });
  const modes: Array<[string, number]> = [];
  for (const [path, node] of Object.entries(files)) {
    const target = join(contextDir, path);
    mkdirSync(dirname(target), { recursive: true });
    if (typeof node === 'string') writeFileSync(target, node);
    else if ('content' in node) {
      writeFileSync(target, node.content);
      chmodSync(target, node.mode);
    } else if ('dir' in node) {
      mkdirSync(target, { recursive: true });
      if (node.mode !== undefined) modes.push([target, node.mode]);
    } else symlinkSync(node.symlink, target);
  }
  for (const [target, mode] of modes) chmodSync(target, mode);
}

/** The case on disk: the context folder and the `-f` argument, if any. */
function materialise(index: string, spec: Case): { contextDir: string; dockerfile: string | null } {
  const caseDir = join(root, `case-${index}`);
  const contextDir = join(caseDir, 'context');
  const dockerfileText = `FROM ${rig.baseImage}\nCOPY . /ctx\n`;
  const files: Record<string, Node> = {};
  for (const [path, node] of Object.entries(spec.files)) {
    files[path] = typeof node === 'string' ? node.replace('FROM BASE', `FROM ${rig.baseImage}`) : node;
  }
  writeTree(contextDir, files);
  if (spec.dockerignore !== undefined) writeFileSync(join(contextDir, '.dockerignore'), spec.dockerignore);
  if (spec.dockerfile?.startsWith('../')) writeFileSync(join(contextDir, spec.dockerfile), dockerfileText);
  else if (!spec.ownDockerfile) writeFileSync(join(contextDir, 'Dockerfile'), dockerfileText);
  return { contextDir, dockerfile: spec.dockerfile ? join(contextDir, spec.dockerfile) : null };
}

type Builder = 'classic' | 'buildkit';

async function buildOurs(builder: Builder, contextDir: string, dockerfile: string | null): Promise<string> {
  if (builder === 'buildkit') return buildOursWithSession(contextDir, dockerfile);
  const plan = await planContext(contextDir, dockerfile);
  const stream = await docker.buildImage(packContext(plan), {
    dockerfile: plan.dockerfileName,
    version: '1',
    forcerm: true,
    nocache: true,
    labels: { [TEST_LABEL]: '1' },
  } as Docker.ImageBuildOptions);
  const messages = await new Promise<Array<{ error?: string; aux?: { ID?: string } }>>((resolve, reject) =>
    docker.modem.followProgress(stream, (error, output) => (error ? reject(error) : resolve(output))),
  );
  const failure = messages.find((message) => message.error);
  if (failure) throw new Error(`our build failed: ${failure.error}`);
  const id = messages.find((message) => message.aux?.ID)?.aux?.ID;
  if (!id) throw new Error('our build reported no image id');
  created.add(id);
  return id;
}

/** The Dockerfile the CLI picks without -f: `Dockerfile`, else a lowercase `dockerfile`. */
function defaultDockerfile(contextDir: string): string {
  const upper = join(contextDir, 'Dockerfile');
  return existsSync(upper) || !existsSync(join(contextDir, 'dockerfile'))
    ? upper
    : join(contextDir, 'dockerfile');
}

async function buildOursWithSession(contextDir: string, dockerfile: string | null): Promise<string> {
  const started = await startSessionBuild(docker, {
    contextDir,
    dockerfilePath: dockerfile ?? defaultDockerfile(contextDir),
    sharedKey: buildSharedKey(nodeId, contextDir),
    labels: { [TEST_LABEL]: '1' },
    noCache: true,
  });
  if (!started.ok) throw new Error(`our session build did not start: ${started.error.message}`);
  let id: string | null = null;
  const errors: string[] = [];
  await readJsonLines(started.value.stream, (message) => {
    const record = message as { id?: string; aux?: unknown; error?: string };
    if (record.error) errors.push(record.error);
    if (record.id === 'moby.image.id') id = (record.aux as { ID: string }).ID;
  });
  await started.value.sessionClosed;
  if (errors.length > 0) throw new Error(`our session build failed: ${errors.join('; ')}`);
  if (!id) throw new Error('our session build reported no image id');
  created.add(id);
  return id;
}

async function buildWithCli(
  builder: Builder,
  contextDir: string,
  dockerfile: string | null,
): Promise<string> {
  const iid = join(root, `iid-${randomBytes(8).toString('hex')}`);
  const cli = builder === 'buildkit' ? buildxCli() : { ...rigCli(rig), command: ['build'] };
  if (!cli) throw new Error('no buildx to compare with');
  const args = [...cli.command, '-q', '--no-cache', '--iidfile', iid, '--label', `${TEST_LABEL}=1`];
  if (dockerfile) args.push('-f', dockerfile);
  args.push(contextDir);
  await run(cli.binary, args, {
    env: { ...cli.env, DOCKER_BUILDKIT: builder === 'buildkit' ? '1' : '0' },
  });
  const id = readFileSync(iid, 'utf8').trim();
  created.add(id);
  return id;
}

/** What COPY put under /ctx: one line per path with type, mode, size and link target. */
async function copiedFiles(id: string): Promise<string[]> {
  const layers = await readSavedImageLayers(await docker.getImage(id).get());
  const files = await readTar(Readable.from([layers.at(-1)!]), () => false);
  return files
    .map(({ header }) => {
      const path = header.name.replace(/\/$/, '');
      const mode = (header.mode & 0o7777).toString(8);
      const size = header.type === 'file' ? header.size : '-';
      return `${path} ${header.type} ${mode} ${size}${header.linkname ? ` -> ${header.linkname}` : ''}`;
    })
    .filter((line) => line.startsWith('ctx/') || line.startsWith('ctx '))
    .sort();
}

async function removeImages(ids: string[]): Promise<void> {
  await Promise.all(
    ids.map(async (id) => {
      created.delete(id);
      await docker
        .getImage(id)
        .remove({ force: true })
        .catch(() => undefined);
    }),
  );
}

/** Both builds of a case, compared; the images go as soon as they are read. */
async function compareBuilds(builder: Builder, contextDir: string, dockerfile: string | null) {
  const [ours, cli] = await Promise.all([
    buildOurs(builder, contextDir, dockerfile),
    buildWithCli(builder, contextDir, dockerfile),
  ]);
  try {
    const [ourFiles, cliFiles] = await Promise.all([copiedFiles(ours), copiedFiles(cli)]);
    return { ourFiles, cliFiles };
  } finally {
    await removeImages([ours, cli]);
  }
}

afterAll(async () => {
  await removeImages([...created]);
  rmSync(root, { recursive: true, force: true });
}, 300_000);

function parity(builder: Builder): void {
  const cases = builder === 'buildkit' ? [...CASES, ...BUILDKIT_CASES] : CASES;

  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.concurrent.each(cases.map((spec, index) => [spec.name, spec, index] as const))(
    '%s',
    async (_name, spec, index) => {
      const { contextDir, dockerfile } = materialise(`${builder}-${index}`, spec);
      const { ourFiles, cliFiles } = await compareBuilds(builder, contextDir, dockerfile);
      const emptied = builder === 'buildkit' ? (spec.buildkit?.cliSendsEmpty ?? []) : [];
      for (const path of emptied) {
        expect(cliFiles, `the CLI sends ${path} empty`).toContain(`ctx/${path} file 644 0`);
        const ours = ourFiles.find((line) => line.startsWith(`ctx/${path} `));
        expect(ours, `the app sends ${path} whole`).toMatch(/ file 644 [1-9]\d*$/);
      }
      const same = (line: string): boolean => !emptied.some((path) => line.startsWith(`ctx/${path} `));
      expect(ourFiles.filter(same)).toEqual(cliFiles.filter(same));
      const paths = new Set(cliFiles.map((line) => line.slice(0, line.indexOf(' '))));
      const checks = (builder === 'buildkit' && spec.buildkit) || spec;
      for (const path of checks.present ?? []) expect(paths, `${path} sent`).toContain(`ctx/${path}`);
      for (const path of checks.absent ?? []) expect(paths, `${path} not sent`).not.toContain(`ctx/${path}`);
    },
  );

  // Outside CASES: a FIFO cannot be written by writeTree.
  it('a FIFO is sent as a FIFO, as the CLI sends it', async () => {
    const { contextDir } = materialise(`${builder}-fifo`, { name: 'fifo', files: { ok: 'o' } });
    await run('mkfifo', [join(contextDir, 'pipe')]);
    const { ourFiles, cliFiles } = await compareBuilds(builder, contextDir, null);
    expect(ourFiles).toEqual(cliFiles);
    // Both clients send it; BuildKit 0.8 (dockerd 20.10) copies no FIFO into the image, 0.13 does.
    const engineCopiesFifos = !(builder === 'buildkit' && rig.target === 'engine1');
    expect(cliFiles.some((line) => line.startsWith('ctx/pipe fifo'))).toBe(engineCopiesFifos);
  });
}

describe('.dockerignore parity with docker build (classic builder)', () => parity('classic'));

/*
 * BuildKit's reference is buildx, the client `docker build` runs today. Engine 2's CLI has its own;
 * on engine 1 the same buildx 0.13 (from engine 2's unpacked release) runs as a plugin of the CLI
 * on PATH, against engine 1 — the walk being compared happens in the client. Debian's 20.10 CLI
 * is no reference here: its 2020 BuildKit client walks files in ways the app does not follow on
 * purpose (no `**` suffix rule, regexp characters in patterns rejected, no walk into an excluded
 * folder for `!**` exceptions); buildkit-session.test.ts compares engine 1's session builds with it.
 */
function buildxCli(): { binary: string; env: NodeJS.ProcessEnv; command: string[] } | null {
  if (rig.dockerCli.buildxPlugin) return { ...rigCli(rig), command: ['build'] };
  if (!rig.engine2) return null;
  const cli = rigCli({ ...rig, dockerCli: { binary: 'docker', buildxPlugin: rig.engine2.buildxPlugin } });
  return { ...cli, command: ['buildx', 'build'] };
}

describe.skipIf(buildxCli() === null)(
  '.dockerignore parity with docker build (BuildKit, against the CLI with buildx)',
  () => parity('buildkit'),
);
