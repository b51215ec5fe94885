/**
 * Build-context parity: every case is built twice on the rig engine with the classic builder —
 * once from planContext + packContext through dockerode, once by the real `docker build` — and the
 * files `COPY . /ctx` put into the image (read from the image's last layer) must be identical:
 * names, types, modes, sizes, link targets.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { packContext, planContext } from '../../src/main/context/pack-context';
import { rigCli } from '../support/docker-cli';
import { readSavedImageLayers, readTar } from '../support/read-saved-image';
import { TEST_LABEL } from '../support/rig-info';
import { rigDocker } from '../support/test-images';

const run = promisify(execFile);
const rig = inject('rig');
const docker = rigDocker(rig.dockerHost);
const root = mkdtempSync(join(tmpdir(), 'dw-parity-'));
const created = new Set<string>();

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
  },
  // CLI quirk kept: an excluded folder is entered only when an exception starts with its path.
  {
    name: '!**/keep does not reach into an excluded folder',
    files: { 'v/keep': 'k', 'v/w/keep': 'k', 'v/other': 'o', keep: 'k' },
    dockerignore: 'v\n!**/keep\n',
    present: ['keep'],
    absent: ['v', 'v/keep'],
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
function materialise(index: number, spec: Case): { contextDir: string; dockerfile: string | null } {
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

async function buildOurs(contextDir: string, dockerfile: string | null): Promise<string> {
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

async function buildWithCli(contextDir: string, dockerfile: string | null): Promise<string> {
  const args = ['build', '-q', '--no-cache', '--label', `${TEST_LABEL}=1`];
  if (dockerfile) args.push('-f', dockerfile);
  args.push(contextDir);
  const cli = rigCli(rig);
  const { stdout } = await run(cli.binary, args, {
    env: { ...cli.env, DOCKER_BUILDKIT: '0' },
  });
  const id = stdout.trim().split('\n').pop()!;
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

afterAll(async () => {
  for (const id of created)
    await docker
      .getImage(id)
      .remove({ force: true })
      .catch(() => undefined);
  rmSync(root, { recursive: true, force: true });
});

describe('.dockerignore parity with docker build (classic builder)', () => {
  it('has at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.concurrent.each(CASES.map((spec, index) => [spec.name, spec, index] as const))(
    '%s',
    async (_name, spec, index) => {
      const { contextDir, dockerfile } = materialise(index, spec);
      const [ours, cli] = await Promise.all([
        buildOurs(contextDir, dockerfile),
        buildWithCli(contextDir, dockerfile),
      ]);
      const [ourFiles, cliFiles] = await Promise.all([copiedFiles(ours), copiedFiles(cli)]);
      expect(ourFiles).toEqual(cliFiles);
      const paths = new Set(cliFiles.map((line) => line.slice(0, line.indexOf(' '))));
      for (const path of spec.present ?? []) expect(paths, `${path} sent`).toContain(`ctx/${path}`);
      for (const path of spec.absent ?? []) expect(paths, `${path} not sent`).not.toContain(`ctx/${path}`);
    },
  );

  // Outside CASES: a FIFO cannot be written by writeTree.
  it('a FIFO is sent as a FIFO, as the CLI sends it', async () => {
    const { contextDir } = materialise(901, { name: 'fifo', files: { ok: 'o' } });
    await run('mkfifo', [join(contextDir, 'pipe')]);
    const [ours, cli] = await Promise.all([buildOurs(contextDir, null), buildWithCli(contextDir, null)]);
    const [ourFiles, cliFiles] = await Promise.all([copiedFiles(ours), copiedFiles(cli)]);
    expect(ourFiles).toEqual(cliFiles);
    expect(cliFiles.some((line) => line.startsWith('ctx/pipe fifo'))).toBe(true);
  });
});
